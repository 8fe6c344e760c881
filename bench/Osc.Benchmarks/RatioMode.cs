// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;

namespace Osc.Benchmarks;

/// <summary>
/// <c>ratios [ROUNDS]</c>: full compile against the floor on every input and OS family, the two
/// taken in turn in short blocks (so a busy machine slows both alike); the ratio is the median of
/// the per-round ratios. Time is this process's CPU time (clock_gettime CLOCK_PROCESS_CPUTIME_ID,
/// GC and JIT threads included), which other processes on a busy machine do not inflate as they do
/// wall time. Allocations are counted exactly for one operation on this thread.
/// </summary>
public static partial class RatioMode
{
    private const int ClockProcessCpuTime = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double CpuMicroseconds()
    {
        ClockGetTime(ClockProcessCpuTime, out var t);
        return t.Seconds * 1e6 + t.Nanoseconds / 1e3;
    }

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        Console.WriteLine($"ratios: {rounds} rounds of alternating blocks (~25 ms of CPU each) per case; medians of process CPU time; allocations of one operation");
        // Warm every case first, so tiered JIT work in the background does not land in the first case's CPU time.
        foreach (var input in new[] { BenchInputs.Reconcile, BenchInputs.Provision })
        {
            foreach (var os in BenchInputs.OsFamilies)
            {
                var bytes = BenchInputs.Bytes(input, os);
                for (var i = 0; i < 200; i++)
                {
                    BenchInputs.ParseEvents(bytes);
                    BenchInputs.Compile(bytes);
                }
            }
        }
        System.Threading.Thread.Sleep(500);
        Console.WriteLine("| input | OS | floor CPU µs | full compile CPU µs | full / floor | input B | output B | allocated B | budget B (4×in+out) | allocated / budget | floor allocated B |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var input in new[] { BenchInputs.Reconcile, BenchInputs.Provision })
        {
            foreach (var os in BenchInputs.OsFamilies)
            {
                var bytes = BenchInputs.Bytes(input, os);
                var output = BenchInputs.OutputBytes(BenchInputs.CompileChecked(bytes, input + "/" + os));
                Func<long> floor = () => BenchInputs.ParseEvents(bytes);
                Func<long> full = () => BenchInputs.Compile(bytes).Objects.Count;
                var (floorUs, fullUs, ratio) = Alternate(floor, full, rounds);
                var allocated = AllocatedBy(full);
                var floorAllocated = AllocatedBy(floor);
                var budget = 4L * bytes.Length + output;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {input} | {os} | {floorUs:0.0} | {fullUs:0.0} | {ratio:0.00} | {bytes.Length} | {output} | {allocated} | {budget} | {(double)allocated / budget:0.00} | {floorAllocated} |"));
            }
        }
        return 0;
    }

    /// <summary><c>ratios-generator [ROUNDS]</c>: NJsonSchema's codegen against our generator (fresh driver), alternating, CPU time.</summary>
    public static int RunGenerator(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        var benchmarks = new GeneratorBenchmarks();
        benchmarks.Setup();
        Func<long> njson = () => benchmarks.NJsonSchemaCodegen();
        Func<long> ours = () => benchmarks.OscGeneratorCold();
        Func<long> incremental = () => benchmarks.OscGeneratorIncremental().GetHashCode();
        var (njsonUs, oursUs, ratio) = Alternate(njson, ours, rounds);
        var (_, incrementalUs, _) = Alternate(njson, incremental, Math.Max(3, rounds / 4));
        Console.WriteLine($"ratios-generator: {rounds} rounds of alternating blocks (~25 ms of CPU each); medians of process CPU time");
        Console.WriteLine("| generator | CPU µs | allocated B | NJsonSchema / this |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| NJsonSchema CSharpGenerator | {njsonUs:0} | {AllocatedBy(njson)} | 1.00 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| OscGenerator, fresh driver | {oursUs:0} | {AllocatedBy(ours)} | {1 / ratio:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| OscGenerator, re-run after an unrelated edit | {incrementalUs:0.0} | {AllocatedBy(incremental)} | {njsonUs / incrementalUs:0} |"));
        return 0;
    }

    /// <summary>Median per-op times of both and the median of the per-round ratios b/a.</summary>
    private static (double A, double B, double Ratio) Alternate(Func<long> a, Func<long> b, int rounds)
    {
        var perBlockA = Calibrate(a);
        var perBlockB = Calibrate(b);
        var timesA = new List<double>();
        var timesB = new List<double>();
        var ratios = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var ta = Block(a, perBlockA);
            var tb = Block(b, perBlockB);
            timesA.Add(ta);
            timesB.Add(tb);
            ratios.Add(tb / ta);
        }
        return (Median(timesA), Median(timesB), Median(ratios));
    }

    /// <summary>Warms up (tiered JIT) and returns how many operations make a ~25 ms block.</summary>
    private static int Calibrate(Func<long> op)
    {
        for (var i = 0; i < 300; i++)
        {
            op();
        }
        var us = Block(op, 50);
        return Math.Max(1, (int)(25_000 / us));
    }

    private static double Block(Func<long> op, int count)
    {
        long sink = 0;
        var start = CpuMicroseconds();
        for (var i = 0; i < count; i++)
        {
            sink += op();
        }
        var elapsed = CpuMicroseconds() - start;
        GC.KeepAlive(sink);
        return elapsed / count;
    }

    private static long AllocatedBy(Func<long> op)
    {
        op();
        var before = GC.GetAllocatedBytesForCurrentThread();
        op();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
