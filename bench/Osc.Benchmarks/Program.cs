// SPDX-License-Identifier: Apache-2.0
using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace Osc.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher (e.g. <c>--filter '*' --job short</c>), plus two modes that need whole
/// processes: <c>stream N</c> (peak working set of a streamed batch) and <c>startup …</c> (process wall times).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "stream":
                return StreamMode.Run(args[1..]);
            case "startup":
                return StartupMode.Run(args[1..]);
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
