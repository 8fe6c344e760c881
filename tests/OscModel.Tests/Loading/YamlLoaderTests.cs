// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Model.Tests.Loading;

public sealed class YamlLoaderTests
{
    private static (IReadOnlyList<YamlDocumentSource> Documents, Report Report) Load(string text, LoadLimits? limits = null)
    {
        var report = new Report();
        return (YamlLoader.Load("in.yaml", text, report, limits), report);
    }

    private static OscDiagnostic OnlyError((IReadOnlyList<YamlDocumentSource> Documents, Report Report) result, string code)
    {
        var diagnostic = Assert.Single(result.Report.Items);
        Assert.Equal(code, diagnostic.Code);
        return diagnostic;
    }

    [Fact]
    public void Positions_are_one_based_line_and_column()
    {
        var (documents, report) = Load("# comment\n\nname: value\nlist:\n  - a\n  - {k: v}\n");

        Assert.Empty(report.Items);
        var root = Assert.IsType<YamlMapping>(Assert.Single(documents).Root);
        var value = root.Get("name")!;
        Assert.Equal(new SourcePosition(3, 7), value.Span.Start);
        Assert.Equal(new SourcePosition(3, 12), value.Span.End);
        var list = Assert.IsType<YamlSequence>(root.Get("list"));
        Assert.Equal(new SourcePosition(5, 5), list.Items[0].Span.Start);
        var flow = Assert.IsType<YamlMapping>(list.Items[1]);
        Assert.Equal(new SourcePosition(6, 9), flow.Get("k")!.Span.Start);
        Assert.Equal("in.yaml", value.Span.File);
    }

    [Fact]
    public void Scalar_styles_and_tags_are_kept()
    {
        var (documents, _) = Load("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\nf: !!str 0644\ng: ! 12\n");
        var root = (YamlMapping)documents[0].Root;
        YamlScalar S(string key) => (YamlScalar)root.Get(key)!;

        Assert.Equal(ScalarStyle.Plain, S("a").Style);
        Assert.Equal(ScalarStyle.SingleQuoted, S("b").Style);
        Assert.Equal(ScalarStyle.DoubleQuoted, S("c").Style);
        Assert.Equal((ScalarStyle.Literal, "literal\n"), (S("d").Style, S("d").Value));
        Assert.Equal((ScalarStyle.Folded, "folded\n"), (S("e").Style, S("e").Value));
        Assert.Equal("tag:yaml.org,2002:str", S("f").Tag);
        Assert.Equal("!", S("g").Tag);
    }

    [Fact]
    public void Multi_document_streams_skip_empty_documents_and_keep_indices()
    {
        var (documents, report) = Load("---\n# only a comment\n---\na: 1\n---\n---\nb: 2\n...\n");

        Assert.Empty(report.Items);
        Assert.Equal([1, 3], documents.Select(d => d.Index));
        Assert.Equal(new SourcePosition(7, 1), documents[1].Root.Span.Start);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# just a comment\n")]
    [InlineData("---\n---\n")]
    public void Empty_input_is_OSC1002(string text)
    {
        var diagnostic = OnlyError(Load(text), "OSC1002");
        Assert.Equal(new SourcePosition(1, 1), diagnostic.Span!.Value.Start);
    }

    [Fact]
    public void Tab_indentation_is_OSC1011_at_the_tab()
    {
        var diagnostic = OnlyError(Load("spec:\n  units:\n\t- name: a\n"), "OSC1011");
        Assert.Equal(new SourcePosition(3, 1), diagnostic.Span!.Value.Start);
    }

    [Fact]
    public void Syntax_error_is_OSC1001_with_its_position()
    {
        var diagnostic = OnlyError(Load("a: 1\nb: [1, 2\nc: 3\n"), "OSC1001");
        Assert.True(diagnostic.Span!.Value.Start.Line >= 2, diagnostic.ToString());
        Assert.DoesNotContain("(Line:", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_OSC1003_at_the_bad_byte()
    {
        var report = new Report();
        var bytes = Encoding.UTF8.GetBytes("a: 1\nb: x").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        YamlLoader.Load("in.yaml", bytes, report);

        var diagnostic = Assert.Single(report.Items);
        Assert.Equal("OSC1003", diagnostic.Code);
        Assert.Equal(new SourcePosition(2, 5), diagnostic.Span!.Value.Start);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Control_characters_are_located_whatever_the_line_breaks(string lineBreak)
    {
        var report = new Report();

        YamlLoader.Load("in.yaml", Encoding.UTF8.GetBytes($"a: 1{lineBreak}b: 2{lineBreak}c: \u0001"), report);

        var diagnostic = Assert.Single(report.Items);
        Assert.Equal("OSC1003", diagnostic.Code);
        Assert.Equal(new SourcePosition(3, 4), diagnostic.Span!.Value.Start);
    }

    [Fact]
    public void Utf16_is_OSC1003_with_a_hint()
    {
        var report = new Report();
        YamlLoader.Load("in.yaml", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a: 1\n")).ToArray(), report);
        var diagnostic = Assert.Single(report.Items);
        Assert.Equal("OSC1003", diagnostic.Code);
        Assert.Contains("UTF-8", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_skipped()
    {
        var report = new Report();
        var documents = YamlLoader.Load("in.yaml", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a: 1\n")).ToArray(), report);
        Assert.Empty(report.Items);
        Assert.Equal(new SourcePosition(1, 1), documents[0].Root.Span.Start);
    }

    [Fact]
    public void Oversized_input_is_OSC1004_without_parsing()
    {
        OnlyError(Load("a: " + new string('x', 200) + "\n", new LoadLimits { MaxInputBytes = 100 }), "OSC1004");
    }

    [Fact]
    public void Billion_laughs_stops_at_the_node_budget_with_OSC1005()
    {
        var lines = new List<string> { "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var level = 1; level < 10; level++)
        {
            lines.Add($"{(char)('a' + level)}: &{(char)('a' + level)} [" + string.Join(", ", Enumerable.Repeat("*" + (char)('a' + level - 1), 9)) + "]");
        }

        var diagnostic = OnlyError(Load(string.Join("\n", lines) + "\n"), "OSC1005");

        // Expanded, level g alone would be 9^7 ≈ 4.8 million nodes; the budget stops it before.
        Assert.True(diagnostic.Span!.Value.Start.Line <= 8, diagnostic.ToString());
        Assert.Contains("billion laughs", diagnostic.Hint + diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_within_budget_share_the_anchored_node()
    {
        var (documents, report) = Load("base: &b {x: 1}\ncopy: *b\n");
        Assert.Empty(report.Items);
        var root = (YamlMapping)documents[0].Root;
        Assert.Same(root.Get("base"), root.Get("copy"));
    }

    [Fact]
    public void Merge_keys_merge_with_explicit_keys_winning()
    {
        var (documents, report) = Load("a: &a {x: 1, y: 2}\nb: &b {y: 3, z: 4}\nc:\n  <<: [*a, *b]\n  x: 9\n");

        Assert.Empty(report.Items);
        var c = (YamlMapping)((YamlMapping)documents[0].Root).Get("c")!;
        Assert.Equal("9", ((YamlScalar)c.Get("x")!).Value);
        Assert.Equal("2", ((YamlScalar)c.Get("y")!).Value);
        Assert.Equal("4", ((YamlScalar)c.Get("z")!).Value);
        Assert.Equal(3, c.Entries.Count);
    }

    [Fact]
    public void Undefined_alias_is_OSC1001()
    {
        var diagnostic = OnlyError(Load("a: *nowhere\n"), "OSC1001");
        Assert.Contains("*nowhere", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(300)]
    public void Deep_nesting_is_OSC1006_not_a_crash(int depth)
    {
        var (_, report) = Load("a: " + new string('[', depth) + new string(']', depth) + "\n");
        Assert.Contains(report.Items, d => d.Code == "OSC1006");
    }

    [Fact]
    public void Deep_json_nesting_is_OSC1006()
    {
        var (_, report) = Load(new string('[', 100_000) + new string(']', 100_000));
        Assert.Equal("OSC1006", Assert.Single(report.Items).Code);
    }

    [Fact]
    public void Duplicate_keys_are_OSC1007_at_the_second_key()
    {
        var diagnostic = OnlyError(Load("spec:\n  type: a\n  type: b\n"), "OSC1007");
        Assert.Equal(new SourcePosition(3, 3), diagnostic.Span!.Value.Start);
        Assert.Equal("$.spec.type", diagnostic.Path);
        Assert.Contains("line 2", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complex_keys_are_OSC1012()
    {
        OnlyError(Load("? [a, b]\n: c\n"), "OSC1012");
    }

    [Fact]
    public void Json_with_tabs_loads_with_positions()
    {
        var (documents, report) = Load("{\n\t\"spec\": {\n\t\t\"type\": \"ubuntu\",\n\t\t\"n\": 420\n\t}\n}\n");

        Assert.Empty(report.Items);
        var spec = (YamlMapping)((YamlMapping)documents[0].Root).Get("spec")!;
        var type = (YamlScalar)spec.Get("type")!;
        Assert.Equal((ScalarStyle.DoubleQuoted, "ubuntu"), (type.Style, type.Value));
        Assert.Equal(new SourcePosition(3, 11), type.Span.Start);
    }

    [Fact]
    public void Json_syntax_error_is_located()
    {
        var diagnostic = OnlyError(Load("{\n  \"a\": 1,\n  \"b\": ]\n}"), "OSC1001");
        Assert.Equal(3, diagnostic.Span!.Value.Start.Line);
    }

    [Fact]
    public void Json_duplicate_keys_are_OSC1007()
    {
        var diagnostic = OnlyError(Load("{\"a\": 1,\n \"a\": 2}"), "OSC1007");
        Assert.Equal(new SourcePosition(2, 2), diagnostic.Span!.Value.Start);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var report = new Report();
            YamlLoader.Load("fuzz.yaml", bytes, report);
            var ascii = new string(bytes.Select(b => (char)(" \n\t:-[]{}&*!|>'\"#%@`,?ab01"[b % 26])).ToArray());
            YamlLoader.Load("fuzz.yaml", ascii, report);
        }
    }
}
