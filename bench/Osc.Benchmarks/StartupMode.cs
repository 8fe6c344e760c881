// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Osc.Benchmarks;

/// <summary>
/// <c>startup AOT_OSC OSC_DLL INPUT [RUNS]</c>: wall time of whole processes, the commands taken in
/// turn in every round (so machine load hits them alike): /bin/true, the AOT <c>osc validate INPUT</c>,
/// <c>dotnet osc.dll validate INPUT</c>. Prints medians and the ratios the targets are about.
/// </summary>
public static class StartupMode
{
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: startup AOT_OSC OSC_DLL INPUT [RUNS]");
            return 2;
        }
        var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
        var commands = new (string Name, string File, string[] Args)[]
        {
            ("/bin/true", "/bin/true", []),
            ("aot osc validate", args[0], ["validate", args[2]]),
            ("dotnet osc.dll validate", "dotnet", [args[1], "validate", args[2]]),
        };
        var times = commands.Select(_ => new List<double>()).ToArray();
        for (var round = -3; round < runs; round++)
        {
            for (var c = 0; c < commands.Length; c++)
            {
                var ms = Once(commands[c].File, commands[c].Args);
                if (round >= 0)
                {
                    times[c].Add(ms);
                }
            }
        }
        var medians = times.Select(Median).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup runs={runs} (alternating, after 3 warm-up rounds)"));
        for (var c = 0; c < commands.Length; c++)
        {
            var sorted = times[c].OrderBy(t => t).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {commands[c].Name,-26} median={medians[c]:0.000} ms  p10={sorted[sorted.Count / 10]:0.000}  p90={sorted[sorted.Count * 9 / 10]:0.000}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  aot / true = {medians[1] / medians[0]:0.00}x (target <= 5)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  dotnet dll / aot = {medians[2] / medians[1]:0.00}x (target >= 5)"));
        return 0;
    }

    private static double Once(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}");
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
