// SPDX-License-Identifier: Apache-2.0
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Osc.Generator.Tests;

/// <summary>Expected run reasons per pipeline step (Mapperly's IncrementalGeneratorRunReasons table).</summary>
public sealed class IncrementalTests
{
    private readonly AdditionalText _schema = new GeneratorHarness.InMemoryAdditionalText("/x/widget.schema.json", TinySchemas.Widget);

    private (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("class A {}")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var driver = GeneratorHarness.CreateDriver([_schema]).RunGenerators(compilation);
        return (driver, compilation);
    }

    [Fact]
    public void Unrelated_source_edit_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B {}"));

        var run = driver.RunGenerators(edited).GetRunResult();

        GeneratorHarness.AssertAllCached(run, "an unrelated .cs edit");
        Assert.Equal([IncrementalStepRunReason.Cached], GeneratorHarness.Reasons(run, TrackingNames.Parse));
    }

    [Fact]
    public void Whitespace_only_schema_edit_leaves_the_spec_unchanged()
    {
        var (driver, compilation) = FirstRun();
        var spaced = TinySchemas.Widget.Replace("\n", "\n\n", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(_schema, new GeneratorHarness.InMemoryAdditionalText("/x/widget.schema.json", spaced));

        var run = driver.RunGenerators(compilation).GetRunResult();

        // The text changed, but the spec (no positions in it) did not: nothing is emitted again.
        Assert.Equal([IncrementalStepRunReason.Modified], GeneratorHarness.Reasons(run, TrackingNames.SchemaFiles));
        Assert.All(GeneratorHarness.Reasons(run, TrackingNames.Spec),
            reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    [Fact]
    public void New_property_modifies_the_spec()
    {
        var (driver, compilation) = FirstRun();
        var extended = TinySchemas.Widget.Replace("\"name\": {", "\"nickname\": { \"type\": \"string\" },\n    \"name\": {", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(_schema, new GeneratorHarness.InMemoryAdditionalText("/x/widget.schema.json", extended));

        var run = driver.RunGenerators(compilation).GetRunResult();

        Assert.Equal([IncrementalStepRunReason.Modified], GeneratorHarness.Reasons(run, TrackingNames.Spec));
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("Nickname", StringComparison.Ordinal));
    }
}
