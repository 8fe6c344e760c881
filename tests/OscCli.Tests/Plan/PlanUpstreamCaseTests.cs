// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.Json.Nodes;
using static Osc.Cli.Tests.Plan.OscJson;

namespace Osc.Cli.Tests.Plan;

/// <summary>
/// gardener's own test cases for node-agent's change computation, as rows: the DescribeTables of
/// pkg/nodeagent/controller/operatingsystemconfig/changes_test.go, and the change sets of the integration test
/// test/integration/nodeagent/operatingsystemconfig/operatingsystemconfig_test.go (its fixture rebuilt below;
/// the expected change sets follow from the rules, upstream asserts their effects on disk and on dbus).
/// Each row goes through <c>osc plan --format json</c>; <see cref="PlanHarness.Summary"/> condenses the result.
/// </summary>
public sealed class PlanUpstreamCaseTests
{
    private const string Kubelet = "/var/lib/kubelet/config/kubelet";
    private const string Registries = "desired[_default registry.k8s.io]";

    // changes_test.go ComputeKubeletConfigChange: old and new kubelet config, the flags (or the error).
    public static TheoryData<string, string, string, string> KubeletConfigChanges => new()
    {
        { "no change", "", "", "" },
        { "changed cpu manager policy", "cpuManagerPolicy: static\n", "cpuManagerPolicy: none\n", "inplace[kubelet.cpuManagerPolicy]" },
        { "invalid kubeReserved CPU", "cpuManagerPolicy: static\nkubeReserved: {cpu: aoeu}\nsystemReserved: {cpu: 100m}\n", "cpuManagerPolicy: none\nkubeReserved: {cpu: 100m}\n", "error OSC2020" },
        { "changed kubeReserved CPU", "cpuManagerPolicy: static\nkubeReserved: {cpu: 100m}\n", "cpuManagerPolicy: none\nkubeReserved: {cpu: 200m}\n", "inplace[kubelet.config kubelet.cpuManagerPolicy]" },
        { "changed kubeReserved memory", "kubeReserved: {memory: 100Mi}\n", "kubeReserved: {memory: 200Mi}\n", "inplace[kubelet.config]" },
        { "changed kubeReserved ephemeral-storage", "kubeReserved: {ephemeral-storage: 100Gi}\n", "kubeReserved: {ephemeral-storage: 200Gi}\n", "inplace[kubelet.config]" },
        { "changed kubeReserved PID", "kubeReserved: {pid: 10k}\n", "kubeReserved: {pid: 20k}\n", "inplace[kubelet.config]" },
        { "changed evictionHard memory.available", "cpuManagerPolicy: static\nevictionHard: {memory.available: 100Mi}\n", "cpuManagerPolicy: none\nevictionHard: {memory.available: 200Mi}\n",
            "inplace[kubelet.config kubelet.cpuManagerPolicy]" },
        { "changed evictionHard imagefs.available", "evictionHard: {imagefs.available: 100Mi}\n", "evictionHard: {imagefs.available: 200Mi}\n", "inplace[kubelet.config]" },
        { "changed evictionHard imagefs.inodesFree", "evictionHard: {imagefs.inodesFree: 1k}\n", "evictionHard: {imagefs.inodesFree: 2k}\n", "inplace[kubelet.config]" },
        { "changed evictionHard nodefs.available", "evictionHard: {nodefs.available: 100Mi}\n", "evictionHard: {nodefs.available: 200Mi}\n", "inplace[kubelet.config]" },
        { "changed evictionHard nodefs.inodesFree", "evictionHard: {nodefs.inodesFree: 1k}\n", "evictionHard: {nodefs.inodesFree: 2k}\n", "inplace[kubelet.config]" },
        { "some other field changed in evictionHard", "evictionHard: {foo: bar}\n", "evictionHard: {foo: baz}\n", "" },
    };

    [Theory]
    [MemberData(nameof(KubeletConfigChanges))]
    public void ComputeKubeletConfigChange(string entry, string oldConfig, string newConfig, string flags)
    {
        var outcome = PlanHarness.Run(InPlaceKubelet(oldConfig), InPlaceKubelet(newConfig), "--current-os-version", "1.2.3");

        if (flags.StartsWith("error ", StringComparison.Ordinal))
        {
            Assert.True(outcome.ExitCode == 1, entry);
            Assert.Contains($"\"code\":\"{flags[6..]}\"", outcome.Stderr, StringComparison.Ordinal);
            return;
        }
        var expected = oldConfig == newConfig ? "" : $"files+[{Kubelet}]" + (flags.Length > 0 ? " " + flags : "");
        Assert.Equal(expected, outcome.Summary);
    }

    // changes_test.go IsOsVersionUpToDate: the node's version, the desired one, the flag (or the error).
    [Theory]
    [InlineData("1.2", "1.2.0", "")]
    [InlineData("1.2.0", "1.2.0", "")]
    [InlineData("1.2.0-foo.12", "1.2.0", "")]
    [InlineData("1.1.0", "1.2.0", "inplace[operatingSystem]")]
    [InlineData("1.2.0", "1.2.1", "inplace[operatingSystem]")]
    [InlineData("1.2.0", "invalid", "error OSC2017")]
    public void IsOsVersionUpToDate(string current, string desired, string expected)
    {
        // The old OSC wants another version, so the objects differ and node-agent computes the changes.
        var outcome = PlanHarness.Run(InPlaceKubelet("", os: "0.9.0"), InPlaceKubelet("", os: desired), "--current-os-version", current);

        if (expected.StartsWith("error ", StringComparison.Ordinal))
        {
            Assert.Equal(1, outcome.ExitCode);
            Assert.Contains($"\"code\":\"{expected[6..]}\"", outcome.Stderr, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(expected, outcome.Summary);
    }

    // changes_test.go ComputeCredentialsRotationChanges (old times an hour before the new ones).
    [Theory]
    [InlineData("nil in new", null, null, "")]
    [InlineData("nil in old", null, "2026-01-01T12:00:00Z", "inplace[certificateAuthoritiesRotation serviceAccountKeyRotation]")]
    [InlineData("times changed", "2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z", "inplace[certificateAuthoritiesRotation serviceAccountKeyRotation]")]
    [InlineData("times unchanged", "2026-01-01T12:00:00Z", "2026-01-01T12:00:00Z", "")]
    public void ComputeCredentialsRotationChanges(string test, string? oldTime, string? newTime, string expected)
    {
        // A file changes too, so that the objects differ in every row.
        var old = Doc(files: A(KubeletConfig(""), File("/marker", "old")), inPlace: InPlace(caTime: oldTime, saTime: oldTime));
        var updated = Doc(files: A(KubeletConfig(""), File("/marker", "new")), inPlace: InPlace(caTime: newTime, saTime: newTime));

        var outcome = PlanHarness.Run(old, updated, "--current-os-version", "1.2.3");

        Assert.True(outcome.ExitCode == 0, test + outcome.Stderr);
        Assert.Equal("files+[/marker]" + (expected.Length > 0 ? " " + expected : ""), outcome.Summary);
    }

    // changes_test.go CollectAllFiles with host node-1 (the first reconcile writes what it collects).
    [Fact]
    public void CollectAllFiles_all_files_when_no_hostName() =>
        Assert.Equal("files+[/etc/foo /etc/bar /etc/baz] config.toml",
            PlanHarness.Run(null, Doc(files: A(File("/etc/foo", "1"), File("/etc/bar", "2")), statusFiles: A(File("/etc/baz", "3"))), "--host-name", "node-1").Summary);

    [Fact]
    public void CollectAllFiles_filter_by_hostName() =>
        Assert.Equal("files+[/etc/foo /etc/all /etc/baz /etc/sts] config.toml",
            PlanHarness.Run(null, Doc(files: A(File("/etc/foo", "1", hostName: "node-1"), File("/etc/bar", "2", hostName: "node-2"), File("/etc/all", "3")),
                statusFiles: A(File("/etc/baz", "4", hostName: "node-1"), File("/etc/qux", "5", hostName: "node-3"), File("/etc/sts", "6"))), "--host-name", "node-1").Summary);

    /// <summary>The integration test's OSC (operatingsystemconfig_test.go BeforeEach), changed by <paramref name="change"/>.</summary>
    private static string Fixture(Action<Fixture>? change = null, bool stream = true)
    {
        var f = new Fixture();
        change?.Invoke(f);
        var doc = Doc(units: f.SpecUnits, files: f.SpecFiles, cri: f.Cri, statusUnits: f.StatusUnits, statusFiles: f.StatusFiles, inPlace: f.InPlace, name: "osc-test");
        return stream ? Stream(Secret("file9-secret", "content", "file9"), doc) : doc;
    }

    private const string BaseFiles = "/example/file /third/file /changed/file /opt/bin/init-containerd /secretref/file /another/file /unchanged/file /sixth/file /seventh/file";
    private const string BaseUnits = "unit1(+drop) unit2 unit5(+drop1 +drop2 +extensionsdrop) unit6 unit7 containerd.service(+30-env_config.conf +extensionsdrop.conf) "
        + "unit3(+drop) unit4(+drop) unit8 unit9(+drop) existing-unit.service(+drop)";
    private const string BaseCommands = "unit1:restart unit2:stop unit5:restart unit6:restart unit7:restart containerd.service:restart unit3:restart unit4:restart unit8:restart "
        + "unit9:restart existing-unit.service:restart";

    /// <summary>test, OLD (null: none), NEW, host name argument, the change set node-agent computes.</summary>
    public static TheoryData<string, string?, string, string> Integration => new()
    {
        { "T1 reconcile when there is no previous OSC", null, Fixture(), $"files+[{BaseFiles}] units~[{BaseUnits}] cmd[{BaseCommands}] config.toml {Registries}" },
        { "T2 reconcile only parts not applied yet", Fixture(), Fixture(f =>
            {
                f.SpecUnits[0]!["command"] = "stop";
                f.SpecUnits[1]!["enable"] = true;
                f.SpecUnits[1]!["command"] = "start";
            }), $"units~[unit1 unit2] cmd[unit1:stop unit2:restart] {Registries}" },
        { "T3 reconcile when there is a previous OSC", Fixture(), Fixture(f =>
            {
                var unit2 = f.SpecUnits[1]!.AsObject();
                unit2["enable"] = true;
                unit2["command"] = "start";
                unit2["dropIns"] = A(DropIn("dropdropdrop", "#dropdropdrop"));
                var unit5 = f.SpecUnits[2]!.AsObject();
                unit5["dropIns"] = A(DropIn("drop2", "#unit5drop2"));
                var unit6 = f.SpecUnits[4]!.AsObject();
                unit6.Remove("filePaths");
                f.SpecUnits = A(unit2.DeepClone(), unit5.DeepClone(), unit6.DeepClone(), f.SpecUnits[5]!.DeepClone());
                f.SpecFiles[2]!["content"]!["inline"]!["data"] = "changeme";
                var unit4 = f.StatusUnits[1]!.AsObject();
                unit4["enable"] = false;
                unit4.Remove("dropIns");
                f.StatusUnits = A(f.StatusUnits[0]!.DeepClone(), unit4.DeepClone(), f.StatusUnits[2]!.DeepClone(), f.StatusUnits[3]!.DeepClone());
                f.StatusFiles[2]!["content"]!["inline"]!["data"] = "changed";
                f.StatusFiles[3]!["content"]!["inline"]!["data"] = "changed-as-well";
                f.StatusFiles = A(f.StatusFiles[1]!.DeepClone(), f.StatusFiles[2]!.DeepClone(), f.StatusFiles[3]!.DeepClone());
            }),
            "files+[/changed/file /sixth/file /seventh/file] files-[/another/file] "
            + "units~[unit2(+dropdropdrop) unit5(-drop1 -extensionsdrop) unit6 unit7 containerd.service(-extensionsdrop.conf) unit4(-drop) unit8 unit9] "
            + "cmd[unit2:restart unit5:restart unit6:restart unit7:restart containerd.service:restart unit4:stop unit8:restart unit9:restart] "
            + $"units-[unit1 existing-unit.service] {Registries}" },
        { "T4 token resync for a deleted file", Fixture(), Fixture(f => f.StatusFiles = A(f.StatusFiles[1]!.DeepClone(), f.StatusFiles[2]!.DeepClone(), f.StatusFiles[3]!.DeepClone())),
            $"files-[/another/file] {Registries}" },
        { "T5 containerd registries change", Fixture(), Fixture(f =>
            {
                f.Cri["containerd"]!["registries"] = A(f.Cri["containerd"]!["registries"]![1]!.DeepClone());
                f.Cri["containerd"]!["sandboxImage"] = "registry.k8s.io/pause:latest-test";
            }), "config.toml desired[registry.k8s.io] registries-[_default]" },
        { "T6 containerd plugins change", Fixture(), Fixture(f => f.Cri["containerd"]!["plugins"]!.AsArray().Add(new JsonObject { ["path"] = Paths("foo"), ["op"] = "remove" })),
            $"config.toml {Registries}" },
        { "T7 cgroup driver changes", Fixture(), Fixture(f => f.Cri["cgroupDriver"] = "cgroupfs"), $"config.toml {Registries}" },
        { "T8 cancel when node-agent must restart itself", Fixture(), Fixture(f => f.SpecUnits.Add(Unit("gardener-node-agent.service", "#gna", enable: false))),
            $"units~[gardener-node-agent.service] {Registries} restart-self" },
        { "T9 still restart node-agent when a third-party unit fails", Fixture(), Fixture(f =>
            {
                f.SpecUnits.Add(Unit("gardener-node-agent.service", "#gna", enable: false));
                f.SpecUnits.Add(Unit("failing-third-party.service", "#failing", enable: true, command: "restart"));
            }), $"units~[gardener-node-agent.service failing-third-party.service] cmd[failing-third-party.service:restart] {Registries} restart-self" },
        { "T10 CRI is not containerd", null, Fixture(f =>
            {
                f.Cri = null!;
                f.StatusUnits.RemoveAt(5);
            }), $"files+[{BaseFiles}] units~[unit1(+drop) unit2 unit5(+drop1 +drop2 +extensionsdrop) unit6 unit7 unit3(+drop) unit4(+drop) unit8 unit9(+drop) existing-unit.service(+drop)] "
            + "cmd[unit1:restart unit2:stop unit5:restart unit6:restart unit7:restart unit3:restart unit4:restart unit8:restart unit9:restart existing-unit.service:restart] config.toml" },
        { "I1 update the OS", InPlaceFixture(), InPlaceFixture(f => f.InPlace!["operatingSystemVersion"] = "1.2.4"), $"{Registries} inplace[operatingSystem]" },
        { "I2 update the kubelet config", InPlaceFixture(), InPlaceFixture(f => f.SpecFiles[^1] = KubeletConfig(
                "cpuManagerPolicy: static\nevictionHard: {imagefs.available: 3%, imagefs.inodesFree: 4%, memory.available: 200Mi, nodefs.available: 6%, nodefs.inodesFree: 7%}\n"
                + "kubeReserved: {cpu: 90m, memory: 900Mi, pid: 25k}\n")),
            $"files+[{Kubelet}] units~[kubelet.service] cmd[kubelet.service:restart] {Registries} inplace[kubelet.config kubelet.cpuManagerPolicy]" },
        { "I3 update the kubelet minor version", InPlaceFixture(), InPlaceFixture(f =>
            {
                f.InPlace!["kubelet"] = "1.32.1";
                f.SpecFiles[^2] = ImageFile("/opt/bin/kubelet", "kubelet:v1.32.1", "/kubelet");
            }), $"files+[/opt/bin/kubelet] units~[kubelet.service] cmd[kubelet.service:restart] {Registries} inplace[kubelet.minorVersion]" },
        { "I4 service account key rotation", InPlaceFixture(), InPlaceFixture(f => f.InPlace!["credentialsRotation"] = new JsonObject { ["serviceAccountKey"] = new JsonObject { ["lastInitiationTime"] = "2026-01-01T12:00:00Z" } }),
            $"{Registries} inplace[serviceAccountKeyRotation]" },
        { "I5 CA rotation", InPlaceFixture(), InPlaceFixture(f => f.InPlace!["credentialsRotation"] = new JsonObject { ["certificateAuthorities"] = new JsonObject { ["lastInitiationTime"] = "2026-01-01T12:00:00Z" } }),
            $"{Registries} inplace[certificateAuthoritiesRotation]" },
    };

    [Theory]
    [MemberData(nameof(Integration))]
    public void Integration_test_change_set(string test, string? old, string updated, string expected)
    {
        var outcome = PlanHarness.Run(old, updated, "--host-name", "test-hostname", "--current-os-version", "1.2.3");

        Assert.True(outcome.ExitCode == 0, $"{test}: exit {outcome.ExitCode}\n{outcome.Stderr}");
        Assert.Equal(expected, outcome.Summary);
    }

    /// <summary>The in-place context of the integration test: spec.inPlaceUpdates, kubelet.service and its two files.</summary>
    private static string InPlaceFixture(Action<Fixture>? change = null) => Fixture(f =>
    {
        f.InPlace = InPlace("1.2.3", "1.31.3");
        f.SpecUnits.Add(Unit("kubelet.service", "#kubelet", enable: true, filePaths: Paths("/opt/bin/kubelet", Kubelet)));
        f.SpecFiles.Add(ImageFile("/opt/bin/kubelet", "kubelet:v1.31.3", "/kubelet"));
        f.SpecFiles.Add(KubeletConfig("cpuManagerPolicy: none\nevictionHard: {imagefs.available: 5%, imagefs.inodesFree: 5%, memory.available: 100Mi, nodefs.available: 5%, nodefs.inodesFree: 5%}\n"
            + "kubeReserved: {cpu: 80m, memory: 1Gi, pid: 20k}\n"));
        change?.Invoke(f);
    });

    private static string InPlaceKubelet(string body, string os = "1.2.3") => Doc(files: A(KubeletConfig(body)), inPlace: InPlace(os));

}

/// <summary>The integration test's objects, to change per test before they are written out.</summary>
internal sealed class Fixture
{
    public JsonArray SpecFiles { get; set; } = A(
        File("/example/file", "file1", permissions: 0b111_111_111),
        ImageFile("/third/file", "foo-image", "/foo-file").Also(f => f["permissions"] = 0b111_101_000),
        File("/changed/file", "file5", permissions: 0b111_101_000),
        File("/opt/bin/init-containerd", "file8", permissions: 0b110_100_100),
        SecretFile("/secretref/file", "file9-secret", "content").Also(f => f["permissions"] = 0b111_101_000));

    public JsonArray StatusFiles { get; set; } = A(
        File("/another/file", "ZmlsZTI=", encoding: "b64"),
        File("/unchanged/file", "file4", permissions: 0b111_101_000),
        File("/sixth/file", "file6", permissions: 0b111_101_000),
        File("/seventh/file", "file7", permissions: 0b111_101_000));

    public JsonArray SpecUnits { get; set; } = A(
        Unit("unit1", "#unit1", enable: true, command: "start", dropIns: A(DropIn("drop", "#unit1drop"))),
        Unit("unit2", "#unit2", enable: false, command: "stop"),
        Unit("unit5", "#unit5", enable: true, command: "start", dropIns: A(DropIn("drop1", "#unit5drop1"), DropIn("drop2", "#unit5drop2"))),
        Unit("unit5", dropIns: A(DropIn("extensionsdrop", "#unit5extensionsdrop"))),
        Unit("unit6", "#unit6", enable: true, filePaths: Paths("/third/file")),
        Unit("unit7", "#unit7", enable: true, filePaths: Paths("/changed/file")));

    public JsonArray StatusUnits { get; set; } = A(
        Unit("unit3", dropIns: A(DropIn("drop", "#unit3drop")), filePaths: Paths("/unchanged/file")),
        Unit("unit4", "#unit4", enable: true, command: "start", dropIns: A(DropIn("drop", "#unit4drop"))),
        Unit("unit8", "#unit8", enable: true, command: "start", filePaths: Paths("/sixth/file")),
        Unit("unit9", dropIns: A(DropIn("drop", "#unit9drop")), filePaths: Paths("/seventh/file")),
        Unit("existing-unit.service", dropIns: A(DropIn("drop", "#unit11drop"))),
        Unit("containerd.service", dropIns: A(DropIn("extensionsdrop.conf", "#containerdextensionsdrop"))));

    public JsonObject Cri { get; set; } = JsonNode.Parse("""
        {"name": "containerd", "cgroupDriver": "systemd", "containerd": {"sandboxImage": "registry.k8s.io/pause:latest",
          "registries": [
            {"upstream": "_default", "server": "https://registry.hub.docker.com", "hosts": [{"url": "https://10.10.10.100:8080"}, {"url": "https://10.10.10.200:8080"}]},
            {"upstream": "registry.k8s.io", "server": "https://registry.k8s.io",
             "hosts": [{"url": "https://10.10.10.101:8080", "capabilities": ["pull"], "caCerts": ["/var/certs/ca.crt"], "overridePath": true}]}],
          "plugins": [
            {"path": ["foo", "bar", "foo.bar"], "values": {"someKey": "someValue"}},
            {"path": ["foo", "bar"], "values": {"someKey2": "someValue2"}},
            {"path": ["bar"]}]}}
        """)!.AsObject();

    public JsonObject? InPlace { get; set; }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
