// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NJsonSchema;
using NJsonSchema.CodeGeneration.CSharp;
using Osc.Generator;

namespace Osc.Benchmarks;

/// <summary>
/// Our generator on schemas/operatingsystemconfig.schema.json through CSharpGeneratorDriver (a fresh
/// driver: parse, spec, emit records, enums and binders) against NJsonSchema's CSharpGenerator on
/// the same text (parse, generate one file of classes), and our incremental re-run after an
/// unrelated source edit.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class GeneratorBenchmarks
{
    private string _schema = "";
    private string _schemaForNJsonSchema = "";
    private CSharpCompilation _compilation = null!;
    private Compilation _editA = null!;
    private Compilation _editB = null!;
    private GeneratorDriver _warm = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _schema = BenchInputs.Schema();
        _schemaForNJsonSchema = ForNJsonSchema(_schema);
        _compilation = GeneratorRuns.Consumer();
        _editA = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal sealed class EditA { } }"));
        _editB = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal sealed class EditB { } }"));
        _warm = GeneratorRuns.Driver(_schema, track: false).RunGenerators(_compilation);
        GeneratorRuns.CheckIncrementalRunIsCached(_schema);
    }

    [Benchmark(Baseline = true, Description = "NJsonSchema CSharpGenerator")]
    public int NJsonSchemaCodegen()
    {
        var schema = JsonSchema.FromJsonAsync(_schemaForNJsonSchema).GetAwaiter().GetResult();
        var generator = new CSharpGenerator(schema, new CSharpGeneratorSettings { Namespace = "Bench.NJsonSchema", ClassStyle = CSharpClassStyle.Record });
        return generator.GenerateFile().Length;
    }

    [Benchmark(Description = "OscGenerator (fresh driver)")]
    public int OscGeneratorCold()
    {
        var run = GeneratorRuns.Driver(_schema, track: false).RunGenerators(_compilation).GetRunResult();
        return run.GeneratedTrees.Sum(t => t.Length);
    }

    /// <summary>
    /// The same schema as NJsonSchema 11 reads it: it resolves draft-04/07 <c>definitions</c>, not
    /// 2020-12 <c>$defs</c> ("The schema reference path '#/$defs/ExtensionClass' has not been resolved"),
    /// so the container is renamed; nothing else changes.
    /// </summary>
    public static string ForNJsonSchema(string schema) =>
        schema.Replace("\"$defs\"", "\"definitions\"", StringComparison.Ordinal).Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal);

    /// <summary>Each call sees a compilation that differs from the previous one by an unrelated class.</summary>
    [Benchmark(Description = "OscGenerator re-run, unrelated edit")]
    public GeneratorDriver OscGeneratorIncremental()
    {
        _flip = !_flip;
        _warm = _warm.RunGenerators(_flip ? _editA : _editB);
        return _warm;
    }
}

/// <summary>Driver and compilation set-up shared by the benchmarks and the bench program's checks.</summary>
public static class GeneratorRuns
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == Path.GetDirectoryName(typeof(object).Assembly.Location))
            .Append(typeof(Osc.Model.Binding.BindContext).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    /// <summary>A consumer that references Osc.Model, so binders are emitted too (as in the real build).</summary>
    public static CSharpCompilation Consumer() => CSharpCompilation.Create(
        "Consumer",
        [CSharpSyntaxTree.ParseText("namespace Consumer { public sealed class Existing { } }", new CSharpParseOptions(LanguageVersion.Latest))],
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(string schema, bool track) => CSharpGeneratorDriver.Create(
        [new OscGenerator().AsSourceGenerator()],
        [new SchemaText("/bench/schemas/operatingsystemconfig.schema.json", schema)],
        new CSharpParseOptions(LanguageVersion.Latest),
        new OptionsProvider(new Dictionary<string, string> { ["build_property.OscGeneratorNamespace"] = "Bench.Generated" }),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>
    /// Runs once, then again after an unrelated edit with step tracking on, and throws unless every
    /// step of ours and every source output was Cached or Unchanged (no parsing, no emitting).
    /// Returns the reasons seen, for the report.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CheckIncrementalRunIsCached(string schema)
    {
        var compilation = Consumer();
        var driver = Driver(schema, track: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        if (first.GeneratedSources.Length == 0 || first.Exception is not null)
        {
            throw new InvalidOperationException("the generator produced nothing on the OSC schema: " + first.Exception);
        }
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal sealed class Unrelated { } }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var own = typeof(TrackingNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);
        var reasons = result.TrackedSteps.Where(s => own.Contains(s.Key))
            .Concat(result.TrackedOutputSteps)
            .ToDictionary(
                s => s.Key,
                s => string.Join(",", s.Value.SelectMany(step => step.Outputs).Select(o => o.Reason).Distinct().OrderBy(r => r)),
                StringComparer.Ordinal);
        var ran = result.TrackedSteps.Where(s => own.Contains(s.Key)).Concat(result.TrackedOutputSteps)
            .SelectMany(s => s.Value.SelectMany(step => step.Outputs).Select(o => (s.Key, o.Reason)))
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        if (ran.Count > 0 || !reasons.ContainsKey(TrackingNames.Parse))
        {
            throw new InvalidOperationException("an unrelated edit re-ran: " + string.Join(", ", ran.Select(r => r.Key + "=" + r.Reason)));
        }
        return reasons;
    }

    private sealed class SchemaText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(Dictionary<string, string> globals) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options None = new([]);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(globals);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
