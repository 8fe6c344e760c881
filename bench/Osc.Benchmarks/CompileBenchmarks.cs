// SPDX-License-Identifier: Apache-2.0
using BenchmarkDotNet.Attributes;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers;

namespace Osc.Benchmarks;

/// <summary>
/// Each pipeline stage per input and OS family, against the floor (YamlDotNet's parser events on the
/// same bytes) in the same run: the Ratio column is stage time / floor time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[Config(typeof(SizeColumns.Config))]
public class CompileBenchmarks
{
    private static readonly ValidationOptions RenderValidation = new() { RequireSecrets = true };
    private byte[] _bytes = [];
    private OscInput _loaded = null!;

    [Params(BenchInputs.Reconcile, BenchInputs.Provision)]
    public string Input { get; set; } = BenchInputs.Reconcile;

    [ParamsSource(nameof(Families))]
    public string Os { get; set; } = "gardenlinux";

    public static string[] Families => BenchInputs.OsFamilies;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = BenchInputs.Bytes(Input, Os);
        BenchInputs.CompileChecked(_bytes, $"{Input}/{Os}");
        // Valid input with no findings: validating or rendering it again adds nothing to its report.
        _loaded = BenchInputs.Load(_bytes);
    }

    [Benchmark(Baseline = true, Description = "Floor (YamlDotNet events)")]
    public int Floor() => BenchInputs.ParseEvents(_bytes);

    [Benchmark]
    public OscInput Load() => BenchInputs.Load(_bytes);

    [Benchmark]
    public Report Validate() => OscValidator.Validate(_loaded, RenderValidation);

    /// <summary>OscRenderer.Render on a loaded input: it validates first (secrets required), as the library entry always does.</summary>
    [Benchmark]
    public RenderResult Render() => OscRenderer.Render(_loaded, BenchInputs.Options);

    [Benchmark(Description = "FullCompile")]
    public RenderResult FullCompile() => BenchInputs.Compile(_bytes);
}
