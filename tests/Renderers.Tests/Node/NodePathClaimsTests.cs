// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.Json.Nodes;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;

namespace Osc.Renderers.Tests.Node;

/// <summary>
/// The paths Osc writes besides the declared files are known to validation (NodePathClaims): every
/// such path each OS type renders is claimed, a claim's kind agrees with what the rendered view
/// keeps, and declared files that collide are reported at their path.
/// </summary>
public sealed class NodePathClaimsTests
{
    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: w, namespace: ns}\n";
    private const string Extras = """
        ---
        apiVersion: config.osc.dev/v1alpha1
        kind: NodeConfig
        metadata: {name: n}
        ntp: {daemon: chrony, chrony: {servers: [{address: time.example.org}]}}
        dns: {resolved: {dns: [192.0.2.53]}, kubeletResolvConf: systemd-resolved}
        ---
        apiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1
        kind: ExtensionConfig
        disableUnattendedUpgrades: true
        ntp: {daemon: ntpd, ntpd: {servers: [time.example.org]}}
        """;

    private static string Reconcile(string type) => Head + """
        spec:
          type: OS_TYPE
          purpose: reconcile
          inPlaceUpdates: {operatingSystemVersion: 1.2.3, kubelet: 1.34.0}
          criConfig: {name: containerd, containerd: {sandboxImage: p, registries: [{upstream: docker.io, hosts: [{url: "https://m"}]}, {upstream: _default}]}}
          units:
          - {name: a.service, content: "[Unit]\n", dropIns: [{name: 10-x.conf, content: "[Unit]\n"}]}
          files:
          - {path: /etc/declared, content: {inline: {encoding: "", data: x}}}

        """.Replace("OS_TYPE", type, StringComparison.Ordinal) + Extras;

    private static string Provision(string type) => Head + """
        spec:
          type: OS_TYPE
          purpose: provision
          units:
          - {name: a.service, content: "[Unit]\n", dropIns: [{name: 10-x.conf, content: "[Unit]\n"}]}
          files:
          - {path: /etc/declared, content: {inline: {encoding: "", data: x}}}

        """.Replace("OS_TYPE", type, StringComparison.Ordinal) + Extras;

    public static TheoryData<string> ReconcileTypes => new() { "ubuntu", "gardenlinux", "suse-chost", "coreos", "flatcar", "custom-os" };

    public static TheoryData<string> ProvisionScriptTypes => new() { "ubuntu", "ubuntu-pro", "gardenlinux", "memoryone-gardenlinux", "suse-chost", "memoryone-chost" };

    private static IReadOnlyList<NodePathClaim> ClaimsOf(OscInput input, RenderOptions options)
    {
        var document = input.OperatingSystemConfigs.Single();
        var settings = new Osc.Renderers.Node.NodeSettings(
            input.OfKind<OscNodeConfig>().FirstOrDefault(), input.OfKind<UbuntuExtensionConfig>().FirstOrDefault(), input.OfKind<CoreosExtensionConfig>().FirstOrDefault());
        return NodePathClaims.For(document, settings, options);
    }

    [Theory]
    [MemberData(nameof(ReconcileTypes))]
    public void Every_path_a_reconcile_render_writes_besides_the_declared_files_is_claimed(string type)
    {
        var options = new RenderOptions { KubernetesVersion = new Version(1, 35, 2) };
        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", Reconcile(type)), options);
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        var claims = ClaimsOf(OscLoader.LoadText("in.yaml", Reconcile(type)), options).Select(c => c.Path).ToHashSet();

        var rendered = result.Objects.Single();
        var unclaimed = rendered.Rootfs.Where(a => !a.SourcePath.StartsWith("$.spec.files", StringComparison.Ordinal)).Select(a => a.Path).Where(p => !claims.Contains(p));
        Assert.Empty(unclaimed);
        Assert.DoesNotContain(rendered.Directories, d => !claims.Contains(d));
    }

    [Theory]
    [MemberData(nameof(ProvisionScriptTypes))]
    public void Every_path_a_provision_script_writes_besides_the_declared_files_is_claimed(string type)
    {
        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", Provision(type)));
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        var claims = ClaimsOf(OscLoader.LoadText("in.yaml", Provision(type)), RenderOptions.Default).Select(c => c.Path).ToHashSet();

        var unclaimed = result.Objects.Single().Rootfs.Where(a => !a.SourcePath.StartsWith("$.spec.files", StringComparison.Ordinal)).Select(a => a.Path).Where(p => !claims.Contains(p));

        Assert.Empty(unclaimed);
    }

    [Theory]
    [MemberData(nameof(ProvisionScriptTypes))]
    public void A_script_file_claim_says_which_content_the_rendered_view_keeps(string type)
    {
        var claims = ClaimsOf(OscLoader.LoadText("in.yaml", Provision(type)), RenderOptions.Default)
            .Where(c => c.Kind is NodePathClaimKind.WrittenBefore or NodePathClaimKind.WrittenAfter).ToList();
        Assert.NotEmpty(claims);
        foreach (var claim in claims)
        {
            var yaml = Provision(type).Replace("/etc/declared", claim.Path, StringComparison.Ordinal).Replace("data: x}", "data: DECLARED}", StringComparison.Ordinal);

            var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", yaml));

            Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
            Assert.Equal("OSC1264", Assert.Single(result.Report.Items, d => d.Path == "$.spec.files[0].path").Code);
            var kept = Encoding.UTF8.GetString(result.Objects.Single().Rootfs.Single(a => a.Path == claim.Path).Content);
            Assert.Equal(claim.Kind == NodePathClaimKind.WrittenBefore, kept == "DECLARED");
        }
    }

    [Theory]
    [InlineData("coreos")]
    [InlineData("flatcar")]
    public void Every_storage_entry_and_unit_of_ignition_besides_the_declared_files_is_claimed(string type)
    {
        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", Provision(type)));
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        var claims = ClaimsOf(OscLoader.LoadText("in.yaml", Provision(type)), RenderOptions.Default).Select(c => c.Path).ToHashSet();
        var ignition = JsonNode.Parse(result.Objects.Single().UserData!)!;

        var storage = ignition["storage"]!["files"]!.AsArray().Concat(ignition["storage"]!["links"]!.AsArray()).Select(e => (string)e!["path"]!);
        var units = ignition["systemd"]!["units"]!.AsArray().SelectMany(u =>
            (u!["contents"] is null ? [] : new[] { "/etc/systemd/system/" + (string)u["name"]! })
                .Concat((u["dropins"]?.AsArray() ?? []).Select(d => $"/etc/systemd/system/{(string)u["name"]!}.d/{(string)d!["name"]!}")));

        Assert.DoesNotContain(storage.Concat(units), p => p != "/etc/declared" && !claims.Contains(p));
    }

    public static TheoryData<string, string, string> Collisions => new()
    {
        // OS type, declared path, code
        { "reconcile gardenlinux", "/etc/containerd/config.toml", "OSC1263" },
        { "reconcile gardenlinux", "/etc/containerd/certs.d/docker.io/hosts.toml", "OSC1263" },
        { "reconcile gardenlinux", "/etc/systemd/system/containerd.service.d/30-env_config.conf", "OSC1263" },
        { "reconcile gardenlinux", "/etc/systemd/system/a.service", "OSC1263" },
        { "reconcile gardenlinux", "/etc/systemd/system/a.service.d/10-x.conf", "OSC1263" },
        { "reconcile gardenlinux", "/opt/gardener/bin/inplace-update.sh", "OSC1263" },
        { "reconcile gardenlinux", "/etc/chrony/chrony.conf", "OSC1263" },
        { "reconcile gardenlinux", "/etc/containerd", "OSC1249" },
        { "reconcile gardenlinux", "/etc/containerd/config.toml/below", "OSC1249" },
        { "reconcile gardenlinux", "/etc/systemd/system/a.service.d", "OSC1249" },
        { "reconcile gardenlinux", "/var/bin/containerruntimes", "OSC1249" },
        { "reconcile gardenlinux", "/usr", "OSC1249" },
        { "provision gardenlinux", "/etc/systemd/system/containerd.service.d/11-exec_config.conf", "OSC1264" },
        { "provision gardenlinux", "/etc/systemd/system/a.service", "OSC1264" },
        { "provision gardenlinux", "/var/lib/osc/provision-osc-applied", "OSC1263" },
        { "provision gardenlinux", "/var/lib/osc", "OSC1249" },
        { "provision coreos", "/opt/bin/containerd-setup.sh", "OSC1260" },
        { "provision coreos", "/etc/systemd/system/update-engine.service", "OSC1260" },
        { "provision coreos", "/etc/systemd/system/a.service", "OSC1263" },
    };

    [Theory]
    [MemberData(nameof(Collisions))]
    public void A_declared_file_on_a_path_osc_writes_is_reported_at_its_path_by_validate_and_render(string osc, string path, string code)
    {
        var type = osc.Split(' ')[1];
        var yaml = (osc.StartsWith("reconcile", StringComparison.Ordinal) ? Reconcile(type) : Provision(type)).Replace("/etc/declared", path, StringComparison.Ordinal);

        var validated = OscRenderer.Validate(OscLoader.LoadText("in.yaml", yaml));
        var rendered = OscRenderer.Render(OscLoader.LoadText("in.yaml", yaml));

        foreach (var report in new[] { validated, rendered.Report })
        {
            var diagnostic = Assert.Single(report.Items, d => d.Path == "$.spec.files[0].path");
            Assert.Equal(code, diagnostic.Code);
            Assert.Equal(DiagnosticCatalog.All.Single(d => d.Code == code).Severity, diagnostic.Severity);
            Assert.Contains(path, diagnostic.Message, StringComparison.Ordinal);
        }
        Assert.Equal(code == "OSC1264", rendered.Objects.Count == 1);
    }

    [Fact]
    public void Status_extension_files_of_a_seed_dump_are_no_collision_with_the_os_extension()
    {
        // The OS extension's own files in status.extensionFiles are its answer, not a second writer.
        var yaml = Head + """
            spec:
              type: gardenlinux
              purpose: reconcile
              inPlaceUpdates: {operatingSystemVersion: 1.2.3, kubelet: 1.34.0}
            status:
              extensionFiles:
              - {path: /opt/gardener/bin/inplace-update.sh, permissions: 0755, content: {inline: {encoding: "", data: x}}}
            """;

        Assert.Empty(OscRenderer.Validate(OscLoader.LoadText("in.yaml", yaml)).Items);
    }

    [Fact]
    public void Files_on_different_hosts_never_share_a_node()
    {
        var yaml = Head + """
            spec:
              type: custom-os
              purpose: reconcile
              files:
              - {path: /h, hostName: node-a, content: {inline: {encoding: "", data: x}}}
              - {path: /h/x, hostName: node-b, content: {inline: {encoding: "", data: x}}}
              - {path: /g, hostName: node-a, content: {inline: {encoding: "", data: x}}}
              - {path: /g/x, hostName: node-a, content: {inline: {encoding: "", data: x}}}
              - {path: /k, hostName: node-a, content: {inline: {encoding: "", data: x}}}
              - {path: /k/x, content: {inline: {encoding: "", data: x}}}
            """;

        var report = OscRenderer.Validate(OscLoader.LoadText("in.yaml", yaml));

        Assert.Equal(["$.spec.files[2].path", "$.spec.files[4].path"], report.Items.Select(d => d.Path));
        Assert.All(report.Items, d => Assert.Equal("OSC1249", d.Code));
    }

    [Fact]
    public void Many_nested_files_are_checked_without_quadratic_work()
    {
        // 20,000 files, each below the one before: every file but the last is a directory of the next.
        var yaml = new StringBuilder(Head).Append("spec:\n  type: custom-os\n  purpose: reconcile\n  files:\n");
        var path = "";
        for (var i = 0; i < 2000; i++)
        {
            path += "/d";
            yaml.Append("  - {path: ").Append(path).Append(", content: {inline: {encoding: '', data: x}}}\n");
        }
        for (var i = 0; i < 18000; i++)
        {
            yaml.Append("  - {path: /flat/f").Append(i).Append(", hostName: h").Append(i).Append(", content: {inline: {encoding: '', data: x}}}\n");
        }

        var report = OscRenderer.Validate(OscLoader.LoadText("in.yaml", yaml.ToString()));

        Assert.Equal(1999, report.Items.Count(d => d.Code == "OSC1249"));
    }
}
