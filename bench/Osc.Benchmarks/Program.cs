// SPDX-License-Identifier: Apache-2.0
using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace Osc.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher (e.g. <c>--filter '*' --job short</c>), plus modes that need whole
/// processes: <c>ratios</c> (full compile / floor, alternating),
/// <c>stream N</c> (peak working set of a streamed batch), <c>startup …</c> (process wall times),
/// <c>loop INPUT OS N</c> (full compiles for a profiler) and <c>check-generator</c> (incremental step reasons).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "stream":
                return StreamMode.Run(args[1..]);
            case "ratios":
                return RatioMode.Run(args[1..]);
            case "ratios-generator":
                return RatioMode.RunGenerator(args[1..]);
            case "startup":
                return StartupMode.Run(args[1..]);
            case "loop":
                // loop INPUT OS N: full compiles in a loop, for a profiler (dotnet-trace, valgrind --tool=callgrind)
                var bytes = BenchInputs.Bytes(args[1], args[2]);
                var count = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
                long total = 0;
                for (var i = 0; i < count; i++)
                {
                    total += BenchInputs.OutputBytes(BenchInputs.Compile(bytes));
                }
                Console.WriteLine(total);
                return 0;
            case "loop-generator":
                // loop-generator N: fresh generator driver runs on the OSC schema, for a profiler
                var generator = new GeneratorBenchmarks();
                generator.Setup();
                long length = 0;
                for (var i = 0; i < int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture); i++)
                {
                    length += generator.OscGeneratorCold();
                }
                Console.WriteLine(length);
                return 0;
            case "check-generator":
                foreach (var (step, reasons) in GeneratorRuns.CheckIncrementalRunIsCached(BenchInputs.Schema()).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"{step}: {reasons}");
                }
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
