// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers.Containerd;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.Containerd;

/// <summary>
/// config.toml and hosts.toml byte for byte as gardener-node-agent writes them: the expectations of
/// upstream's integration test, and the cases replayed with upstream's algorithm and TOML library.
/// </summary>
public sealed class ContainerdConformanceTests
{
    private static string Upstream(string shared, params string[] parts) => Path.Combine([shared, "upstream", .. parts]);

    private static (OperatingSystemConfig Osc, LoadedDocument<OperatingSystemConfig> Document) Load(string path)
    {
        var input = OscLoader.LoadFiles([path]);
        Assert.False(input.Report.HasErrors, string.Join("\n", input.Report.Items));
        var document = input.OperatingSystemConfigs.Single();
        return (document.Value, document);
    }

    private static string Render(LoadedDocument<OperatingSystemConfig> document, ContainerdConfigOptions options, Report? report = null)
    {
        report ??= new Report();
        var text = ContainerdConfigRenderer.Render(document.Value.Spec.CriConfig!, options, report, document.Positions);
        Assert.True(text is not null, string.Join("\n", report.Items));
        return text!;
    }

    [SkippableFact]
    public void Integration_test_config_toml_is_byte_exact()
    {
        var shared = RepoPaths.SharedOrSkip("node-agent integration expectations");
        var dir = Upstream(shared, "gardener", "testdata", "nodeagent-integration");
        var (_, document) = Load(Path.Combine(dir, "osc.yaml"));
        // Upstream's test fakes `containerd config default` with an empty file and containerd 2.1.2.
        var options = new ContainerdConfigOptions { BaseConfig = "", ContainerdVersion = new Version(2, 1, 2) };

        Assert.Equal(File.ReadAllText(Path.Combine(dir, "config.toml.expected")), Render(document, options));
    }

    [SkippableFact]
    public void Integration_test_variants_remove_and_cgroupfs_are_byte_exact()
    {
        var shared = RepoPaths.SharedOrSkip("node-agent integration expectations");
        var dir = Upstream(shared, "gardener", "testdata", "nodeagent-integration");
        var (osc, document) = Load(Path.Combine(dir, "osc.yaml"));
        var options = new ContainerdConfigOptions { BaseConfig = "" };
        var containerd = osc.Spec.CriConfig!.Containerd!;

        var removeFoo = containerd with { Plugins = [.. containerd.Plugins!, new PluginConfig { Op = PluginOperation.Remove, Path = ["foo"] }] };
        var removed = ContainerdConfigRenderer.Render(osc.Spec.CriConfig with { Containerd = removeFoo }, options, new Report(), document.Positions);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "config.toml.expected-after-remove-foo")), removed);

        var cgroupfs = ContainerdConfigRenderer.Render(osc.Spec.CriConfig with { CgroupDriver = CgroupDriver.Cgroupfs }, options, new Report(), document.Positions);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "config.toml.expected-cgroupfs")), cgroupfs);
    }

    [SkippableFact]
    public void Integration_test_hosts_toml_files_are_byte_exact()
    {
        var shared = RepoPaths.SharedOrSkip("node-agent integration expectations");
        var dir = Upstream(shared, "gardener", "testdata", "nodeagent-integration");
        var (osc, _) = Load(Path.Combine(dir, "osc.yaml"));

        foreach (var registry in osc.Spec.CriConfig!.Containerd!.Registries!)
        {
            Assert.Equal($"/etc/containerd/certs.d/{registry.Upstream}/hosts.toml", HostsTomlRenderer.PathOf(registry));
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "certs.d", registry.Upstream, "hosts.toml")), HostsTomlRenderer.Render(registry));
        }
    }

    [SkippableTheory]
    [InlineData("v2-containerd-1.7", "containerd-config.toml-v2", "1.7.23", null)]
    [InlineData("v3-containerd-2.0", "containerd-config.toml-v3", "2.0.2", null)]
    [InlineData("v3-containerd-2.2", "containerd-config.toml-v3", "2.2.0", null)]
    [InlineData("v4-containerd-2.3", "containerd-config.toml-v4", "2.3.0", null)]
    [InlineData("v3-containerd-2.0-runsc-plugin", "containerd-config.toml-v3", "2.0.2", "osc.yaml")]
    public void Upstream_default_configs_patched_match_the_replayed_agent(string @case, string baseFile, string containerdVersion, string? oscFile)
    {
        var shared = RepoPaths.SharedOrSkip("containerd default configs");
        var generated = Upstream(shared, "gardener", "testdata", "generated", "containerd-config");
        var (_, document) = Load(oscFile is null ? Path.Combine(generated, "osc-base.yaml") : Path.Combine(generated, @case, oscFile));
        var options = new ContainerdConfigOptions
        {
            BaseConfig = File.ReadAllText(Upstream(shared, "os-extensions", "gardener", "nodeagent-containerd-testfiles", baseFile)),
            ContainerdVersion = Version.Parse(containerdVersion),
        };
        var report = new Report();

        Assert.Equal(File.ReadAllText(Path.Combine(generated, @case, "config.toml")), Render(document, options, report));
        Assert.Empty(report.Items);
    }

    [SkippableFact]
    public void Plugin_quirks_match_upstream_except_integers_which_stay_integers()
    {
        var shared = RepoPaths.SharedOrSkip("containerd plugin quirks");
        var dir = Upstream(shared, "gardener", "testdata", "generated", "containerd-config", "no-base-plugin-quirks");
        var (_, document) = Load(Path.Combine(dir, "osc.yaml"));
        var report = new Report();

        var rendered = Render(document, new ContainerdConfigOptions { BaseConfig = "" }, report);

        // Upstream writes JSON numbers as floats; containerd rejects 16384.0 for an integer setting.
        var expected = File.ReadAllText(Path.Combine(dir, "config.toml"))
            .Replace("list = [1.0, \"a\"]", "list = [1, \"a\"]", StringComparison.Ordinal)
            .Replace("max_container_log_line_size = 16384.0", "max_container_log_line_size = 16384", StringComparison.Ordinal)
            .Replace("objs = [{ a = 1.0 }, { b = \"x\" }]", "objs = [{ a = 1 }, { b = \"x\" }]", StringComparison.Ordinal)
            .Replace("z = 1.0", "z = 1", StringComparison.Ordinal);
        Assert.Equal(expected, rendered);
        var warning = Assert.Single(report.Items);
        Assert.Equal(("OSC2004", "$.spec.criConfig.containerd.plugins[0].values"), (warning.Code, warning.Path));
        Assert.Contains("max_container_log_line_size, list[], objs[].a, nested.deep.z", warning.Message, StringComparison.Ordinal);
    }
}
