// SPDX-License-Identifier: Apache-2.0
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Osc.Cli;

/// <summary>
/// Runs a batch (reading, checking and rendering many inputs) and, when stderr is a terminal and the
/// batch takes longer than a moment, shows its progress there with Spectre.Console. On a pipe, or
/// while the batch is quick, nothing is shown. The work runs on a worker thread; this thread only
/// draws what the work reports through <see cref="Tracker"/>.
/// </summary>
internal static class BatchProgress
{
    /// <summary>How long a batch runs before progress is shown on a terminal.</summary>
    public static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(400);

    /// <summary>What the work tells the display: the phase it is in and how far it got.</summary>
    internal sealed class Tracker
    {
        private string _phase = "starting";
        private int _done;
        private int _total = 1;

        public string Phase => Volatile.Read(ref _phase);

        public int Done => Volatile.Read(ref _done);

        public int Total => Volatile.Read(ref _total);

        /// <summary>Enters a phase of <paramref name="total"/> steps.</summary>
        public void Begin(string phase, int total)
        {
            Volatile.Write(ref _total, Math.Max(1, total));
            Volatile.Write(ref _done, 0);
            Volatile.Write(ref _phase, phase);
        }

        public void Step() => Interlocked.Increment(ref _done);
    }

    public static T Run<T>(TextWriter stderr, ICliEnvironment environment, Func<Tracker, T> work)
    {
        var tracker = new Tracker();
        if (!environment.ErrorIsTerminal)
        {
            return work(tracker);
        }
        var running = Task.Factory.StartNew(() => work(tracker), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!running.Wait(environment.ProgressDelay))
        {
            Show(stderr, environment, tracker, running);
        }
        return running.GetAwaiter().GetResult();
    }

    private static void Show(TextWriter stderr, ICliEnvironment environment, Tracker tracker, Task running)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = AnsiSupport.Detect,
            ColorSystem = string.IsNullOrEmpty(environment.GetVariable("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(tracker.Phase));
                while (!running.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    Update(task, tracker);
                    context.Refresh();
                }
                Update(task, tracker);
                task.Value = task.MaxValue;
            });
    }

    private static void Update(ProgressTask task, Tracker tracker)
    {
        task.Description = Markup.Escape(tracker.Phase);
        task.MaxValue = tracker.Total;
        task.Value = Math.Min(tracker.Done, tracker.Total);
    }
}
