// SPDX-License-Identifier: Apache-2.0
using Microsoft.CodeAnalysis;
using Osc.TestUtil;

namespace Osc.Generator.Tests;

public sealed class GeneratorOutputTests
{
    private const string Suite = "OscGenerator.Tests";

    public static IEnumerable<object[]> ProjectSchemas() =>
        Directory.GetFiles(RepoPaths.Schemas, "*.schema.json").Order(StringComparer.Ordinal).Select(p => new object[] { Path.GetFileName(p) });

    [Fact]
    public void Project_schemas_generate_sources_that_compile_without_warnings_and_match_snapshots()
    {
        var schemas = Directory.GetFiles(RepoPaths.Schemas, "*.schema.json").Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p))).ToList();
        Assert.NotEmpty(schemas);

        var result = GeneratorHarness.Run(schemas);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var names = result.Sources.Select(s => s.HintName).ToList();
        // The set of generated files is part of the snapshot: a new or vanished type shows up in review.
        Golden.Verify(string.Join("\n", names) + "\n", Suite, "project-schemas.files", "txt");
        foreach (var source in result.Sources)
        {
            Golden.Verify(source.SourceText.ToString(), Suite, "project/" + source.HintName.Replace(".g.cs", "", StringComparison.Ordinal), "g.cs");
        }
    }

    [Fact]
    public void Tiny_schema_generates_records_enums_and_binders()
    {
        var result = GeneratorHarness.Run([("/x/widget.schema.json", TinySchemas.Widget)]);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(["Osc.Color.g.cs", "Osc.Part.g.cs", "Osc.Widget.g.cs", "Osc.WidgetBinder.g.cs"], result.Sources.Select(s => s.HintName));
        foreach (var source in result.Sources)
        {
            Golden.Verify(source.SourceText.ToString(), Suite, "tiny/" + source.HintName.Replace(".g.cs", "", StringComparison.Ordinal), "g.cs");
        }
    }

    [Fact]
    public void Records_are_nullable_correct_and_carry_wire_names()
    {
        var widget = GeneratorHarness.Run([("/x/widget.schema.json", TinySchemas.Widget)]).Source("Osc.Widget.g.cs");

        Assert.Contains("public required string Name { get; init; }", widget);
        Assert.Contains("public uint? Mode { get; init; }", widget);
        Assert.Contains("public global::Test.Generated.Color? Color { get; init; }", widget);
        Assert.Contains("public global::System.Collections.Generic.IReadOnlyList<global::Test.Generated.Part>? Parts { get; init; }", widget);
        Assert.Contains("public global::System.Text.Json.Nodes.JsonNode? Extra { get; init; }", widget);
        Assert.Contains("[global::System.Text.Json.Serialization.JsonPropertyName(\"apiVersion\")]", widget);
        Assert.Contains("/// The &lt;name&gt; &amp; more.", widget);
        Assert.Contains("Default: true.", widget);
    }

    [Fact]
    public void Without_Osc_Model_only_records_and_enums_are_emitted()
    {
        var result = GeneratorHarness.Run([("/x/widget.schema.json", TinySchemas.Widget)], referenceOscModel: false);

        Assert.Equal(["Osc.Color.g.cs", "Osc.Part.g.cs", "Osc.Widget.g.cs"], result.Sources.Select(s => s.HintName));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Namespace_comes_from_OscGeneratorNamespace_then_RootNamespace()
    {
        var own = GeneratorHarness.Run([("/x/widget.schema.json", TinySchemas.Widget)],
            new Dictionary<string, string> { ["build_property.OscGeneratorNamespace"] = "Mine.Models", ["build_property.RootNamespace"] = "Root" });
        Assert.Contains("namespace Mine.Models;", own.Source("Osc.Widget.g.cs"));

        var root = GeneratorHarness.Run([("/x/widget.schema.json", TinySchemas.Widget)],
            new Dictionary<string, string> { ["build_property.RootNamespace"] = "Consumer.App" });
        Assert.Contains("namespace Consumer.App;", root.Source("Osc.Widget.g.cs"));
    }

    [Fact]
    public void Output_is_identical_under_another_culture()
    {
        var before = Thread.CurrentThread.CurrentCulture;
        string first;
        string second;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fi-FI");
            first = GeneratorHarness.Run([("/x/widget.schema.json", TinySchemas.Widget)]).Source("Osc.WidgetBinder.g.cs");
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            second = GeneratorHarness.Run([("/x/widget.schema.json", TinySchemas.Widget)]).Source("Osc.WidgetBinder.g.cs");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = before;
        }
        Assert.Equal(second, first);
        Assert.Contains("1L, 10L", first);
    }

    [Fact]
    public void Without_a_title_the_root_type_is_named_after_the_file()
    {
        const string schema = """{"type": "object", "additionalProperties": false, "properties": {"size": {"type": "integer"}}}""";

        var result = GeneratorHarness.Run([("/x/my-provider-config.schema.json", schema)]);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(["Osc.MyProviderConfig.g.cs", "Osc.MyProviderConfigBinder.g.cs"], result.Sources.Select(s => s.HintName));
        Assert.Contains("public sealed partial record MyProviderConfig", result.Source("Osc.MyProviderConfig.g.cs"));
    }
}
