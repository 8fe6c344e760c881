// SPDX-License-Identifier: Apache-2.0
using Osc.Renderers.Tests.Conformance;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.Containerd;

/// <summary>
/// config.toml and hosts.toml byte for byte as gardener-node-agent writes them: the expectations of
/// upstream's integration test, and the cases replayed with upstream's algorithm and TOML library.
/// Rendered through <c>osc render</c> (validation included), read back from the rootfs/ view.
/// </summary>
public sealed class ContainerdConformanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("osc-containerd-conformance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Upstream(string shared, params string[] parts) => Path.Combine([shared, "upstream", .. parts]);

    /// <summary>An empty base config: upstream's integration test fakes `containerd config default` with an empty file.</summary>
    private string EmptyBase()
    {
        var path = Path.Combine(_dir, "empty.toml");
        File.WriteAllText(path, "");
        return path;
    }

    private static CliRender Render(string yaml, string baseConfig, string? containerdVersion = null) =>
        CliRender.Run(yaml, ["--containerd-base", baseConfig, .. containerdVersion is null ? Array.Empty<string>() : ["--containerd-version", containerdVersion]]).Succeeded();

    [SkippableFact]
    public void Integration_test_config_toml_is_byte_exact()
    {
        var shared = RepoPaths.SharedOrSkip("node-agent integration expectations");
        var dir = Upstream(shared, "gardener", "testdata", "nodeagent-integration");

        // Upstream's test fakes `containerd config default` with an empty file and containerd 2.1.2.
        using var rendered = Render(File.ReadAllText(Path.Combine(dir, "osc.yaml")), EmptyBase(), "2.1.2");

        Assert.Equal(File.ReadAllText(Path.Combine(dir, "config.toml.expected")), rendered.RootfsText("/etc/containerd/config.toml"));
        // The test object's type is "" (as in gardener-node-agent's osc.yaml): Gardener accepts it, Osc warns.
        Assert.Equal([("OSC1203", "warning")], rendered.Diagnostics.Select(d => (d.Code, d.Severity)));
    }

    [SkippableFact]
    public void Integration_test_variants_remove_and_cgroupfs_are_byte_exact()
    {
        var shared = RepoPaths.SharedOrSkip("node-agent integration expectations");
        var dir = Upstream(shared, "gardener", "testdata", "nodeagent-integration");
        var osc = File.ReadAllText(Path.Combine(dir, "osc.yaml"));
        Assert.EndsWith("      - path: [bar]\n", osc, StringComparison.Ordinal);

        using var removed = Render(osc + "      - op: remove\n        path: [foo]\n", EmptyBase());
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "config.toml.expected-after-remove-foo")), removed.RootfsText("/etc/containerd/config.toml"));

        using var cgroupfs = Render(osc.Replace("cgroupDriver: systemd", "cgroupDriver: cgroupfs", StringComparison.Ordinal), EmptyBase());
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "config.toml.expected-cgroupfs")), cgroupfs.RootfsText("/etc/containerd/config.toml"));
    }

    [SkippableFact]
    public void Integration_test_hosts_toml_files_are_byte_exact()
    {
        var shared = RepoPaths.SharedOrSkip("node-agent integration expectations");
        var dir = Upstream(shared, "gardener", "testdata", "nodeagent-integration");

        using var rendered = Render(File.ReadAllText(Path.Combine(dir, "osc.yaml")), EmptyBase(), "2.1.2");

        foreach (var upstream in new[] { "_default", "registry.k8s.io" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "certs.d", upstream, "hosts.toml")), rendered.RootfsText($"/etc/containerd/certs.d/{upstream}/hosts.toml"));
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
        var osc = File.ReadAllText(oscFile is null ? Path.Combine(generated, "osc-base.yaml") : Path.Combine(generated, @case, oscFile));

        using var rendered = Render(osc, Upstream(shared, "os-extensions", "gardener", "nodeagent-containerd-testfiles", baseFile), containerdVersion);

        Assert.Equal(File.ReadAllText(Path.Combine(generated, @case, "config.toml")), rendered.RootfsText("/etc/containerd/config.toml"));
        Assert.Empty(rendered.Diagnostics);
    }

    [SkippableFact]
    public void Plugin_quirks_match_upstream_except_integers_which_stay_integers()
    {
        var shared = RepoPaths.SharedOrSkip("containerd plugin quirks");
        var dir = Upstream(shared, "gardener", "testdata", "generated", "containerd-config", "no-base-plugin-quirks");

        using var rendered = Render(File.ReadAllText(Path.Combine(dir, "osc.yaml")), EmptyBase());

        // Upstream writes JSON numbers as floats; containerd rejects 16384.0 for an integer setting.
        var expected = File.ReadAllText(Path.Combine(dir, "config.toml"))
            .Replace("list = [1.0, \"a\"]", "list = [1, \"a\"]", StringComparison.Ordinal)
            .Replace("max_container_log_line_size = 16384.0", "max_container_log_line_size = 16384", StringComparison.Ordinal)
            .Replace("objs = [{ a = 1.0 }, { b = \"x\" }]", "objs = [{ a = 1 }, { b = \"x\" }]", StringComparison.Ordinal)
            .Replace("z = 1.0", "z = 1", StringComparison.Ordinal);
        Assert.Equal(expected, rendered.RootfsText("/etc/containerd/config.toml"));
        var warning = Assert.Single(rendered.Diagnostics);
        Assert.Equal(("OSC2004", "$.spec.criConfig.containerd.plugins[0].values"), (warning.Code, warning.Path));
        Assert.Contains("max_container_log_line_size, list[], objs[].a, nested.deep.z", warning.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_v2_plugin_path_the_agent_does_not_move_is_reported_on_a_v3_base()
    {
        var shared = RepoPaths.SharedOrSkip("containerd default configs");
        var generated = Upstream(shared, "gardener", "testdata", "generated", "containerd-config");
        var osc = File.ReadAllText(Path.Combine(generated, "osc-base.yaml"))
            + "      plugins:\n      - path: [io.containerd.grpc.v1.cri, registry, mirrors]\n        values: {x: y}\n"
            + "      - path: [io.containerd.grpc.v1.cri]\n        values: {stream_idle_timeout: 1h, max_container_log_line_size: 100}\n";
        var v3 = Upstream(shared, "os-extensions", "gardener", "nodeagent-containerd-testfiles", "containerd-config.toml-v3");
        var v2 = Upstream(shared, "os-extensions", "gardener", "nodeagent-containerd-testfiles", "containerd-config.toml-v2");

        using var onV3 = Render(osc, v3, "2.0.2");
        using var onV2 = Render(osc, v2, "1.7.23");

        // containerd 2.x still reads the CRI gRPC server settings there (stream_idle_timeout), nothing else.
        Assert.Equal([("OSC2014", "$.spec.criConfig.containerd.plugins[0].path", "io.containerd.grpc.v1.cri.registry.mirrors"),
            ("OSC2014", "$.spec.criConfig.containerd.plugins[1].path", "io.containerd.grpc.v1.cri.max_container_log_line_size")],
            onV3.Diagnostics.Where(d => d.Code == "OSC2014").Select(d => (d.Code, d.Path!, d.Message.Split(':')[1].Trim().Split(' ')[0])));
        Assert.DoesNotContain(onV2.Diagnostics, d => d.Code == "OSC2014");
    }
}
