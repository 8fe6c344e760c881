// SPDX-License-Identifier: Apache-2.0
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Osc.Benchmarks;

/// <summary>
/// <c>stream N [--parallel] [--floor]</c>: compiles N OSCs of the batch one after another (or on every core) in this process, dropping each
/// result, and prints the peak working set (VmHWM) — run it for 10k and 100k in separate processes.
/// </summary>
public static class StreamMode
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var parallel = args.Contains("--parallel");
        // --floor: only YamlDotNet's parser events over each OSC's bytes (does the floor itself scale?)
        Func<int, long> one = args.Contains("--floor") ? i => BenchInputs.ParseEvents(BatchSource.Input(i)) : BatchSource.CompileOne;
        BatchSource.Check();
        var watch = Stopwatch.StartNew();
        long bytes = 0;
        if (parallel)
        {
            System.Threading.Tasks.Parallel.For(0, count, () => 0L, (i, _, local) => local + one(i),
                local => System.Threading.Interlocked.Add(ref bytes, local));
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                bytes += one(i);
            }
        }
        watch.Stop();
        var peakKb = StatusKb("VmHWM");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stream count={count} parallel={parallel} seconds={watch.Elapsed.TotalSeconds:0.00} per_osc_us={watch.Elapsed.TotalMilliseconds * 1000 / count:0.0} rendered_bytes={bytes} peak_working_set_mib={peakKb / 1024.0:0.0} gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)} server_gc={System.Runtime.GCSettings.IsServerGC}"));
        return 0;
    }

    /// <summary>A field of /proc/self/status in kB (VmHWM: the peak resident set).</summary>
    private static long StatusKb(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
