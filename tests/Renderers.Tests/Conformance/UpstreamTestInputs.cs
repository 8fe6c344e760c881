// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Renderers.Tests.OperatingSystems;

namespace Osc.Renderers.Tests.Conformance;

/// <summary>
/// One OperatingSystemConfig an upstream test feeds its renderer, transcribed to YAML (what Go's encoder
/// writes for the test's object, with a name and namespace, which the Go objects leave out), the CLI
/// arguments that stand for the test's setup (a Cluster's Kubernetes version), whether upstream refuses
/// it, and the check of upstream's expectation on what <c>osc render</c> wrote.
/// </summary>
internal sealed record UpstreamTestInput(string Name, string Source, string Yaml, string[] Arguments, bool Refused, Action<CliRender> Check)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every OSC the OS extensions' actuator tests and gardener's bash helper tests use
/// (shared/research/os-extensions.md §7), each rendered through the CLI and held against upstream's
/// expectation. Upstream repositories at the commits of os-extensions.md: gardener b312835d,
/// os-ubuntu be8960bd, os-gardenlinux bdea3804, os-suse-chost 8249a188, os-coreos ca5b2fff.
/// </summary>
internal static class UpstreamTestInputs
{
    private const string Ubuntu = "gardener-extension-os-ubuntu pkg/controller/operatingsystemconfig/actuator_test.go";
    private const string GardenLinux = "gardener-extension-os-gardenlinux pkg/controller/operatingsystemconfig/actuator_test.go";
    private const string Suse = "gardener-extension-os-suse-chost pkg/controller/operatingsystemconfig/actuator_test.go";
    private const string Coreos = "gardener-extension-os-coreos pkg/controller/operatingsystemconfig/actuator_test.go";
    private const string Bash = "gardener extensions/pkg/controller/operatingsystemconfig/bash_test.go";

    private const string UbuntuConfig = "---\napiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\n";
    private const string CoreosConfig = "---\napiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\n";
    private const string CoreosProviderHead = "{\"kind\":\"ExtensionConfig\",\"apiVersion\":\"config.coreos.os.extensions.gardener.cloud/v1alpha1\"";
    private const string MemoryOneChostHead = "{\"kind\":\"OperatingSystemConfiguration\",\"apiVersion\":\"memoryone-chost.os.extensions.gardener.cloud/v1alpha1\"";

    /// <summary>The OSC of the ubuntu, gardenlinux and suse-chost actuator tests: unit some-unit (content foo), file /some/file (inline bar).</summary>
    internal static string SomeUnit(string type, string purpose, string ns = "b", string extra = "") => """
        apiVersion: extensions.gardener.cloud/v1alpha1
        kind: OperatingSystemConfig
        metadata: {name: a, namespace: NS}
        spec:
          type: TYPE
          purpose: PURPOSE
          units: [{name: some-unit, content: foo}]
          files: [{path: /some/file, content: {inline: {encoding: "", data: bar}}}]

        """.Replace("NS", ns, StringComparison.Ordinal).Replace("TYPE", type, StringComparison.Ordinal).Replace("PURPOSE", purpose, StringComparison.Ordinal)
        + (extra.Length == 0 ? "" : extra + "\n");

    /// <summary>The OSC of the coreos actuator test: unit some-unit.service with a unit file, file /some/file (inline bar).</summary>
    private static string CoreosOsc(string purpose, string? providerConfig = null) => """
        apiVersion: extensions.gardener.cloud/v1alpha1
        kind: OperatingSystemConfig
        metadata: {name: a, namespace: b}
        spec:
          type: coreos
          purpose: PURPOSE
          units: [{name: some-unit.service, content: "[Unit]\nDescription=Some Unit\n[Install]\nWantedBy=multi-user.target"}]
          files: [{path: /some/file, content: {inline: {encoding: "", data: bar}}}]

        """.Replace("PURPOSE", purpose, StringComparison.Ordinal) + (providerConfig is null ? "" : "  providerConfig: " + providerConfig + "\n");

    private static string Describe(Unit u) => string.Join(" ", new[]
    {
        u.Name, u.Command?.ToWire(), u.Enable?.ToString(), $"[{string.Join(",", (u.DropIns ?? []).Select(d => d.Name + "=" + d.Content))}]", $"[{string.Join(",", u.FilePaths ?? [])}]",
    }.Where(p => p is not null));

    private static string Describe(NodeFile f) => $"{f.Path} {Convert.ToString(f.Permissions ?? 0, 8)}";

    private static NodeFile FileAt(CliRender r, string path) => r.Status.ExtensionFiles!.Single(f => f.Path == path);

    private const string KubeletResolvDropIn = "kubelet.service [10-configure-resolv-conf.conf=[Service]\nExecStartPre=/opt/gardener/bin/configure_kubelet_resolv_conf.sh\n] [/opt/gardener/bin/configure_kubelet_resolv_conf.sh]";

    private static string InstallNtpClient(string daemon) => "install-ntp-client.service restart [] []|[Unit]\nDescription=Oneshot service to install requested ntp client\n\n[Service]\nType=oneshot\n"
        + $"ExecStart=/bin/bash /opt/gardener/bin/install-ntp.sh {daemon}\n\n[Install]\nWantedBy=multi-user.target\n";

    private static IEnumerable<string> UbuntuUnits(CliRender r) => r.Status.ExtensionUnits!.Select(u => u.Content is null ? Describe(u) : Describe(u) + "|" + u.Content);

    private const string NtpConfFooBar = "\nserver foo.bar iburst\nserver bar.foo iburst\n\ndriftfile /var/lib/ntp/ntp.drift\n"
        + "restrict default nomodify nopeer noquery notrap limited kod\nrestrict 127.0.0.1\nrestrict [::1]\n\n"
        + "interface ignore wildcard\ninterface listen 127.0.0.1\ninterface listen dev1\ninterface listen dev2\n";

    private const string Sysctl = "# enables IPv6 router advertisements on all interfaces even when ip forwarding for IPv6 is enabled\nnet.ipv6.conf.all.accept_ra = 2\n\n"
        + "# specifically enable IPv6 router advertisements on the first ethernet interface (eth0 for net.ifnames=0)\nnet.ipv6.conf.eth0.accept_ra = 2\n";

    private const string NoopExecStart = "[Service]\nExecStart=\nExecStart=/bin/true\nRestart=no\n";

    /// <summary>memoryone-chost's user-data: the vSMP part as a key/value set (upstream's order is random), the script part exact.</summary>
    private static void MemoryOneChost(CliRender r, params string[] vsmp)
    {
        const string head = "Content-Type: multipart/mixed; boundary=\"==BOUNDARY==\"\nMIME-Version: 1.0\n--==BOUNDARY==\nContent-Type: text/x-vsmp; section=vsmp\n\n";
        const string middle = "\n--==BOUNDARY==\nContent-Type: text/x-shellscript\n\n";
        var userData = r.UserData;
        Assert.StartsWith(head, userData, StringComparison.Ordinal);
        Assert.EndsWith(middle + SuseChostConformanceTests.ExpectedScript + "\n--==BOUNDARY==--\n", userData, StringComparison.Ordinal);
        var lines = userData[head.Length..userData.IndexOf(middle, StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(vsmp.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
    }

    /// <summary>What the coreos test's Ignition mirror struct sees: files, links, units.</summary>
    private sealed record Ignition(System.Text.Json.JsonElement Root)
    {
        public IEnumerable<System.Text.Json.JsonElement> Files => Root.GetProperty("storage").GetProperty("files").EnumerateArray();

        public IEnumerable<(string Path, string Target, bool Overwrite)> Links => Root.GetProperty("storage").GetProperty("links").EnumerateArray()
            .Select(l => (l.GetProperty("path").GetString()!, l.GetProperty("target").GetString()!, l.GetProperty("overwrite").GetBoolean()));

        public IReadOnlyList<System.Text.Json.JsonElement> Units => Root.GetProperty("systemd").GetProperty("units").EnumerateArray().ToList();

        public System.Text.Json.JsonElement Unit(string name) => Units.Single(u => u.GetProperty("name").GetString() == name);

        public static Ignition Of(CliRender r) => new(System.Text.Json.JsonDocument.Parse(r.UserData).RootElement);
    }

    private static void CoreosProvisionBasics(CliRender r, bool docker)
    {
        var ign = Ignition.Of(r);
        Assert.Equal("3.3.0", ign.Root.GetProperty("ignition").GetProperty("version").GetString());
        var setup = ign.Files.Single(f => f.GetProperty("path").GetString() == "/opt/bin/containerd-setup.sh");
        Assert.Equal(0x1ED, setup.GetProperty("mode").GetInt32());
        Assert.Equal("data:,bar", ign.Files.Single(f => f.GetProperty("path").GetString() == "/some/file").GetProperty("contents").GetProperty("source").GetString());
        var names = ign.Units.Select(u => u.GetProperty("name").GetString()).ToList();
        Assert.Contains("containerd-setup.service", names);
        Assert.Contains("containerd.service", names);
        Assert.Contains("some-unit.service", names);
        Assert.DoesNotContain("update-engine.service", names);
        Assert.DoesNotContain("locksmithd.service", names);
        foreach (var masked in new[] { "update-engine.service", "locksmithd.service", "systemd-sysupdate.timer", "systemd-sysupdate-reboot.timer" })
        {
            Assert.Contains(("/etc/systemd/system/" + masked, "/dev/null", true), ign.Links);
        }
        var setupUnit = ign.Unit("containerd-setup.service");
        Assert.True(setupUnit.GetProperty("enabled").GetBoolean());
        Assert.Contains("Before=containerd.service", setupUnit.GetProperty("contents").GetString(), StringComparison.Ordinal);
        Assert.Contains("ExecStart=/opt/bin/containerd-setup.sh", setupUnit.GetProperty("contents").GetString(), StringComparison.Ordinal);
        var containerd = ign.Unit("containerd.service");
        Assert.True(containerd.GetProperty("enabled").GetBoolean());
        Assert.Equal("11-exec_config.conf", containerd.GetProperty("dropins").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Contains("[Unit]", ign.Unit("some-unit.service").GetProperty("contents").GetString(), StringComparison.Ordinal);
        if (docker)
        {
            Assert.True(ign.Unit("docker.service").GetProperty("enabled").GetBoolean());
            Assert.Contains(("/etc/systemd/system/multi-user.target.wants/docker.service", "/usr/lib/systemd/system/docker.service", true), ign.Links);
            Assert.DoesNotContain(ign.Links, l => l.Path == "/etc/extensions/docker-flatcar.raw");
        }
        else
        {
            Assert.DoesNotContain("docker.service", names);
            Assert.Contains(("/etc/extensions/docker-flatcar.raw", "/dev/null", true), ign.Links);
        }
    }

    private static IEnumerable<string> CoreosNtpUnits(CliRender r) =>
        r.Status.ExtensionUnits!.Where(u => u.Name is "systemd-timesyncd.service" or "ntpd.service").Select(Describe);

    private const string FilesToDiskScript = """

        mkdir -p "/foo"

        cat << EOF | base64 -d > "/foo/bar.txt"
        YmFyLWNvbnRlbnQ=
        EOF
        mkdir -p "/bar"

        cat << EOF | base64 -d > "/bar/baz"
        cGxhaW4tdGV4dA==
        EOF
        mkdir -p "/baz"

        cat << EOF | base64 -d > "/baz/foo"
        YmFzZTY0
        EOF
        mkdir -p "/foobar"

        cat << EOF > "/foobar/baz"
        transmit-unencoded
        EOF
        chmod "0777" "/foobar/baz"
        """;

    private const string UnitsToDiskScript = """

        mkdir -p "/etc/systemd/system/unit1.d"

        cat << EOF | base64 -d > "/etc/systemd/system/unit1.d/dropin1"
        ZHJvcGRyb3A=
        EOF

        cat << EOF | base64 -d > "/etc/systemd/system/unit1.d/dropin2"
        ZHJvcGVsZGlkcm9w
        EOF

        cat << EOF | base64 -d > "/etc/systemd/system/unit2"
        Y29udGVudDI=
        EOF
        """;

    public static IReadOnlyList<UpstreamTestInput> All { get; } =
    [
        // gardener-extension-os-ubuntu: the extension config of BeforeEach, or the one the test builds.
        new("ubuntu/provision", Ubuntu + ": purpose is 'provision' / #Reconcile should not return an error",
            SomeUnit("ubuntu", "provision") + UbuntuConfig + "disableUnattendedUpgrades: false\nntp: {daemon: systemd-timesyncd}\n", [], false,
            r => Assert.Equal(UbuntuConformanceTests.Archive(UbuntuConformanceTests.ScriptHead + "\n" + UbuntuConformanceTests.ScriptTail), r.UserData)),
        new("ubuntu/provision-unattended-upgrades-disabled", Ubuntu + ": #Reconcile with disabled unattended upgrades",
            SomeUnit("ubuntu", "provision") + UbuntuConfig + "disableUnattendedUpgrades: true\n", [], false,
            r => Assert.Equal(UbuntuConformanceTests.Archive(UbuntuConformanceTests.ScriptHead + "\n" + UbuntuConformanceTests.UnattendedUpgrades + "\n" + UbuntuConformanceTests.ScriptTail), r.UserData)),
        new("ubuntu/provision-custom-apt", Ubuntu + ": #Reconcile with custom apt config",
            SomeUnit("ubuntu", "provision") + UbuntuConfig
                + "apt:\n  primary: [{arches: [default], uri: 'http://packages.ubuntu-mirror.example.com/apt-mirror/ubuntu'}]\n"
                + "  security: [{arches: [default], uri: 'http://packages.ubuntu-mirror.example.com/apt-mirror/ubuntu'}]\n", [], false,
            r => Assert.Equal(UbuntuConformanceTests.Archive(UbuntuConformanceTests.ScriptHead + "\n" + UbuntuConformanceTests.ScriptTail, UbuntuConformanceTests.AptPart), r.UserData)),
        new("ubuntu/reconcile", Ubuntu + ": purpose is 'reconcile' / #Reconcile should not return an error",
            SomeUnit("ubuntu", "reconcile") + UbuntuConfig + "disableUnattendedUpgrades: false\nntp: {daemon: systemd-timesyncd}\n", [], false,
            r =>
            {
                Assert.False(r.HasUserData);
                Assert.Equal(new[] { KubeletResolvDropIn, InstallNtpClient("systemd-timesyncd") }.Order(StringComparer.Ordinal), UbuntuUnits(r).Order(StringComparer.Ordinal));
                var resolv = FileAt(r, "/opt/gardener/bin/configure_kubelet_resolv_conf.sh");
                Assert.Equal((0x1EDu, "#!/bin/bash\nif grep -q 'resolvConf: /etc/resolv.conf' /var/lib/kubelet/config/kubelet; then\n"
                    + "  sed -i -e 's|resolvConf: /etc/resolv.conf|resolvConf: /run/systemd/resolve/resolv.conf|g' /var/lib/kubelet/config/kubelet;\nfi\n"),
                    (resolv.Permissions!.Value, resolv.Content.Inline!.Data));
                // install-ntp.sh: upstream embeds its own script; Osc's does the same job (path and mode as upstream).
                Assert.Equal(0x1E4u, FileAt(r, "/opt/gardener/bin/install-ntp.sh").Permissions);
            }),
        new("ubuntu/reconcile-ntpd", Ubuntu + ": purpose is 'reconcile' / should enable ntpd service",
            SomeUnit("ubuntu", "reconcile") + UbuntuConfig + "ntp: {daemon: ntpd, ntpd: {servers: [foo.bar, bar.foo], interfaces: [dev1, dev2]}}\n", [], false,
            r =>
            {
                Assert.Contains(r.Status.ExtensionUnits!, u => u.Name == "install-ntp-client.service");
                var ntp = FileAt(r, "/etc/ntp.conf");
                Assert.Equal((0x1A4u, NtpConfFooBar), (ntp.Permissions!.Value, ntp.Content.Inline!.Data));
            }),
        new("ubuntu/reconcile-ntpd-unattended-upgrades-disabled", Ubuntu + ": purpose is 'reconcile' / should not return an error with ntp instead of systemd-timesyncd",
            SomeUnit("ubuntu", "reconcile") + UbuntuConfig + "disableUnattendedUpgrades: true\nntp: {daemon: ntpd, ntpd: {servers: [127.0.0.1]}}\n", [], false,
            r =>
            {
                Assert.Equal(0x1E4u, FileAt(r, "/opt/gardener/bin/install-ntp.sh").Permissions);
                Assert.Equal(new[] { KubeletResolvDropIn, InstallNtpClient("ntpd") }.Order(StringComparer.Ordinal), UbuntuUnits(r).Order(StringComparer.Ordinal));
            }),

        // gardener-extension-os-gardenlinux
        new("gardenlinux/provision", GardenLinux + ": purpose is 'provision' / OSC type is gardenlinux",
            SomeUnit("gardenlinux", "provision"), [], false, r => Assert.Equal(GardenLinuxConformanceTests.ExpectedScript, r.UserData)),
        new("gardenlinux/provision-fips", GardenLinux + ": purpose is 'provision' / OSC type is gardenlinux-fips",
            SomeUnit("gardenlinux-fips", "provision"), [], false, r => Assert.Equal(GardenLinuxConformanceTests.ExpectedScript, r.UserData)),
        new("gardenlinux/provision-memoryone", GardenLinux + ": OS type is 'memoryone-gardenlinux' / #Reconcile",
            SomeUnit("memoryone-gardenlinux", "provision", extra: """
                  providerConfig:
                    apiVersion: memoryone-gardenlinux.os.extensions.gardener.cloud/v1alpha1
                    kind: OperatingSystemConfiguration
                    memoryTopology: "2"
                    systemMemory: "6x"
                """), [], false,
            r => Assert.Equal("Content-Type: multipart/mixed; boundary=\"==BOUNDARY==\"\nMIME-Version: 1.0\n--==BOUNDARY==\nContent-Type: text/x-vsmp; section=vsmp\n"
                + "system_memory=6x\nmem_topology=2\n--==BOUNDARY==\nContent-Type: text/x-shellscript\n" + GardenLinuxConformanceTests.ExpectedScript + "\n--==BOUNDARY==", r.UserData)),
        new("gardenlinux/reconcile", GardenLinux + ": purpose is 'reconcile' / should not return usersdata; should add one empty additional unit for containerd",
            SomeUnit("gardenlinux", "reconcile"), [], false,
            r =>
            {
                Assert.False(r.HasUserData);
                Assert.Equal(["containerd.service [override.conf=[Service]\nLimitMEMLOCK=67108864\nLimitNOFILE=1048576] []"], r.Status.ExtensionUnits!.Select(Describe));
                Assert.Empty(r.Status.ExtensionFiles ?? []);
            }),
        new("gardenlinux/reconcile-in-place", GardenLinux + ": purpose is 'reconcile' / In-Place Updates should return InPlaceUpdatesStatus",
            // Go writes the unset KubeletVersion (no omitempty) as kubelet: "".
            SomeUnit("gardenlinux", "reconcile", extra: "  inPlaceUpdates: {operatingSystemVersion: 1.0.0-inplace, kubelet: \"\"}"), [], false,
            r => Assert.Equal(("/opt/gardener/bin/inplace-update.sh", "1.0.0"), (r.Status.InPlaceUpdates!.OsUpdate!.Command, r.Status.InPlaceUpdates.OsUpdate.Args!.Single()))),

        // gardener-extension-os-suse-chost (its OSC has namespace shoot--foo--bar; the Cluster's version is --kubernetes-version)
        new("suse-chost/provision", Suse + ": OS type is 'suse-chost' / #Reconcile should not return an error",
            SomeUnit("suse-chost", "provision", "shoot--foo--bar"), [], false, r => Assert.Equal(SuseChostConformanceTests.ExpectedScript, r.UserData)),
        new("suse-chost/provision-memoryone-defaults", Suse + ": memoryone-chost / should use default values for the system_memory and mem_topology",
            SomeUnit("memoryone-chost", "provision", "shoot--foo--bar"), [], false, r => MemoryOneChost(r, "mem_topology=2", "system_memory=6x")),
        new("suse-chost/provision-memoryone-custom", Suse + ": memoryone-chost / should use custom values for system_memory and mem_topology",
            SomeUnit("memoryone-chost", "provision", "shoot--foo--bar", "  providerConfig: " + MemoryOneChostHead + ",\"memoryTopology\":\"4\",\"systemMemory\":\"8x\"}"), [], false,
            r => MemoryOneChost(r, "mem_topology=4", "system_memory=8x")),
        new("suse-chost/provision-memoryone-legacy-injection", Suse + ": memoryone-chost / should allow injecting additional key-value pairs by semicola",
            SomeUnit("memoryone-chost", "provision", "shoot--foo--bar", "  providerConfig: " + MemoryOneChostHead + ",\"memoryTopology\":\"4; foo=bar\",\"systemMemory\":\"8x\"}"), [], false,
            r => MemoryOneChost(r, "mem_topology=4; foo=bar", "system_memory=8x")),
        new("suse-chost/provision-memoryone-map", Suse + ": memoryone-chost / Should include arbitrary configuration values in vSMP config",
            SomeUnit("memoryone-chost", "provision", "shoot--foo--bar", "  providerConfig: " + MemoryOneChostHead + ",\"vsmpConfiguration\":{\"abc\":\"xyz\",\"foo\":\"bar\"}}"), [], false,
            r => MemoryOneChost(r, "mem_topology=2", "system_memory=6x", "foo=bar", "abc=xyz")),
        new("suse-chost/provision-memoryone-map-injection", Suse + ": memoryone-chost / Should not allow injecting additional key-value pairs by semicola",
            SomeUnit("memoryone-chost", "provision", "shoot--foo--bar", "  providerConfig: " + MemoryOneChostHead + ",\"vsmpConfiguration\":{\"abc\":\"xyz\",\"foo\":\"bar; foobar: barfoo\"}}"), [], false,
            r => MemoryOneChost(r, "mem_topology=2", "system_memory=6x", "foo=bar", "abc=xyz")),
        new("suse-chost/provision-memoryone-quoted", Suse + ": memoryone-chost / Should allow quoted values",
            SomeUnit("memoryone-chost", "provision", "shoot--foo--bar", "  providerConfig: " + MemoryOneChostHead + ",\"vsmpConfiguration\":{\"quoted\":\"\\\"12:34:56:78:90:ab:cd:ef\\\"\"}}"), [], false,
            r => MemoryOneChost(r, "mem_topology=2", "system_memory=6x", "quoted=\"12:34:56:78:90:ab:cd:ef\"")),
        new("suse-chost/provision-memoryone-legacy-priority", Suse + ": memoryone-chost / Should give priority to legacy values",
            SomeUnit("memoryone-chost", "provision", "shoot--foo--bar",
                "  providerConfig: " + MemoryOneChostHead + ",\"memoryTopology\":\"3\",\"systemMemory\":\"7x\",\"vsmpConfiguration\":{\"mem_topology\":\"5\",\"system_memory\":\"13x\"}}"), [], false,
            r => MemoryOneChost(r, "mem_topology=3", "system_memory=7x")),
        new("suse-chost/reconcile-1.34", Suse + ": Kubernetes version is < 1.35 / sysctl file, no extra_args",
            SomeUnit("suse-chost", "reconcile", "shoot--foo--bar"), ["--kubernetes-version", "1.34.0"], false,
            r =>
            {
                Assert.False(r.HasUserData);
                Assert.Empty(r.Status.ExtensionUnits ?? []);
                var sysctl = Assert.Single(r.Status.ExtensionFiles!);
                Assert.Equal(("/etc/sysctl.d/98-enable-ipv6-ra.conf", 0x1A4u, Sysctl), (sysctl.Path, sysctl.Permissions!.Value, sysctl.Content.Inline!.Data));
            }),
        new("suse-chost/reconcile-1.35", Suse + ": Kubernetes version is >= 1.35 and < 1.38 / should deploy the kubelet --fail-cgroupv1 extra_args file",
            SomeUnit("suse-chost", "reconcile", "shoot--foo--bar"), ["--kubernetes-version", "1.35.0"], false,
            r =>
            {
                var extraArgs = FileAt(r, "/var/lib/kubelet/extra_args");
                Assert.Equal((0x1A4u, "KUBELET_EXTRA_ARGS=--fail-cgroupv1=false\n"), (extraArgs.Permissions!.Value, extraArgs.Content.Inline!.Data));
            }),
        new("suse-chost/reconcile-1.38", Suse + ": Kubernetes version is >= 1.38 / should not deploy the kubelet --fail-cgroupv1 extra_args file",
            SomeUnit("suse-chost", "reconcile", "shoot--foo--bar"), ["--kubernetes-version", "1.38.0"], false,
            r => Assert.DoesNotContain(r.Status.ExtensionFiles!, f => f.Path == "/var/lib/kubelet/extra_args")),
        new("suse-chost/reconcile-without-cluster", Suse + ": when the cluster resource cannot be found / should return an error",
            SomeUnit("suse-chost", "reconcile", "shoot--foo--bar"), [], true,
            r => Assert.Contains(r.Diagnostics, d => d.Code == "OSC2009" && d.Severity == "error")),

        // gardener-extension-os-coreos: GetAndMergeProviderConfiguration's table (the OSC there has only a providerConfig),
        // then the actuator cases; BeforeEach's extension config is ntp {enabled: true, daemon: systemd-timesyncd}.
        new("coreos/merge-no-shoot-config", Coreos + ": GetAndMergeProviderConfiguration / no shoot config",
            CoreosOsc("reconcile", CoreosProviderHead + "}") + CoreosConfig + "enableDocker: false\nntp: {enabled: true, daemon: systemd-timesyncd}\n", [], false,
            r => Assert.Equal(["systemd-timesyncd.service start True [] []", "ntpd.service stop False [] []"], CoreosNtpUnits(r))),
        new("coreos/merge-overwrite-docker", Coreos + ": GetAndMergeProviderConfiguration / overwrite DisableDocker",
            CoreosOsc("provision", CoreosProviderHead + ",\"enableDocker\":false}") + CoreosConfig + "enableDocker: true\n", [], false,
            r => CoreosProvisionBasics(r, docker: false)),
        new("coreos/merge-overwrite-ntp", Coreos + ": GetAndMergeProviderConfiguration / overwrite ntp",
            CoreosOsc("reconcile", CoreosProviderHead + ",\"ntp\":{\"enabled\":true,\"daemon\":\"ntpd\"}}") + CoreosConfig + "ntp: {enabled: true, daemon: systemd-timesyncd}\n", [], false,
            r => Assert.Equal(["systemd-timesyncd.service stop False [] []", "ntpd.service start True [] [/etc/ntp.conf]"], CoreosNtpUnits(r))),
        new("coreos/provision", Coreos + ": purpose is 'provision' / should return a valid Ignition v3 config JSON",
            CoreosOsc("provision") + CoreosConfig + "ntp: {enabled: true, daemon: systemd-timesyncd}\n", [], false,
            r => CoreosProvisionBasics(r, docker: false)),
        new("coreos/provision-docker", Coreos + ": purpose is 'provision' / should override global defaults on a shoot by shoot basis and enable docker",
            CoreosOsc("provision", CoreosProviderHead + ",\"enableDocker\":true}") + CoreosConfig + "ntp: {enabled: true, daemon: systemd-timesyncd}\n", [], false,
            r => CoreosProvisionBasics(r, docker: true)),
        new("coreos/reconcile-provider-ntpd", Coreos + ": purpose is 'reconcile' / should override global defaults on a shoot by shoot basis and enable ntpd for that shoot",
            CoreosOsc("reconcile", CoreosProviderHead + ",\"ntp\":{\"enabled\":true,\"daemon\":\"ntpd\",\"ntpd\":{\"servers\":[\"foo.bar\",\"bar.foo\"]}}}")
                + CoreosConfig + "ntp: {enabled: true, daemon: systemd-timesyncd}\n", [], false,
            r =>
            {
                Assert.False(r.HasUserData);
                Assert.Contains("ntpd.service start True [] [/etc/ntp.conf]", r.Status.ExtensionUnits!.Select(Describe));
            }),
        new("coreos/reconcile-provider-ntp-disabled", Coreos + ": purpose is 'reconcile' / should override global default with nothing",
            // NTPConfig{Enabled: false} encoded: Daemon has no omitempty, so it is written as "".
            CoreosOsc("reconcile", CoreosProviderHead + ",\"ntp\":{\"enabled\":false,\"daemon\":\"\"}}") + CoreosConfig + "ntp: {enabled: true, daemon: systemd-timesyncd}\n", [], false,
            r => Assert.Empty(CoreosNtpUnits(r))),
        new("coreos/reconcile-ntp-disabled", Coreos + ": purpose is 'reconcile' / should not enable any timesync service when Daemon is None",
            CoreosOsc("reconcile") + CoreosConfig + "ntp: {enabled: false}\n", [], false,
            r => Assert.Empty(CoreosNtpUnits(r))),
        new("coreos/reconcile-ntpd", Coreos + ": purpose is 'reconcile' / should enable ntpd service",
            CoreosOsc("reconcile") + CoreosConfig + "ntp: {enabled: true, daemon: ntpd, ntpd: {servers: [foo.bar, bar.foo], interfaces: [dev1, dev2]}}\n", [], false,
            r =>
            {
                Assert.Contains("ntpd.service start True [] [/etc/ntp.conf]", r.Status.ExtensionUnits!.Select(Describe));
                var ntp = FileAt(r, "/etc/ntp.conf");
                Assert.Equal((0x1A4u, NtpConfFooBar), (ntp.Permissions!.Value, ntp.Content.Inline!.Data));
            }),
        new("coreos/reconcile", Coreos + ": purpose is 'reconcile' / should not return an error",
            CoreosOsc("reconcile") + CoreosConfig + "ntp: {enabled: true, daemon: systemd-timesyncd}\n", [], false,
            r =>
            {
                Assert.False(r.HasUserData);
                Assert.Equal(new[]
                {
                    "systemd-timesyncd.service start True [] []", "ntpd.service stop False [] []",
                    $"update-engine.service stop False [20-noop-execstart.conf={NoopExecStart}] []", $"locksmithd.service stop False [20-noop-execstart.conf={NoopExecStart}] []",
                    "kubelet.service [10-configure-cgroup-driver.conf=[Service]\nExecStartPre=/opt/bin/kubelet_cgroup_driver.sh\n] [/opt/bin/kubelet_cgroup_driver.sh]",
                    "containerd.service [11-exec_config.conf=[Service]\nExecStart=\nExecStart=/usr/bin/containerd --config /etc/containerd/config.toml] []",
                }.Order(StringComparer.Ordinal), r.Status.ExtensionUnits!.Select(Describe).Order(StringComparer.Ordinal));
                // kubelet_cgroup_driver.sh: upstream embeds its own script; Osc's does the same job (path and mode as upstream).
                Assert.Equal(["/etc/modprobe.d/sctp.conf 644", "/opt/bin/kubelet_cgroup_driver.sh 755"], r.Status.ExtensionFiles!.Select(Describe).Order(StringComparer.Ordinal));
                Assert.Equal("install sctp /bin/true", FileAt(r, "/etc/modprobe.d/sctp.conf").Content.Inline!.Data);
            }),

        // gardener's bash helpers, inside the gardenlinux provision script that uses them.
        new("gardener-bash/files-to-disk", Bash + ": #FilesToDiskScript should generate the expected output",
            """
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {name: a, namespace: namespace}
            spec:
              type: gardenlinux
              purpose: provision
              files:
              - {path: /foo/bar.txt, content: {secretRef: {name: foo, dataKey: bar}}}
              - {path: /bar/baz, content: {inline: {encoding: "", data: plain-text}}}
              - {path: /baz/foo, content: {inline: {encoding: b64, data: YmFzZTY0}}}
              - {path: /foobar/baz, permissions: 0777, content: {inline: {encoding: "", data: transmit-unencoded}, transmitUnencoded: true}}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: foo, namespace: namespace}
            data: {bar: YmFyLWNvbnRlbnQ=}
            """, [], false,
            r =>
            {
                Assert.Contains(FilesToDiskScript + "\n", r.UserData, StringComparison.Ordinal);
                Assert.Equal("bar-content", r.RootfsText("/foo/bar.txt"));
            }),
        new("gardener-bash/files-to-disk-secret-missing", Bash + ": #FilesToDiskScript should fail when a referenced secret cannot be read",
            """
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {name: a, namespace: namespace}
            spec:
              type: gardenlinux
              purpose: provision
              files: [{content: {secretRef: {name: foo}}}]
            """, [], true,
            // Upstream fails to read the Secret; the object is refused before that: path and dataKey are required keys of the CRD.
            r => Assert.Equal(["$.spec.files[0].content.secretRef.dataKey", "$.spec.files[0].path"],
                r.Diagnostics.Where(d => d.Code == "OSC1104").Select(d => d.Path).Order(StringComparer.Ordinal))),
        new("gardener-bash/units-to-disk", Bash + ": #UnitsToDiskScript should generate the expected output",
            """
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {name: a, namespace: b}
            spec:
              type: gardenlinux
              purpose: provision
              units:
              - {name: unit1, dropIns: [{name: dropin1, content: dropdrop}, {name: dropin2, content: dropeldidrop}]}
              - {name: unit2, content: content2}
            """, [], false,
            r =>
            {
                Assert.Contains(UnitsToDiskScript + "\n", r.UserData, StringComparison.Ordinal);
                // Names systemd would not load: warnings, not errors (gardener accepts them).
                Assert.Equal(["OSC1225 $.spec.units[0].name", "OSC1225 $.spec.units[1].name", "OSC1226 $.spec.units[0].dropIns[0].name", "OSC1226 $.spec.units[0].dropIns[1].name"],
                    r.Diagnostics.Select(d => $"{d.Code} {d.Path}").Order(StringComparer.Ordinal));
            }),
    ];

    public static UpstreamTestInput Named(string name) => All.Single(i => i.Name == name);

    /// <summary>Renders <paramref name="input"/> through the CLI: exit 0 and upstream's expectation, or exit 1 where upstream refuses it too.</summary>
    public static void Verify(UpstreamTestInput input)
    {
        using var rendered = CliRender.Run(input.Yaml, input.Arguments);
        if (input.Refused)
        {
            Assert.True(rendered.ExitCode == 1, $"{input.Name}: upstream refuses it, osc render exited {rendered.ExitCode}:\n{rendered.Stderr}");
            Assert.Null(rendered.ObjectDirectory);
        }
        else
        {
            rendered.Succeeded();
            Assert.DoesNotContain(rendered.Diagnostics, d => d.Severity == "error");
        }
        input.Check(rendered);
    }

    public static void Verify(string name) => Verify(Named(name));
}
