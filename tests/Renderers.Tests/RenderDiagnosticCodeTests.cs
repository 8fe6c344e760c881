// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers.Containerd;

namespace Osc.Renderers.Tests;

/// <summary>
/// Every OSC2xxx rendering code (the planning codes are OscCli.Tests' PlanDiagnosticCodeTests'), and the OSC1xxx codes that need the renderers' knowledge of what they write
/// (OSC1263, OSC1264), triggered by an input (the other OSC1xxx codes' table lives in Osc.Model.Tests).
/// </summary>
public sealed class RenderDiagnosticCodeTests
{
    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: b}\n";
    private const string Cri = "spec:\n  type: gardenlinux\n  purpose: reconcile\n  criConfig: {name: containerd, containerd: {sandboxImage: p";

    public static TheoryData<string, string, string?, bool> Cases => new()
    {
        { "OSC1263", Head + Cri + "}}\n  files: [{path: /etc/containerd/config.toml, content: {inline: {encoding: '', data: x}}}]\n", null, false },
        { "OSC1264", Head + "spec: {type: gardenlinux, purpose: provision, files: [{path: /etc/systemd/system/containerd.service.d/11-exec_config.conf, content: {inline: {encoding: '', data: x}}}]}\n", null, false },
        { "OSC2001", Head + Cri + "}}\n", "this is = not [toml", false },
        { "OSC2002", Head + Cri + ", plugins: [{path: [io.containerd.grpc.v1.cri, sandbox_image, deeper], values: {x: y}}]}}\n", null, false },
        { "OSC2003", Head + Cri + "}}\n", "version = 7\n", false },
        { "OSC2004", Head + Cri + ", plugins: [{path: [io.containerd.grpc.v1.cri], values: {max_concurrent_downloads: 5}}]}}\n", null, false },
        { "OSC2005", Head + Cri + ", plugins: [{path: [io.containerd.grpc.v1.cri], values: {x: \"a\\u007fb\"}}]}}\n", null, false },
        { "OSC2006", Head + "spec: {type: gardenlinux, purpose: reconcile, files: [{path: /a, content: {imageRef: {image: i, filePathInImage: /b}}}]}\n", null, false },
        { "OSC2007", Head + "spec: {type: custom-os, purpose: provision}\n", null, false },
        { "OSC2009", Head + "spec: {type: suse-chost, purpose: reconcile}\n", null, false },
        { "OSC2010", Head + "spec: {type: flatcar, purpose: reconcile, providerConfig: {apiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1, kind: ExtensionConfig}}\n---\napiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nntp: {enabled: false}\n", null, false },
        { "OSC2011", Head + "spec: {type: ubuntu, purpose: provision, files: [{path: /big, content: {inline: {encoding: '', data: '" + new string('x', 20000) + "'}}}]}\n", null, false },
        { "OSC2012", Head + "spec: {type: gardenlinux, purpose: provision}\n", null, true },
        { "OSC2013", Head + "spec: {type: gardenlinux, purpose: reconcile, files: [{path: /a, content: {inline: {encoding: b64, data: 'not base64!'}}}]}\n", null, false },
        { "OSC2014", Head + Cri + ", plugins: [{path: [io.containerd.grpc.v1.cri, registry], values: {config_path: /x}}]}}\n", "version = 3\n", false },
        { "OSC2015", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {generateName: worker-, namespace: b}\nspec: {type: gardenlinux, purpose: reconcile}\n", null, false },
        { "OSC2008", Head + "spec: {type: gardenlinux, purpose: provision, files: [{path: /a, content: {inline: {encoding: '', data: '$(id)'}, transmitUnencoded: true}}]}\n", null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Code_is_reported_at_an_input_position(string code, string yaml, string? baseConfig, bool compress)
    {
        var options = new RenderOptions { Containerd = new ContainerdConfigOptions { BaseConfig = baseConfig }, CompressUserData = compress };

        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", yaml), options);

        var diagnostic = Assert.Single(result.Report.Items, d => d.Code == code);
        Assert.Equal(DiagnosticCatalog.All.Single(d => d.Code == code).Severity, diagnostic.Severity);
        Assert.NotNull(diagnostic.Span);
        Assert.Matches(@"^\$\.(spec|metadata)\b", diagnostic.Path);
        if (diagnostic.Severity == Severity.Error)
        {
            Assert.Empty(result.Objects);
        }
    }

    [Fact]
    public void Table_covers_every_rendering_code()
    {
        var covered = Cases.Select(row => (string)row[0]).Order();
        // OSC2016..OSC2022 are osc plan's: OscCli.Tests' PlanDiagnosticCodeTests triggers each.
        var planning = new[] { "OSC2016", "OSC2017", "OSC2018", "OSC2019", "OSC2020", "OSC2021", "OSC2022" };
        Assert.Equal(DiagnosticCatalog.All.Select(d => d.Code).Where(c => (c.StartsWith("OSC2", StringComparison.Ordinal) && !planning.Contains(c)) || c is "OSC1263" or "OSC1264").Order(), covered);
    }

    [Theory]
    [InlineData("version = 2\na = 1\na = 2\n", "(3,1)")]
    [InlineData("version = 2\n[t]\nx = 1\n[t]\ny = 2\n", "(4,1)")]
    [InlineData("version = 2\n[t]\nx = 1\n[t.x]\ny = 1\n", "(4,1)")]
    [InlineData("version = 2\nt = {x = 1}\n[t]\ny = 2\n", "(3,1)")]
    [InlineData("version = 2\n[[arr]]\nx = 1\n[arr]\ny = 2\n", "(4,1)")]
    public void A_base_config_that_defines_a_key_twice_is_OSC2001_at_the_second_definition(string baseConfig, string position)
    {
        var options = new RenderOptions { Containerd = new ContainerdConfigOptions { BaseConfig = baseConfig } };

        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", Head + Cri + "}}\n"), options);

        var diagnostic = Assert.Single(result.Report.Items);
        Assert.Equal("OSC2001", diagnostic.Code);
        Assert.Contains(position, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("already defined", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(result.Objects);
    }

    [Fact]
    public void A_table_named_again_after_its_subtable_is_no_redefinition()
    {
        var options = new RenderOptions { Containerd = new ContainerdConfigOptions { BaseConfig = "version = 2\n[t.u]\nx = 1\n[t]\ny = 2\n" } };

        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", Head + Cri + "}}\n"), options);

        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
    }

    [Theory]
    [InlineData(126, false)]
    [InlineData(127, true)]
    public void Plugin_values_nest_up_to_the_limit_and_the_rendered_config_parses_back(int depth, bool refused)
    {
        var values = "1";
        for (var i = 0; i < depth; i++)
        {
            values = "{k: " + values + "}";
        }

        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", Head + Cri + ", plugins: [{path: [io.containerd.grpc.v1.cri], values: " + values + "}]}}\n"));

        Assert.DoesNotContain(result.Report.Items, d => d.Code is "OSC9001" or "OSC9002");
        Assert.Equal(refused, result.Report.Items.Any(d => d.Code == "OSC1229"));
        Assert.Equal(refused, result.Objects.Count == 0);
    }

    [Fact]
    public void OSC9002_a_rendered_toml_file_that_does_not_parse_is_reported_at_its_source()
    {
        // Renderers cannot be made to write bad TOML from input (the property tests try); feed the check one.
        var report = new Report();
        var span = new Osc.Model.Syntax.SourceSpan("in.yaml", new(7, 3), new(7, 9));
        var broken = new RenderedArtifact("/etc/containerd/config.toml", "a = [1,"u8.ToArray(), 0x1A4, "$.spec.criConfig");

        RenderedArtifactChecks.Check([broken, broken with { Path = "/etc/motd" }], report, _ => span);

        var diagnostic = Assert.Single(report.Items);
        Assert.Equal(("OSC9002", "$.spec.criConfig", span), (diagnostic.Code, diagnostic.Path, diagnostic.Span));
    }

    [Fact]
    public void Gzip_user_data_is_deterministic_and_unpacks_to_the_text()
    {
        var input = OscLoader.LoadText("in.yaml", Head + "spec: {type: ubuntu, purpose: provision, files: [{path: /big, content: {inline: {encoding: '', data: '" + new string('x', 20000) + "'}}}]}\n");
        var options = new RenderOptions { CompressUserData = true };

        var first = OscRenderer.Render(input, options).Objects.Single();
        var second = OscRenderer.Render(OscLoader.LoadText("in.yaml", Head + "spec: {type: ubuntu, purpose: provision, files: [{path: /big, content: {inline: {encoding: '', data: '" + new string('x', 20000) + "'}}}]}\n"), options).Objects.Single();

        Assert.Equal(first.CompressedUserData, second.CompressedUserData);
        Assert.Equal(new byte[] { 0x1f, 0x8b }, first.CompressedUserData![..2]);
        using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(first.CompressedUserData), System.IO.Compression.CompressionMode.Decompress);
        using var text = new StreamReader(unzip);
        Assert.Equal(first.UserData, text.ReadToEnd());
        Assert.True(first.CompressedUserData.Length < UserDataLimits.MaxBytes);
    }
}
