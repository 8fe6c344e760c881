// SPDX-License-Identifier: Apache-2.0
using System.Text;

namespace Osc.Cli.Tests;

/// <summary>Runs the CLI in-process with captured streams and a chosen environment.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string[] args, string stdin = "", bool terminal = false, Dictionary<string, string>? variables = null,
        TimeSpan? progressDelay = null) =>
        Run(args, new MemoryStream(Encoding.UTF8.GetBytes(stdin)), terminal, variables, progressDelay);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (a pipe that never ends, say).</summary>
    public static Result Run(string[] args, Stream stdin, bool terminal = false, Dictionary<string, string>? variables = null,
        TimeSpan? progressDelay = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var app = new OscApp(stdin, stdout, stderr, new FakeEnvironment(terminal, variables ?? [], progressDelay ?? TimeSpan.FromMinutes(10)));
        var code = app.Run(args);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    private sealed class FakeEnvironment(bool terminal, Dictionary<string, string> variables, TimeSpan progressDelay) : ICliEnvironment
    {
        public TimeSpan ProgressDelay => progressDelay;

        public bool ErrorIsTerminal => terminal;

        public string? GetVariable(string name) => variables.TryGetValue(name, out var value) ? value : null;
    }
}
