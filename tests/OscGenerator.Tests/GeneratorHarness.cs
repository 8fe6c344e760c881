// SPDX-License-Identifier: Apache-2.0
using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Osc.Generator.Tests;

/// <summary>
/// Runs the generator the way NetEscapades.EnumGenerators' TestHelpers do: every run happens twice
/// (the second on a cloned compilation), and the second run must be all Cached/Unchanged with no
/// Compilation, ISymbol or SyntaxNode in any step output. Every test checks caching for free.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Osc.Model.Binding.BindContext).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    /// <summary>Framework references without Osc.Model: binders must then not be emitted.</summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFrameworkOnly = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == Path.GetDirectoryName(typeof(object).Assembly.Location))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    public sealed record Result(
        GeneratorDriverRunResult Run,
        Compilation Output,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<Diagnostic> CompileDiagnostics,
        GeneratorDriver Driver,
        Compilation Input)
    {
        public IReadOnlyList<GeneratedSourceResult> Sources => Run.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();

        public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();
    }

    public static Result Run(
        IEnumerable<(string Path, string Text)> schemas,
        IDictionary<string, string>? buildProperties = null,
        bool referenceOscModel = true,
        string extraSource = "")
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(extraSource, new CSharpParseOptions(LanguageVersion.Latest), path: "Extra.cs")],
            referenceOscModel ? LazyReferences.Value : LazyFrameworkOnly.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CreateDriver(schemas, buildProperties);
        var first = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = new Result(first.GetRunResult(), output, diagnostics, output.GetDiagnostics(), first, compilation);

        // Second run on a clone: everything must come from the cache.
        var second = first.RunGenerators(compilation.Clone());
        AssertAllCached(second.GetRunResult(), "re-run on a cloned compilation");
        AssertRunsEqual(first.GetRunResult(), second.GetRunResult());
        AssertNoForbiddenTypes(first.GetRunResult());
        return result;
    }

    public static GeneratorDriver CreateDriver(IEnumerable<(string Path, string Text)> schemas, IDictionary<string, string>? buildProperties = null) =>
        CreateDriver(schemas.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)), buildProperties);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> schemas, IDictionary<string, string>? buildProperties = null)
    {
        var options = new TestOptionsProvider(buildProperties ?? new Dictionary<string, string> { ["build_property.OscGeneratorNamespace"] = "Test.Generated" });
        return CSharpGeneratorDriver.Create(
            [new OscGenerator().AsSourceGenerator()],
            schemas,
            new CSharpParseOptions(LanguageVersion.Latest),
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Our own tracked steps (Roslyn also tracks its input nodes, such as "Compilation", which change on every edit).</summary>
    private static readonly HashSet<string> OwnSteps = typeof(TrackingNames).GetFields()
        .Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);

    public static void AssertAllCached(GeneratorDriverRunResult run, string why)
    {
        Assert.Contains(run.Results.Single().TrackedSteps.Keys, OwnSteps.Contains);
        foreach (var step in run.Results.Single().TrackedSteps.Where(s => OwnSteps.Contains(s.Key)))
        {
            foreach (var execution in step.Value)
            {
                foreach (var (_, reason) in execution.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {step.Key} ran with reason {reason} on {why}");
                }
            }
        }
    }

    /// <summary>
    /// Every one of our tracked steps ran in both runs, as often, with equal outputs (object.Equals, so a value without
    /// content equality fails when the runs computed it apart). NetEscapades.EnumGenerators' AssertRunsEqual.
    /// </summary>
    public static void AssertRunsEqual(GeneratorDriverRunResult first, GeneratorDriverRunResult second, bool everyStepHasOutput = false)
    {
        var firstSteps = OwnTrackedSteps(first);
        var secondSteps = OwnTrackedSteps(second);
        if (everyStepHasOutput)
        {
            Assert.Equal(OwnSteps.Order(StringComparer.Ordinal), firstSteps.Keys.Order(StringComparer.Ordinal));
        }
        Assert.Equal(firstSteps.Keys.Order(StringComparer.Ordinal), secondSteps.Keys.Order(StringComparer.Ordinal));
        foreach (var name in firstSteps.Keys)
        {
            var outputs = StepOutputs(first, name);
            Assert.True(!everyStepHasOutput || outputs.Count > 0, $"step {name} produced nothing");
            var again = StepOutputs(second, name);
            Assert.Equal(outputs.Count, again.Count);
            for (var i = 0; i < outputs.Count; i++)
            {
                Assert.True(Equals(outputs[i], again[i]), $"step {name}, output {i}: {outputs[i]} differs from {again[i]} between runs");
            }
        }
    }

    /// <summary>The values a tracked step produced in <paramref name="run"/>, in order.</summary>
    public static IReadOnlyList<object> StepOutputs(GeneratorDriverRunResult run, string stepName) =>
        run.Results.Single().TrackedSteps.TryGetValue(stepName, out var steps)
            ? steps.SelectMany(s => s.Outputs.Select(o => o.Value)).ToList()
            : [];

    private static Dictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> OwnTrackedSteps(GeneratorDriverRunResult run) =>
        run.Results.Single().TrackedSteps.Where(s => OwnSteps.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult run, string stepName) =>
        run.Results.Single().TrackedSteps.TryGetValue(stepName, out var steps)
            ? steps.SelectMany(s => s.Outputs.Select(o => o.Reason)).ToList()
            : [];

    private static void AssertNoForbiddenTypes(GeneratorDriverRunResult run)
    {
        foreach (var step in run.Results.Single().TrackedSteps.Where(s => OwnSteps.Contains(s.Key)))
        {
            foreach (var execution in step.Value)
            {
                foreach (var (value, _) in execution.Outputs)
                {
                    Visit(value, step.Key, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
    }

    private static void Visit(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }
        Assert.False(value is Compilation or ISymbol or SyntaxNode, $"step {step} holds a {value.GetType().Name}; pipeline values must be equatable data");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Visit(item, step, seen);
            }
            return;
        }
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Visit(field.GetValue(value), step, seen);
        }
    }

    internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class TestOptionsProvider(IDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new TestOptions(globals);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new TestOptions(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new TestOptions(new Dictionary<string, string>());
    }

    private sealed class TestOptions(IDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
