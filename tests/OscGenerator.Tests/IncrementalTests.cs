// SPDX-License-Identifier: Apache-2.0
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Osc.Generator.Tests;

/// <summary>
/// Expected run reasons per pipeline step (Mapperly's IncrementalGeneratorRunReasons table), and every tracked step's
/// output compared between runs as NetEscapades.EnumGenerators' TestHelpers.AssertRunsEqual does.
/// </summary>
public sealed class IncrementalTests
{
    private const string SchemaPath = "/x/widget.schema.json";

    /// <summary>Widget with a keyword the binder does not enforce (OSC0010), so there is a diagnostic to move.</summary>
    private static readonly string WithWarning = TinySchemas.Widget.Replace(
        "\"tags\": { \"type\": \"array\", \"items\": { \"type\": \"string\" } }",
        "\"tags\": { \"type\": \"array\", \"items\": { \"type\": \"string\" }, \"maxItems\": 3 }", StringComparison.Ordinal);

    private static readonly Compilation Consumer = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("class A {}")],
        [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);

    private AdditionalText? _schema;

    private GeneratorDriver FirstRun(string schema)
    {
        _schema = new GeneratorHarness.InMemoryAdditionalText(SchemaPath, schema);
        return GeneratorHarness.CreateDriver([_schema]).RunGenerators(Consumer);
    }

    /// <summary>The schema of <see cref="FirstRun"/> replaced by <paramref name="after"/> (the driver matches the text by reference).</summary>
    private GeneratorDriver Edit(GeneratorDriver driver, string after) =>
        driver.ReplaceAdditionalText(_schema!, new GeneratorHarness.InMemoryAdditionalText(SchemaPath, after));

    [Fact]
    public void Two_drivers_on_the_same_input_produce_equal_output_at_every_tracked_step()
    {
        // A fresh driver recomputes every value: equal outputs prove the pipeline values compare by content, which caching relies on.
        var first = FirstRun(WithWarning).GetRunResult();
        var second = FirstRun(WithWarning).GetRunResult();

        GeneratorHarness.AssertRunsEqual(first, second, everyStepHasOutput: true);
    }

    [Fact]
    public void Unrelated_source_edit_reuses_every_step()
    {
        var driver = FirstRun(TinySchemas.Widget);
        var edited = Consumer.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B {}"));

        var run = driver.RunGenerators(edited).GetRunResult();

        GeneratorHarness.AssertAllCached(run, "an unrelated .cs edit");
        Assert.Equal([IncrementalStepRunReason.Cached], GeneratorHarness.Reasons(run, TrackingNames.Parse));
        GeneratorHarness.AssertRunsEqual(driver.GetRunResult(), run);
    }

    [Fact]
    public void Whitespace_only_schema_edit_leaves_the_spec_unchanged()
    {
        var driver = FirstRun(TinySchemas.Widget);
        var before = driver.GetRunResult();
        var spaced = TinySchemas.Widget.Replace("\n", "\n\n", StringComparison.Ordinal);

        var run = Edit(driver, spaced).RunGenerators(Consumer).GetRunResult();

        // The text changed, but the parse result (no positions in the spec, no diagnostics to move) did not: nothing after it runs again.
        Assert.Equal([IncrementalStepRunReason.Modified], GeneratorHarness.Reasons(run, TrackingNames.SchemaFiles));
        Assert.Equal([IncrementalStepRunReason.Unchanged], GeneratorHarness.Reasons(run, TrackingNames.Parse));
        Assert.Equal([IncrementalStepRunReason.Cached], GeneratorHarness.Reasons(run, TrackingNames.Spec));
        Assert.Equal([IncrementalStepRunReason.Cached], GeneratorHarness.Reasons(run, TrackingNames.Diagnostics));
        Assert.Equal(GeneratorHarness.StepOutputs(before, TrackingNames.Spec), GeneratorHarness.StepOutputs(run, TrackingNames.Spec));
        Assert.Equal(Sources(before), Sources(run));
    }

    [Fact]
    public void A_moved_diagnostic_re_runs_only_the_diagnostics_step()
    {
        var driver = FirstRun(WithWarning);
        var before = driver.GetRunResult();
        // One more line above the warning's keyword: the diagnostic moves, the types do not change.
        var moved = WithWarning.Replace("\"title\": \"Widget\",", "\"title\": \"Widget\",\n", StringComparison.Ordinal);

        var run = Edit(driver, moved).RunGenerators(Consumer).GetRunResult();

        var lineBefore = Assert.Single(before.Diagnostics, d => d.Id == "OSC0010").Location.GetLineSpan().StartLinePosition.Line;
        var lineAfter = Assert.Single(run.Diagnostics, d => d.Id == "OSC0010").Location.GetLineSpan().StartLinePosition.Line;
        Assert.Equal(lineBefore + 1, lineAfter);
        Assert.Equal([IncrementalStepRunReason.Modified], GeneratorHarness.Reasons(run, TrackingNames.Parse));
        Assert.Equal([IncrementalStepRunReason.Modified], GeneratorHarness.Reasons(run, TrackingNames.Diagnostics));
        Assert.Equal([IncrementalStepRunReason.Unchanged], GeneratorHarness.Reasons(run, TrackingNames.Spec));
        foreach (var step in new[] { TrackingNames.Namespace, TrackingNames.BindingAvailable, TrackingNames.TypeNames })
        {
            var reasons = GeneratorHarness.Reasons(run, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }
        Assert.Equal(GeneratorHarness.StepOutputs(before, TrackingNames.Spec), GeneratorHarness.StepOutputs(run, TrackingNames.Spec));
        Assert.Equal(Sources(before), Sources(run));
    }

    [Fact]
    public void New_property_modifies_the_spec()
    {
        var driver = FirstRun(TinySchemas.Widget);
        var extended = TinySchemas.Widget.Replace("\"name\": {", "\"nickname\": { \"type\": \"string\" },\n    \"name\": {", StringComparison.Ordinal);

        var run = Edit(driver, extended).RunGenerators(Consumer).GetRunResult();

        Assert.Equal([IncrementalStepRunReason.Modified], GeneratorHarness.Reasons(run, TrackingNames.Spec));
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("Nickname", StringComparison.Ordinal));
    }

    private static List<(string HintName, string Text)> Sources(GeneratorDriverRunResult run) =>
        [.. run.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal)];
}
