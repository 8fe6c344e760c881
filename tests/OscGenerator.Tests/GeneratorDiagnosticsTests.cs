// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Osc.Generator.Tests;

/// <summary>Each OSC0xxx diagnostic: triggered by a schema, located in the schema file.</summary>
public sealed class GeneratorDiagnosticsTests
{
    private static Diagnostic Single(string schema, string id, string path = "/x/bad.schema.json")
    {
        var result = GeneratorHarness.Run([(path, schema)]);
        var matches = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"expected one {id}, got: {string.Join("; ", result.GeneratorDiagnostics)}");
        return matches[0];
    }

    private static (int Line, int Column) Position(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        Assert.Equal("/x/bad.schema.json", span.Path);
        return (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    [Fact]
    public void OSC0001_invalid_json_is_located()
    {
        var d = Single("{\n  \"title\": \"A\",\n  \"type\": \"object\" \"properties\": {}\n}", "OSC0001");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal((3, 20), Position(d));
        Assert.Contains("expected '}'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OSC0002_unsupported_keyword()
    {
        var d = Single("""{"title": "A", "type": "object", "properties": {"x": {"oneOf": [{"type": "string"}]}}}""", "OSC0002");
        Assert.Contains("keyword 'oneOf' is not supported", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal((1, 64), Position(d));
    }

    [Fact]
    public void OSC0002_type_lists_are_unsupported()
    {
        var d = Single("""{"title": "A", "type": "object", "properties": {"x": {"type": ["string", "null"]}}}""", "OSC0002");
        Assert.Contains("single type name", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"x-osc-unknown-value\": 1", "'x-osc-unknown-value' must be a string")]
    [InlineData("\"x-osc-unknown-value\": \"\"", "'x-osc-unknown-value' must be a string")]
    [InlineData("\"x-osc-empty-is-unset\": \"yes\"", "'x-osc-empty-is-unset' must be true or false")]
    public void OSC0002_enum_reading_keywords_need_their_type(string keyword, string message)
    {
        var d = Single("{\"title\": \"A\", \"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"#/$defs/E\"}}, \"$defs\": {\"E\": {\"type\": \"string\", \"enum\": [\"a\"], "
            + keyword + "}}}", "OSC0002");
        Assert.Contains(message, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OSC0003_unresolved_ref()
    {
        var d = Single("""{"title": "A", "type": "object", "properties": {"x": {"$ref": "#/$defs/Nope"}}}""", "OSC0003");
        Assert.Contains("#/$defs/Nope", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal((1, 63), Position(d));
    }

    [Fact]
    public void OSC0004_invalid_type_name()
    {
        var d = Single("""{"title": "not a name", "type": "object", "properties": {}}""", "OSC0004");
        Assert.Contains("'not a name'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OSC0005_duplicate_type_name_across_files()
    {
        var a = """{"title": "A", "type": "object", "properties": {"p": {"$ref": "#/$defs/Shared"}}, "$defs": {"Shared": {"type": "object", "properties": {}}}}""";
        var b = """{"title": "B", "type": "object", "properties": {"p": {"$ref": "#/$defs/Shared"}}, "$defs": {"Shared": {"type": "object", "properties": {}}}}""";
        var result = GeneratorHarness.Run([("/x/a.schema.json", a), ("/x/b.schema.json", b)]);
        var d = Assert.Single(result.GeneratorDiagnostics, x => x.Id == "OSC0005");
        Assert.Contains("'Shared'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("a.schema.json and b.schema.json", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OSC0011_inline_object_and_defs_entry_of_one_name_is_an_error_at_the_second()
    {
        // The issue's case: root A, $defs.ASpec {y}, inline spec {x}; before, ASpec came out with only X and nothing was said.
        var d = Single("""{"title": "A", "type": "object", "properties": {"spec": {"type": "object", "properties": {"x": {"type": "string"}}}, "other": {"$ref": "#/$defs/ASpec"}}, "$defs": {"ASpec": {"type": "object", "properties": {"y": {"type": "integer"}}}}}""", "OSC0011");

        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal((1, 57), Position(d));
        Assert.Equal("Schema 'bad.schema.json': type 'ASpec' would be generated from $defs entry 'ASpec' (line 1, column 174) and from an inline schema (line 1, column 57), "
            + "one replacing the other; give one a different 'title' or $defs key", d.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void OSC0011_record_and_enum_of_one_name()
    {
        var d = Single("""{"title": "A", "type": "object", "properties": {"e": {"type": "string", "enum": ["x"], "title": "Thing"}, "r": {"title": "Thing", "type": "object", "properties": {}}}}""", "OSC0011");

        Assert.Contains("type 'Thing'", d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void OSC0011_a_record_named_like_the_binder_or_an_enum_s_wire_helpers()
    {
        var binder = Single("""{"title": "A", "type": "object", "properties": {"b": {"title": "ABinder", "type": "object", "properties": {}}}}""", "OSC0011");
        var wire = Single("""{"title": "A", "type": "object", "properties": {"e": {"$ref": "#/$defs/E"}, "w": {"$ref": "#/$defs/EWire"}}, "$defs": {"E": {"type": "string", "enum": ["x"]}, "EWire": {"type": "object", "properties": {}}}}""", "OSC0011");

        Assert.Contains("type 'ABinder' would be generated from an inline schema", binder.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("the binder of A", binder.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("the wire helpers of enum E", wire.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void One_defs_entry_referenced_twice_is_no_collision()
    {
        var result = GeneratorHarness.Run([("/x/ok.schema.json", """{"title": "A", "type": "object", "properties": {"p": {"$ref": "#/$defs/P"}, "q": {"type": "array", "items": {"$ref": "#/$defs/P"}}}, "$defs": {"P": {"type": "object", "properties": {}}}}""")]);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics.Where(x => x.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void OSC0006_enum_value_without_a_member_name()
    {
        var d = Single("""{"title": "A", "type": "object", "properties": {"e": {"$ref": "#/$defs/E"}}, "$defs": {"E": {"type": "string", "enum": ["ok", ""]}}}""", "OSC0006");
        Assert.Contains("x-enumNames", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OSC0007_name_of_a_common_bcl_type_warns()
    {
        var d = Single("""{"title": "A", "type": "object", "properties": {"f": {"$ref": "#/$defs/File"}}, "$defs": {"File": {"type": "object", "properties": {}}}}""", "OSC0007");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Fact]
    public void OSC0008_invalid_namespace_falls_back()
    {
        var result = GeneratorHarness.Run([("/x/widget.schema.json", TinySchemas.Widget)],
            new Dictionary<string, string> { ["build_property.OscGeneratorNamespace"] = "9 bad", ["build_property.RootNamespace"] = "Good.Root" });
        var d = Assert.Single(result.GeneratorDiagnostics, x => x.Id == "OSC0008");
        Assert.Contains("'9 bad'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("namespace Good.Root;", result.Source("Osc.Widget.g.cs"));
    }

    [Fact]
    public void OSC0009_required_names_an_undeclared_property()
    {
        var d = Single("""{"title": "A", "type": "object", "required": ["ghost"], "properties": {}}""", "OSC0009");
        Assert.Contains("'ghost'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void OSC0010_unenforced_keyword_warns()
    {
        var d = Single("""{"title": "A", "type": "object", "properties": {"s": {"type": "string", "pattern": "^a$"}}}""", "OSC0010");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("'pattern'", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_descriptor_has_a_test_here()
    {
        var tested = typeof(GeneratorDiagnosticsTests).GetMethods()
            .Select(m => m.Name)
            .Where(n => n.StartsWith("OSC", StringComparison.Ordinal))
            .Select(n => n[..7])
            .ToHashSet();
        Assert.Equal(OscGenerator.DiagnosticDescriptors.All.Select(d => d.Id).Order(), tested.Order());
    }
}
