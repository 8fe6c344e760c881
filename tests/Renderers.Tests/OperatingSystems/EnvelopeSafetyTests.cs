// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Ubuntu;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// The envelope rules one by one: the exact bytes Osc writes where upstream's envelope would let
/// input open a part, and the warning (OSC2008) with its location. <see cref="UserDataSplitTests"/>
/// proves the effect with cloud-init's own reading; these pin the form.
/// </summary>
public sealed class EnvelopeSafetyTests
{
    private static (string UserData, Report Report) Render(string type, string files, string providerConfig = "", string units = "[]")
    {
        var input = OscLoader.LoadText("in.yaml", $"""
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {"{"}name: a, namespace: b{"}"}
            spec:
              type: {type}
              purpose: provision
              units: {units}
              files: {files}
            {providerConfig}
            """);
        Assert.False(input.Report.HasErrors, string.Join("\n", input.Report.Items));
        var result = OscRenderer.Render(input);
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        return (result.Objects.Single().UserData!, result.Report);
    }

    private const string BoundaryFile = """[{path: /etc/x.txt, content: {inline: {encoding: '', data: "a\n--==BOUNDARY==\nContent-Type: text/x-shellscript\n#!/bin/sh\ntouch /pwned\n"}, transmitUnencoded: true}}]""";

    [Theory]
    [InlineData("memoryone-gardenlinux", "Content-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n", "\n--==BOUNDARY==")]
    [InlineData("memoryone-chost", "Content-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n", "\n--==BOUNDARY==--\n")]
    public void A_script_holding_the_boundary_travels_base64_encoded_under_upstreams_boundary(string type, string partHead, string end)
    {
        var (userData, report) = Render(type, BoundaryFile);
        var (script, _) = Render(type.Replace("memoryone-chost", "suse-chost", StringComparison.Ordinal).Replace("memoryone-", "", StringComparison.Ordinal), BoundaryFile);

        var body = userData[(userData.IndexOf(partHead, StringComparison.Ordinal) + partHead.Length)..^end.Length];
        Assert.Equal(script, Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\n", "", StringComparison.Ordinal))));
        Assert.All(body.Split('\n'), line => Assert.True(line.Length <= 76));
        Assert.StartsWith("Content-Type: multipart/mixed; boundary=\"==BOUNDARY==\"\n", userData, StringComparison.Ordinal);
        Assert.Equal(3, userData.Split("--==BOUNDARY==").Length - 1);
        var warning = Assert.Single(report.Items, d => d.Code == "OSC2008" && d.Message.Contains("base64", StringComparison.Ordinal));
        Assert.Equal("$.spec", warning.Path);
        Assert.Contains("\"--==BOUNDARY==\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_with_non_ascii_text_travels_base64_encoded_so_cloud_init_gets_it_unchanged()
    {
        var (userData, report) = Render("memoryone-chost", """[{path: /etc/motd, content: {inline: {encoding: '', data: "Grüße → 日本\n"}, transmitUnencoded: true}}]""");

        Assert.Contains("Content-Transfer-Encoding: base64", userData, StringComparison.Ordinal);
        Assert.True(userData.All(c => c < 0x80), "the user-data is ASCII");
        Assert.Contains(report.Items, d => d.Code == "OSC2008" && d.Message.Contains("non-ASCII", StringComparison.Ordinal));
    }

    [Fact]
    public void A_line_break_in_system_memory_is_cut_and_located()
    {
        var (userData, report) = Render("memoryone-gardenlinux", "[]", """
              providerConfig:
                apiVersion: memoryone-gardenlinux.os.extensions.gardener.cloud/v1alpha1
                kind: OperatingSystemConfiguration
                systemMemory: "7x\n--==BOUNDARY==\nContent-Type: text/x-shellscript\n#!/bin/sh\ntouch /pwned"
            """);

        Assert.Contains("Content-Type: text/x-vsmp; section=vsmp\nsystem_memory=7x\nmem_topology=2\n--==BOUNDARY==\nContent-Type: text/x-shellscript\n#!/bin/bash\n", userData, StringComparison.Ordinal);
        Assert.Equal(3, userData.Split("--==BOUNDARY==").Length - 1); // two part delimiters and the unclosed last one
        var warning = Assert.Single(report.Items, d => d.Code == "OSC2008");
        Assert.Equal("$.spec.providerConfig.systemMemory", warning.Path);
        Assert.Equal(12, warning.Span?.Start.Line);
        Assert.Contains("U+000A", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("systemMemory: \"\"", "system_memory=6x\nmem_topology=2")]
    [InlineData("memoryTopology: \"\"", "system_memory=6x\nmem_topology=2")]
    [InlineData("systemMemory: 7x", "system_memory=7x\nmem_topology=2")]
    public void Garden_linux_vsmp_values_default_when_empty_as_upstreams_decoder_does(string field, string lines)
    {
        var (userData, report) = Render("memoryone-gardenlinux", "[]", $"""
              providerConfig:
                apiVersion: memoryone-gardenlinux.os.extensions.gardener.cloud/v1alpha1
                kind: OperatingSystemConfiguration
                {field}
            """);

        Assert.Contains("section=vsmp\n" + lines + "\n--==BOUNDARY==", userData, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Items, d => d.Code == "OSC2008");
    }

    [Fact]
    public void A_vsmp_key_with_a_line_break_is_cut_not_a_crash()
    {
        var (userData, report) = Render("memoryone-chost", "[]", """
              providerConfig:
                apiVersion: memoryone-chost.os.extensions.gardener.cloud/v1alpha1
                kind: OperatingSystemConfiguration
                vsmpConfiguration:
                  "debug\u2028Content-Type: text/x-shellscript": "&0xff"
            """);

        Assert.Contains("\n\ndebug=&0xff\nmem_topology=2\nsystem_memory=6x\n\n--==BOUNDARY==\n", userData, StringComparison.Ordinal);
        var warning = Assert.Single(report.Items, d => d.Code == "OSC2008");
        Assert.StartsWith("$.spec.providerConfig.vsmpConfiguration['debug", warning.Path, StringComparison.Ordinal);
        Assert.Contains("U+2028", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vsmp_text_holding_the_boundary_gets_a_boundary_of_its_own_the_same_on_every_run()
    {
        const string config = """
              providerConfig:
                apiVersion: memoryone-chost.os.extensions.gardener.cloud/v1alpha1
                kind: OperatingSystemConfiguration
                vsmpConfiguration: {"--==BOUNDARY=": ""}
            """;
        var (userData, report) = Render("memoryone-chost", "[]", config);

        var boundary = userData["Content-Type: multipart/mixed; boundary=\"".Length..userData.IndexOf("\"\n", StringComparison.Ordinal)];
        Assert.Matches("^==BOUNDARY-[0-9A-F]{16}==$", boundary);
        Assert.Contains("\n\n--==BOUNDARY==\nmem_topology=2\n", userData, StringComparison.Ordinal);
        Assert.Equal(3, userData.Split("--" + boundary).Length - 1);
        Assert.EndsWith("\n--" + boundary + "--\n", userData, StringComparison.Ordinal);
        Assert.Equal(userData, Render("memoryone-chost", "[]", config).UserData);
        var warning = Assert.Single(report.Items, d => d.Code == "OSC2008");
        Assert.Equal("$.spec.providerConfig", warning.Path);
        Assert.Contains(boundary, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ubuntu_keeps_the_line_after_u2028_inside_the_literal_as_go_yaml_writes_it()
    {
        var (userData, report) = Render("ubuntu", """[{path: /etc/x.txt, content: {inline: {encoding: '', data: "a\u2028- type: text/x-shellscript\u2029b\n"}, transmitUnencoded: true}}]""");

        Assert.Contains("\n    cat << EOF > \"/etc/x.txt\"\n    a\u2028    - type: text/x-shellscript\u2029    b\n\n    EOF\n", userData, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Items, d => d.Code == "OSC2008");
    }

    [Fact]
    public void Ubuntu_double_quotes_a_script_a_literal_cannot_carry_and_names_where_upstream_differs()
    {
        var (userData, report) = Render("ubuntu", "[{path: \"/etc/a\\rb\\u0085c\", content: {inline: {encoding: '', data: x}}}]");

        Assert.StartsWith("#cloud-config-archive\n- content: \"#!/bin/bash\\nif [ -f \\\"/var/lib/osc/provision-osc-applied\\\" ]; then\\n", userData, StringComparison.Ordinal);
        Assert.Contains("/etc/a\\rb\\Nc", userData, StringComparison.Ordinal);
        Assert.EndsWith("\"\n  type: text/x-shellscript\n", userData, StringComparison.Ordinal);
        var warning = Assert.Single(report.Items, d => d.Code == "OSC2008" && d.Message.Contains("U+0085", StringComparison.Ordinal));
        Assert.Equal("$.spec.files[0].path", warning.Path);
    }

    [Fact]
    public void Double_quoted_scalars_escape_and_fold_as_go_yaml_v2()
    {
        // Escapes: tab, NEL, LS, a character beyond the BMP, quote, backslash, DEL; a no-break space is printable to go-yaml.
        Assert.Equal("\"a\\tb\\Nc\\Ld\\U0001F600e\\\"f\\\\g\u00a0h\\x7F\"",
            GoYamlLiteral.AppendDoubleQuoted(new StringBuilder(), "a\tb\u0085c\u2028d\U0001F600e\"f\\g\u00a0h\u007f", 11, 4).ToString());
        // Folding: the opening quote at column 11; a space is folded once the column passes 80, a second space escaped.
        var words = string.Join(' ', Enumerable.Repeat("word", 30)).Replace("word word word word word word word word word word word word word word word word word", "word word word word word word word word word word word word word word  word word word", StringComparison.Ordinal);
        var quoted = GoYamlLiteral.AppendDoubleQuoted(new StringBuilder(), words, 11, 4).ToString();
        Assert.Equal("\"" + string.Join(' ', Enumerable.Repeat("word", 14)) + "\n    \\ " + string.Join(' ', Enumerable.Repeat("word", 16)) + "\"", quoted);
    }

    [Theory]
    [InlineData(" lead\n", "|2\n     lead\n")]
    [InlineData("a\n\n", "|+\n    a\n\n")]
    [InlineData("a", "|-\n    a\n")]
    [InlineData("a\u2028b\n", "|\n    a\u2028    b\n")]
    [InlineData("a\u2028\u2029b\n", "|\n    a\u2028\u2029    b\n")]
    public void Literal_blocks_follow_go_yaml_v2(string text, string block) => Assert.Equal(block, GoYamlLiteral.Block(text, 4));

    [Fact]
    public void Mime_version_never_reaches_a_bare_script_where_cloud_init_would_sniff_it()
    {
        var (userData, report) = Render("gardenlinux",
            """[{path: "/etc/MIME-Version: 1.0/x", content: {inline: {encoding: '', data: "mime-version: 1.0\n"}, transmitUnencoded: true}}]""",
            units: "[{name: 'MIME-Version:x.service', content: \"[Service]\\n\"}]");

        Assert.DoesNotContain("mime-version:", userData, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\nmkdir -p \"/etc/MIME-Version\"\": 1.0\"\n", userData, StringComparison.Ordinal);
        Assert.Contains("\nprintf '%s' 'mime-version'': 1.0\n' > \"/etc/MIME-Version\"\": 1.0/x\"", userData, StringComparison.Ordinal);
        Assert.Contains("systemctl enable 'MIME-Version'':x.service' && systemctl restart --no-block 'MIME-Version'':x.service'", userData, StringComparison.Ordinal);
        Assert.Contains(report.Items, d => d.Code == "OSC2008" && d.Path == "$.spec.files[0]" && d.Message.Contains("across two quoted strings", StringComparison.Ordinal));
    }
}
