// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Renderers.OperatingSystems;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// Each OS extension's reconcile answer, as sets of units (with drop-ins, commands, enablement) and
/// files (paths, modes, fixed contents), per shared/research/os-extensions.md §2.2, §3.3, §4.3, §5.2.
/// </summary>
public sealed class OsReconcileTests
{
    private static RenderResult Render(string type, string extra = "", string spec = "", RenderOptions? options = null)
    {
        var input = OscLoader.LoadText("in.yaml",
            $"apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {{name: a, namespace: b}}\nspec:\n  type: {type}\n  purpose: reconcile\n{spec}{extra}");
        return OscRenderer.Render(input, options);
    }

    private static (List<Unit> Units, List<NodeFile> Files, InPlaceUpdatesStatus? InPlace) Status(RenderResult result)
    {
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        var yaml = result.Objects.Single().StatusYaml!;
        // status.yaml reads back with Osc's own binder for the status type.
        var report = new Report();
        var node = YamlLoader.Load("status.yaml", yaml, report).Single().Root;
        var status = OperatingSystemConfigBinder.BindOperatingSystemConfigStatus(node, new Osc.Model.Binding.BindContext(report, new SourceMap("status.yaml")), "$");
        Assert.Empty(report.Items);
        return (status.ExtensionUnits!.ToList(), status.ExtensionFiles!.ToList(), status.InPlaceUpdates);
    }

    private static string Describe(Unit u) => string.Join(" ", new[]
    {
        u.Name, u.Command?.ToWire(), u.Enable?.ToString(), $"[{string.Join(",", (u.DropIns ?? []).Select(d => d.Name))}]", $"[{string.Join(",", u.FilePaths ?? [])}]",
    }.Where(p => p is not null));

    [Fact]
    public void Ubuntu_installs_the_ntp_client_and_points_kubelet_at_resolved()
    {
        var (units, files, inPlace) = Status(Render("ubuntu"));

        Assert.Equal(["install-ntp-client.service restart [] []", "kubelet.service [10-configure-resolv-conf.conf] [/opt/gardener/bin/configure_kubelet_resolv_conf.sh]"],
            units.Select(Describe));
        Assert.Contains("ExecStart=/bin/bash /opt/gardener/bin/install-ntp.sh systemd-timesyncd\n", units[0].Content, StringComparison.Ordinal);
        Assert.Equal([("/opt/gardener/bin/install-ntp.sh", 0x1E4u), ("/opt/gardener/bin/configure_kubelet_resolv_conf.sh", 0x1EDu)], files.Select(f => (f.Path, f.Permissions!.Value)));
        Assert.Null(inPlace);
    }

    [Fact]
    public void Ubuntu_with_ntpd_adds_ntp_conf()
    {
        var (units, files, _) = Status(Render("ubuntu", "---\napiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nntp: {daemon: ntpd, ntpd: {servers: [10.0.0.1]}}\n"));

        Assert.Contains("install-ntp.sh ntpd\n", units[0].Content, StringComparison.Ordinal);
        Assert.Equal(["/opt/gardener/bin/install-ntp.sh", "/etc/ntp.conf", "/opt/gardener/bin/configure_kubelet_resolv_conf.sh"], files.Select(f => f.Path));
    }

    [Fact]
    public void Gardenlinux_raises_containerd_limits_and_answers_in_place_updates()
    {
        var (units, files, inPlace) = Status(Render("gardenlinux", spec: "  inPlaceUpdates: {operatingSystemVersion: 1.0.0-inplace, kubelet: 1.34.0}\n"));

        Assert.Equal(["containerd.service [override.conf] []"], units.Select(Describe));
        Assert.Equal("[Service]\nLimitMEMLOCK=67108864\nLimitNOFILE=1048576", units[0].DropIns![0].Content);
        var script = Assert.Single(files);
        Assert.Equal(("/opt/gardener/bin/inplace-update.sh", 0x1EDu, InlineEncoding.B64), (script.Path, script.Permissions!.Value, script.Content.Inline!.Encoding));
        Assert.Equal(("/opt/gardener/bin/inplace-update.sh", "1.0.0"), (inPlace!.OsUpdate!.Command, inPlace.OsUpdate.Args!.Single()));
    }

    [Theory]
    [InlineData("1.34.3", 1)]
    [InlineData("1.35.1", 2)]
    public void Suse_files_follow_the_kubernetes_version(string version, int count)
    {
        var (units, files, _) = Status(Render("suse-chost", options: new RenderOptions { KubernetesVersion = Version.Parse(version) }));

        Assert.Empty(units);
        Assert.Equal(count, files.Count);
    }

    [Fact]
    public void Coreos_disables_updates_and_configures_ntp_and_kubelet()
    {
        var (units, files, _) = Status(Render("flatcar"));

        Assert.Equal([
            "update-engine.service stop False [20-noop-execstart.conf] []", "locksmithd.service stop False [20-noop-execstart.conf] []",
            "systemd-timesyncd.service start True [] []", "ntpd.service stop False [] []",
            "kubelet.service [10-configure-cgroup-driver.conf] [/opt/bin/kubelet_cgroup_driver.sh]", "containerd.service [11-exec_config.conf] []"], units.Select(Describe));
        Assert.Equal([("/etc/modprobe.d/sctp.conf", 0x1A4u), ("/opt/bin/kubelet_cgroup_driver.sh", 0x1EDu)], files.Select(f => (f.Path, f.Permissions!.Value)));
        Assert.Equal("install sctp /bin/true", files[0].Content.Inline!.Data);
    }

    [Fact]
    public void Coreos_with_ntpd_swaps_the_daemons_and_without_ntp_has_none()
    {
        const string head = "---\napiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\n";
        var (ntpdUnits, ntpdFiles, _) = Status(Render("coreos", head + "ntp: {daemon: ntpd, ntpd: {servers: [10.0.0.1]}}\n"));
        Assert.Contains("ntpd.service start True [] [/etc/ntp.conf]", ntpdUnits.Select(Describe));
        Assert.Contains("/etc/ntp.conf", ntpdFiles.Select(f => f.Path));

        var (offUnits, _, _) = Status(Render("coreos", head + "ntp: {enabled: false}\n"));
        Assert.DoesNotContain(offUnits, u => u.Name is "ntpd.service" or "systemd-timesyncd.service");
    }

    [Theory]
    [InlineData("1.0.0-inplace", "1.0.0")]
    [InlineData("v1877.3.0+build", "1877.3.0")]
    [InlineData("1.2.3", "1.2.3")]
    public void Versions_are_normalised_as_gardener_does(string version, string expected) =>
        Assert.Equal(expected, Osc.Renderers.OperatingSystems.GardenLinux.GardenLinuxFamily.NormalizeVersion(version));
}
