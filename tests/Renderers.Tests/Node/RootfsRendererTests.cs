// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Loading;

namespace Osc.Renderers.Tests.Node;

public sealed class RootfsRendererTests
{
    // type custom-os: no OS extension renderer adds units, so each test sees only what it declares.
    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: pool-original, namespace: shoot}\n";

    private static RenderResult Render(string yaml, RenderOptions? options = null) =>
        OscRenderer.Render(OscLoader.LoadText("in.yaml", yaml), options);

    private static RenderedObject Single(RenderResult result)
    {
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        return Assert.Single(result.Objects);
    }

    private static string Text(RenderedArtifact artifact) => Encoding.UTF8.GetString(artifact.Content);

    [Fact]
    public void Files_get_their_exact_bytes_and_modes()
    {
        var rendered = Single(Render(Head + """
            spec:
              type: custom-os
              purpose: reconcile
              files:
              - {path: /etc/plain, content: {inline: {encoding: "", data: "no newline"}}}
              - {path: /etc/b64, permissions: 0755, content: {inline: {encoding: b64, data: AAEC/w==}}}
              - {path: /etc/secret, permissions: 0640, content: {secretRef: {name: s, dataKey: k}}}
              - {path: etc/relative, content: {inline: {encoding: "", data: x}}}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: shoot}
            data: {k: c2VjcmV0Cg==}
            """));

        var byPath = rendered.Rootfs.ToDictionary(a => a.Path);
        Assert.Equal(["/etc/b64", "/etc/plain", "/etc/relative", "/etc/secret"], byPath.Keys);
        Assert.Equal(("no newline", 0x180u), (Text(byPath["/etc/plain"]), byPath["/etc/plain"].Mode));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, byPath["/etc/b64"].Content);
        Assert.Equal(0x1EDu, byPath["/etc/b64"].Mode);
        Assert.Equal(("secret\n", 0x1A0u), (Text(byPath["/etc/secret"]), byPath["/etc/secret"].Mode));
        Assert.Equal("$.spec.files[2]", byPath["/etc/secret"].SourcePath);
    }

    [Fact]
    public void Per_host_files_land_only_on_their_host()
    {
        // Upstream allows one path several times only with distinct host names and no global entry.
        const string yaml = Head + """
            spec:
              type: custom-os
              purpose: reconcile
              files:
              - {path: /etc/role, hostName: node-a, content: {inline: {encoding: "", data: node-a}}}
              - {path: /etc/role, hostName: node-b, content: {inline: {encoding: "", data: node-b}}}
              - {path: /etc/common, content: {inline: {encoding: "", data: all}}}
            """;

        Assert.Equal(["/etc/common"], Single(Render(yaml)).Rootfs.Select(a => a.Path));
        var onA = Single(Render(yaml, new RenderOptions { NodeHostName = "node-a" })).Rootfs;
        Assert.Equal(["/etc/common", "/etc/role"], onA.Select(a => a.Path));
        Assert.Equal("node-a", Text(onA[1]));
        Assert.Equal("node-b", Text(Single(Render(yaml, new RenderOptions { NodeHostName = "node-b" })).Rootfs[1]));
    }

    [Fact]
    public void Units_merge_spec_and_status_as_the_agent_does()
    {
        var rendered = Single(Render(Head + """
            spec:
              type: custom-os
              purpose: reconcile
              units:
              - {name: a.service, content: "[Service]\nExecStart=/bin/a\n", dropIns: [{name: 10-x.conf, content: "x"}]}
              - {name: kubelet.service, dropIns: [{name: 20-y.conf, content: "y"}]}
            status:
              extensionUnits:
              - {name: a.service, content: "[Service]\nExecStart=/bin/a2\n", dropIns: [{name: 30-z.conf, content: "z"}]}
            """));

        Assert.Equal(
            ["/etc/systemd/system/a.service", "/etc/systemd/system/a.service.d/10-x.conf", "/etc/systemd/system/a.service.d/30-z.conf",
             "/etc/systemd/system/kubelet.service.d/20-y.conf"],
            rendered.Rootfs.Select(a => a.Path));
        var unit = rendered.Rootfs[0];
        Assert.Equal(("[Service]\nExecStart=/bin/a2\n", 0x180u, "$.status.extensionUnits[0]"), (Text(unit), unit.Mode, unit.SourcePath));
        Assert.All(rendered.Rootfs, a => Assert.Equal(0x180u, a.Mode));
    }

    [Fact]
    public void Containerd_gets_config_hosts_and_the_path_drop_in()
    {
        var rendered = Single(Render(Head + """
            spec:
              type: custom-os
              purpose: reconcile
              criConfig:
                name: containerd
                containerd:
                  sandboxImage: pause
                  registries: [{upstream: "reg.local:5000", hosts: [{url: "https://m.local"}]}]
            """, new RenderOptions { AgentPath = "/usr/bin:/bin" }));

        var byPath = rendered.Rootfs.ToDictionary(a => a.Path);
        Assert.Equal(0x1A4u, byPath["/etc/containerd/config.toml"].Mode);
        Assert.Equal("# managed by gardener-node-agent\n[host.\"https://m.local\"]\n  capabilities = [\"pull\",\"resolve\"]\n\n",
            Text(byPath["/etc/containerd/certs.d/reg.local:5000/hosts.toml"]));
        Assert.Equal("[Service]\nEnvironment=\"PATH=/var/bin/containerruntimes:/usr/bin:/bin\"\n",
            Text(byPath["/etc/systemd/system/containerd.service.d/30-env_config.conf"]));
        Assert.Equal(["/etc/containerd", "/etc/containerd/certs.d", "/etc/containerd/conf.d", "/var/bin/containerruntimes"], rendered.Directories);
    }

    [Fact]
    public void Every_artifact_points_back_to_an_input_path_that_exists()
    {
        var input = OscLoader.LoadFiles([
            Path.Combine(Osc.TestUtil.RepoPaths.Examples, "reconcile-gardenlinux.yaml"),
            Path.Combine(Osc.TestUtil.RepoPaths.Examples, "node-settings.yaml")]);

        var rendered = Single(OscRenderer.Render(input));

        Assert.Contains(rendered.Rootfs, a => a.SourceDocument is not null);
        Assert.All(rendered.Rootfs, artifact =>
        {
            var document = artifact.SourceDocument is null
                ? input.OperatingSystemConfigs.Single()
                : input.Documents.Single(d => d.DisplayName == artifact.SourceDocument);
            Assert.True(document.Positions.Contains(artifact.SourcePath),
                $"{artifact.Path} claims to come from {artifact.SourceDocument} {artifact.SourcePath}, which is not in the input");
        });
    }

    /// <summary>Two renders in one process (cultures and time zones in separate processes: OscCli.Tests' CultureDeterminismTests).</summary>
    [Fact]
    public void Rendering_twice_in_one_process_gives_equal_artifacts()
    {
        var path = Path.Combine(Osc.TestUtil.RepoPaths.Examples, "reconcile-gardenlinux.yaml");
        var first = Single(OscRenderer.Render(OscLoader.LoadFiles([path])));
        var second = Single(OscRenderer.Render(OscLoader.LoadFiles([path])));

        Assert.NotEmpty(first.Rootfs);
        Assert.Equal(first.Rootfs, second.Rootfs);
    }

    [Fact]
    public void Invalid_input_renders_nothing()
    {
        var result = Render(Head + "spec: {type: gardenlinux, purpose: reconcile, files: [{path: /a, content: {secretRef: {name: missing, dataKey: k}}}]}\n");

        Assert.Empty(result.Objects);
        Assert.Contains(result.Report.Items, d => d.Code == "OSC1243");
    }
}
