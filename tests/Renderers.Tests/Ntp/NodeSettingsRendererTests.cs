// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Loading;
using Osc.Renderers.Ntp;

namespace Osc.Renderers.Tests.Ntp;

public sealed class NodeSettingsRendererTests
{
    private static Dictionary<string, RenderedArtifact> Render(string osType, string extraDocuments)
    {
        var yaml = $"apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {{name: a, namespace: b}}\nspec: {{type: {osType}, purpose: reconcile}}\n---\n{extraDocuments}";
        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", yaml));
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        return result.Objects.Single().Rootfs.ToDictionary(a => a.Path);
    }

    private static string Text(RenderedArtifact artifact) => Encoding.UTF8.GetString(artifact.Content);

    [Fact]
    public void Ntp_conf_matches_the_ubuntu_extension_test_expectation()
    {
        // gardener-extension-os-ubuntu actuator_test.go "should enable ntpd service": servers foo.bar and bar.foo, interfaces dev1 and dev2.
        const string upstream = "\nserver foo.bar iburst\nserver bar.foo iburst\n\ndriftfile /var/lib/ntp/ntp.drift\n"
            + "restrict default nomodify nopeer noquery notrap limited kod\nrestrict 127.0.0.1\nrestrict [::1]\n\n"
            + "interface ignore wildcard\ninterface listen 127.0.0.1\ninterface listen dev1\ninterface listen dev2\n";

        Assert.Equal(upstream, NtpConfRenderer.Render(["foo.bar", "bar.foo"], ["dev1", "dev2"]));
    }

    [Fact]
    public void Ntp_conf_without_interfaces_ends_after_the_restrictions()
    {
        Assert.Equal("\nserver 127.0.0.1 iburst\n\ndriftfile /var/lib/ntp/ntp.drift\nrestrict default nomodify nopeer noquery notrap limited kod\nrestrict 127.0.0.1\nrestrict [::1]\n\n",
            NtpConfRenderer.Render(["127.0.0.1"], null));
    }

    [Fact]
    public void Ubuntu_extension_config_with_ntpd_gives_ntp_conf_on_ubuntu_only()
    {
        const string ubuntu = "apiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nntp: {daemon: ntpd, ntpd: {servers: [10.0.0.1]}}\n";

        var files = Render("ubuntu", ubuntu);
        Assert.Equal((0x1A4u, "\nserver 10.0.0.1 iburst\n"), (files["/etc/ntp.conf"].Mode, Text(files["/etc/ntp.conf"])[..24]));
        Assert.Equal("in.yaml#1", files["/etc/ntp.conf"].SourceDocument);
        Assert.DoesNotContain("/etc/ntp.conf", Render("gardenlinux", ubuntu).Keys);
    }

    [Fact]
    public void Coreos_extension_config_respects_ntp_enabled()
    {
        const string enabled = "apiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nntp: {daemon: ntpd, ntpd: {servers: [10.0.0.1]}}\n";
        Assert.Contains("/etc/ntp.conf", Render("flatcar", enabled).Keys);
        Assert.DoesNotContain("/etc/ntp.conf", Render("flatcar", enabled.Replace("ntp: {", "ntp: {enabled: false, ", StringComparison.Ordinal)).Keys);
    }

    [Fact]
    public void Node_config_renders_chrony_resolved_and_the_kubelet_resolv_conf_script()
    {
        var files = Render("gardenlinux", File.ReadAllText(Path.Combine(Osc.TestUtil.RepoPaths.Examples, "node-settings.yaml")));

        Assert.Equal("# managed by osc\nserver time.demo.internal iburst prefer\npool 2.debian.pool.ntp.org iburst maxsources 4\n"
            + "driftfile /var/lib/chrony/chrony.drift\nmakestep 1.0 3\nrtcsync\n", Text(files["/etc/chrony/chrony.conf"]));
        Assert.Equal("# managed by osc\n[Resolve]\nDNS=10.0.0.10 1.1.1.1#cloudflare-dns.com\nFallbackDNS=9.9.9.9\nDomains=~cluster.local demo.internal\n"
            + "DNSSEC=allow-downgrade\nDNSOverTLS=opportunistic\nCache=yes\nDNSStubListener=yes\n", Text(files["/etc/systemd/resolved.conf.d/10-osc.conf"]));
        // The Ubuntu extension's script and drop-in, byte for byte.
        Assert.Equal("#!/bin/bash\nif grep -q 'resolvConf: /etc/resolv.conf' /var/lib/kubelet/config/kubelet; then\n"
            + "  sed -i -e 's|resolvConf: /etc/resolv.conf|resolvConf: /run/systemd/resolve/resolv.conf|g' /var/lib/kubelet/config/kubelet;\nfi\n",
            Text(files["/opt/gardener/bin/configure_kubelet_resolv_conf.sh"]));
        Assert.Equal(0x1EDu, files["/opt/gardener/bin/configure_kubelet_resolv_conf.sh"].Mode);
        Assert.Equal("[Service]\nExecStartPre=/opt/gardener/bin/configure_kubelet_resolv_conf.sh\n",
            Text(files["/etc/systemd/system/kubelet.service.d/10-configure-resolv-conf.conf"]));
    }

    [Fact]
    public void Timesyncd_drop_in_writes_only_what_is_set()
    {
        var files = Render("gardenlinux", "apiVersion: config.osc.dev/v1alpha1\nkind: NodeConfig\nntp: {daemon: systemd-timesyncd, timesyncd: {servers: [10.0.0.1, time.example.org], pollIntervalMaxSec: 2048}}\n");

        Assert.Equal("# managed by osc\n[Time]\nNTP=10.0.0.1 time.example.org\nPollIntervalMaxSec=2048\n", Text(files["/etc/systemd/timesyncd.conf.d/10-osc.conf"]));
    }
}
