// SPDX-License-Identifier: Apache-2.0
using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Osc.Benchmarks;

/// <summary>
/// Count OSCs compiled through the library API (load, validate, render), one at a time, results
/// dropped: single-threaded against Parallel.For on every core. Ratio = parallel / single.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Jobs))]
public class BatchBenchmarks
{
    /// <summary>Whole batches are long: one warm-up batch and three measured ones, with workstation and with server GC.</summary>
    public sealed class Jobs : ManualConfig
    {
        public Jobs()
        {
            var batch = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3);
            AddJob(batch.WithGcServer(false).WithId("WorkstationGC"));
            AddJob(batch.WithGcServer(true).WithId("ServerGC"));
        }
    }

    [Params(10_000)]
    public int Count { get; set; } = 10_000;

    [GlobalSetup]
    public void Setup() => BatchSource.Check();

    [Benchmark(Baseline = true)]
    public long SingleThreaded()
    {
        long bytes = 0;
        for (var i = 0; i < Count; i++)
        {
            bytes += BatchSource.CompileOne(i);
        }
        return bytes;
    }

    [Benchmark]
    public long Parallel()
    {
        long bytes = 0;
        System.Threading.Tasks.Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => 0L, (i, _, local) => local + BatchSource.CompileOne(i), local => Interlocked.Add(ref bytes, local));
        return bytes;
    }
}

/// <summary>
/// The batch: OSC number i is input (a) or (b) alternately, OS family i/2 mod 4, named after i;
/// its bytes are made when it is compiled, so nothing grows with the batch.
/// </summary>
public static class BatchSource
{
    private static readonly string[] Templates = [BenchInputs.Template(BenchInputs.Reconcile), BenchInputs.Template(BenchInputs.Provision)];

    public static byte[] Input(int i) => Encoding.UTF8.GetBytes(BenchInputs.Text(
        Templates[i % 2], BenchInputs.OsFamilies[i / 2 % BenchInputs.OsFamilies.Length], i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Compiles OSC i and returns the bytes it rendered; the result itself is dropped.</summary>
    public static long CompileOne(int i) => BenchInputs.OutputBytes(BenchInputs.Compile(Input(i)));

    /// <summary>The first cycle of the batch must be clean (one object, no findings).</summary>
    public static void Check()
    {
        for (var i = 0; i < 2 * BenchInputs.OsFamilies.Length; i++)
        {
            BenchInputs.CompileChecked(Input(i), "batch item " + i);
        }
    }
}
