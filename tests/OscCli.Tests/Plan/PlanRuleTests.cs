// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using static Osc.Cli.Tests.Plan.OscJson;

namespace Osc.Cli.Tests.Plan;

/// <summary>
/// One row per rule of gardener-node-agent's change computation (docs/day-2.md lists them with their IDs and
/// upstream sources): an old OSC (none: the first reconcile), a new one, and the change set <c>osc plan
/// --format json</c> prints, condensed by <see cref="PlanHarness.Summary"/>. "error OSCnnnn" rows are plans
/// node-agent cannot compute: exit 1 with that code.
/// </summary>
public sealed class PlanRuleTests
{
    private const string Env = "30-env_config.conf";
    private const string Kubelet = "/var/lib/kubelet/config/kubelet";

    private static JsonObject S(string name, string? content = "x", bool? enable = null, string? command = null, JsonArray? dropIns = null, JsonArray? filePaths = null) =>
        Unit(name + ".service", content, enable, command, dropIns, filePaths);

    private static JsonArray Drops(params string[] nameContent) =>
        A([.. nameContent.Select(p => (JsonNode)DropIn(p.Split('=')[0] + ".conf", p.Split('=')[1]))]);

    /// <summary>Both OSCs in-place (same OS version as the node unless given), with a kubelet config.</summary>
    private static string InPlaceDoc(string kubeletBody, string os = "1.2.3", string kubelet = "1.31.3", string? caTime = null, string? saTime = null, bool rotation = false) =>
        Doc(files: A(KubeletConfig(kubeletBody)), inPlace: InPlace(os, kubelet, caTime, saTime, rotation));

    /// <summary>rule (ID and upstream source), old OSC or null, new OSC, extra arguments, expected summary.</summary>
    public static TheoryData<string, string?, string, string, string> Rules => new()
    {
        // The first reconcile (changes.go computeOperatingSystemConfigChanges without last-applied-osc.yaml).
        { "C-1 changes.go CollectAllFiles: every file, spec then status", null, Doc(files: A(File("/a", "1")), statusFiles: A(File("/b", "2"))), "", "files+[/a /b] config.toml" },
        { "C-2 changes.go mergeUnits + getCommandToExecute: every merged unit with its command", null,
            Doc(units: A(S("a"), S("b", enable: false))), "", "units~[a.service b.service] cmd[a.service:restart b.service:stop] config.toml" },
        { "C-3 changes.go: config.toml counts as changed even without a containerd config", null, Doc(), "", "config.toml" },
        { "C-4 changes.go: every registry desired, those with readinessProbe probed", null,
            Doc(cri: Cri(registries: A(Registry("r1.io", readinessProbe: true), Registry("r2.io")))), "",
            $"units~[containerd.service(+{Env})] cmd[containerd.service:restart] config.toml desired[r1.io r2.io] probe[r1.io]" },
        { "C-5 changes.go: no in-place flag on the first reconcile", null, InPlaceDoc("cpuManagerPolicy: static\n", os: "1.2.4"), "--current-os-version 1.2.3",
            $"files+[{Kubelet}] config.toml" },

        // Around the computation (reconciler.go, containerd.go).
        { "PRE-1 containerd.go addContainerdEnvironmentDropIn: onto the first spec containerd.service", null,
            Doc(units: A(Unit("containerd.service", dropIns: Drops("50-x=y"))), cri: Cri()), "",
            $"units~[containerd.service(+50-x.conf +{Env})] cmd[containerd.service:restart] config.toml" },
        { "PRE-1 containerd.go addContainerdEnvironmentDropIn: a new containerd.service at the end of spec.units", null,
            Doc(units: A(S("a")), statusUnits: A(S("b")), cri: Cri()), "",
            $"units~[a.service containerd.service(+{Env}) b.service] cmd[a.service:restart containerd.service:restart b.service:restart] config.toml" },
        { "IN-9 changes.go: node-agent's own last-applied copy already holds the PATH drop-in",
            Copy(Doc(units: A(Unit("containerd.service", dropIns: A(DropIn(Env, "[Service]\nEnvironment=\"PATH=/var/bin/containerruntimes:/usr/bin\"\n")))), cri: Cri())),
            Doc(units: A(S("a")), cri: Cri()), "", "units~[a.service] cmd[a.service:restart]" },
        { "IN-9 reconciler.go: the natural pair, node-agent's osc.yaml Secret against its own last-applied copy",
            Copy(Doc(units: A(Unit("containerd.service", dropIns: A(DropIn(Env, "[Service]\nEnvironment=\"PATH=/var/bin/containerruntimes:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n")))), cri: Cri())),
            NodeAgentSecret(Doc(units: A(S("a")), cri: Cri()), checksum: "c0ffee"), "", "units~[a.service] cmd[a.service:restart] checksum=c0ffee" },
        { "IN-9 changes.go: a stored OSC as last applied gets the PATH drop-in like the new one", Doc(cri: Cri()), Doc(units: A(S("a")), cri: Cri()), "",
            "units~[a.service] cmd[a.service:restart]" },
        { "PRE-2 reconciler.go GetOSVersion: the node's OS version is needed with spec.inPlaceUpdates", null, InPlaceDoc(""), "", "error OSC2016" },
        { "PRE-3 reconciler.go checksum gate: the same object again is nothing to do", Doc(units: A(S("a")), cri: Cri()), Doc(units: A(S("a")), cri: Cri()), "", "" },
        { "PRE-4 reconciler.go: a command for gardener-node-agent.service becomes mustRestartNodeAgent", Doc(),
            Doc(units: A(Unit("gardener-node-agent.service", "#gna", enable: false))), "", "units~[gardener-node-agent.service] restart-self" },

        // Inputs (components/nodeagent/secrets.go, changes.go extractOSCFromSecret, hostname.go).
        { "IN-2 nodeagent/secrets.go: a secretRef's value is inlined, so a new value changes the file",
            Stream(Secret("s", "k", "one"), Doc(files: A(SecretFile("/s", "s", "k")))), Stream(Secret("s", "k", "two"), Doc(files: A(SecretFile("/s", "s", "k")))), "", "files+[/s]" },
        { "IN-3 changes.go extractOSCFromSecret: the checksum is the Secret's checksum/data-script", null,
            NodeAgentSecret(Doc(units: A(S("a"))), checksum: "c0ffee"), "", "units~[a.service] cmd[a.service:restart] config.toml checksum=c0ffee" },
        { "IN-4 hostname.go GetHostName: the host name is lower-cased", null, Doc(files: A(File("/h", "1", hostName: "node-1"))), "--host-name NODE-1", "files+[/h] config.toml" },

        // Files (changes.go CollectAllFiles, computeFileDiffs).
        { "F-2 changes.go CollectAllFiles: files for other hosts are not the node's", null,
            Doc(files: A(File("/a", "1", hostName: "node-1"), File("/b", "2", hostName: "node-2"), File("/c", "3"))), "--host-name node-1", "files+[/a /c] config.toml" },
        { "F-2 changes.go CollectAllFiles: without a host name only files without hostName", null,
            Doc(files: A(File("/a", "1", hostName: "node-1"), File("/c", "3"))), "", "files+[/c] config.toml" },
        { "F-3 changes.go computeFileDiffs: deleted files in the old order", Doc(files: A(File("/a", "1"), File("/b", "2"), File("/c", "3"))), Doc(files: A(File("/b", "2"))), "",
            "files-[/a /c]" },
        { "F-4/EQ-2 changes.go computeFileDiffs: permissions 0600 against none is a change", Doc(files: A(File("/a", "1"))), Doc(files: A(File("/a", "1", permissions: 384))), "", "files+[/a]" },
        { "F-4/EQ-2 changes.go computeFileDiffs: the same bytes in another encoding are a change", Doc(files: A(File("/a", "x"))), Doc(files: A(File("/a", "eA==", encoding: "b64"))), "", "files+[/a]" },
        { "F-5 changes.go CollectAllFiles: a file moved to another host is deleted here", Doc(files: A(File("/a", "1", hostName: "node-1"))), Doc(files: A(File("/a", "1", hostName: "node-2"))),
            "--host-name node-1", "files-[/a]" },
        { "C-6 changes.go: a file moved between spec.files and status.extensionFiles is unchanged", Doc(files: A(File("/a", "1"))), Doc(statusFiles: A(File("/a", "1"))), "", "" },
        { "EQ-1 changes.go computeFileDiffs: a file is its path, so a new path is a delete and a write", Doc(files: A(File("/a", "1"))), Doc(files: A(File("/b", "1"))), "", "files+[/b] files-[/a]" },

        // Units (changes.go mergeUnits, computeUnitDiffs, getCommandToExecute).
        { "M-1/M-2 changes.go mergeUnits: a status unit of the same name merges into the spec one", null,
            Doc(units: A(S("a", dropIns: Drops("d1=1"))), statusUnits: A(S("a", content: null, dropIns: Drops("d2=2")))), "",
            "units~[a.service(+d1.conf +d2.conf)] cmd[a.service:restart] config.toml" },
        { "M-3 changes.go mergeUnits: the same name twice in spec.units merges", null,
            Doc(units: A(S("a", dropIns: Drops("d1=1")), S("b"), S("a", content: null, enable: false))), "",
            "units~[a.service(+d1.conf) b.service] cmd[a.service:stop b.service:restart] config.toml" },
        { "G-1 changes.go getCommandToExecute: stop for enable false or command stop, restart otherwise (never start)", null,
            Doc(units: A(S("a", enable: false, command: "start"), S("b", command: "stop"), S("c", command: "start"), S("d", content: null))), "",
            "units~[a.service b.service c.service d.service] cmd[a.service:stop b.service:stop c.service:restart d.service:restart] config.toml" },
        { "U-1 changes.go computeUnitDiffs: a deleted file does not restart the unit naming it",
            Doc(units: A(S("a", filePaths: Paths("/f"))), files: A(File("/f", "1", hostName: "node-1"))),
            Doc(units: A(S("a", filePaths: Paths("/f"))), files: A(File("/f", "1", hostName: "node-2"))), "--host-name node-1", "files-[/f]" },
        { "U-2 changes.go computeUnitDiffs: a deleted unit gets no command", Doc(units: A(S("a"), S("b"))), Doc(units: A(S("a"))), "", "units-[b.service]" },
        { "U-3a changes.go computeUnitDiffs: a new unit", Doc(units: A(S("a"))), Doc(units: A(S("a"), S("b"))), "", "units~[b.service] cmd[b.service:restart]" },
        { "U-3b changes.go computeUnitDiffs: a changed unit", Doc(units: A(S("a", "x"))), Doc(units: A(S("a", "y"))), "", "units~[a.service] cmd[a.service:restart]" },
        { "U-3c changes.go computeUnitDiffs: an unchanged unit gets nothing", Doc(units: A(S("a"), S("b", "x"))), Doc(units: A(S("a"), S("b", "y"))), "",
            "units~[b.service] cmd[b.service:restart]" },
        { "U-4 changes.go computeUnitDiffs: drop-ins deleted by name, changed by content, unchanged not listed",
            Doc(units: A(S("a", dropIns: Drops("d1=x", "d2=x", "d3=x")))), Doc(units: A(S("a", dropIns: Drops("d2=x", "d3=y", "d4=z")))), "",
            "units~[a.service(+d3.conf +d4.conf -d1.conf)] cmd[a.service:restart]" },
        { "U-4/EQ-2 changes.go computeUnitDiffs: re-ordered drop-ins change the unit, no drop-in changes",
            Doc(units: A(S("a", dropIns: Drops("d1=x", "d2=y")))), Doc(units: A(S("a", dropIns: Drops("d2=y", "d1=x")))), "", "units~[a.service] cmd[a.service:restart]" },
        { "U-5 changes.go computeUnitDiffs: a changed file restarts the unit naming it",
            Doc(units: A(S("a", filePaths: Paths("/f"))), files: A(File("/f", "1"))), Doc(units: A(S("a", filePaths: Paths("/f"))), files: A(File("/f", "2"))), "",
            "files+[/f] units~[a.service] cmd[a.service:restart]" },
        { "U-5 changes.go computeUnitDiffs: a disabled unit whose file changed gets stop",
            Doc(units: A(S("a", enable: false, filePaths: Paths("/f"))), files: A(File("/f", "1"))), Doc(units: A(S("a", enable: false, filePaths: Paths("/f"))), files: A(File("/f", "2"))), "",
            "files+[/f] units~[a.service] cmd[a.service:stop]" },
        { "U-6 changes.go computeUnitDiffs: a change of filePaths alone restarts the unit",
            Doc(units: A(S("a", filePaths: Paths("/f"))), files: A(File("/f", "1"))), Doc(units: A(S("a")), files: A(File("/f", "1"))), "", "units~[a.service] cmd[a.service:restart]" },
        { "U-7 changes.go computeUnitDiffs: a file for another host does not restart the unit",
            Doc(units: A(S("a", filePaths: Paths("/f"))), files: A(File("/f", "1", hostName: "node-2"))),
            Doc(units: A(S("a", filePaths: Paths("/f"))), files: A(File("/f", "2", hostName: "node-2"))), "--host-name node-1", "" },
        { "EQ-2 apiequality.Semantic: enable true against no enable is a change", Doc(units: A(S("a"))), Doc(units: A(S("a", enable: true))), "", "units~[a.service] cmd[a.service:restart]" },
        { "EQ-2 apiequality.Semantic: an empty list equals an absent one", Doc(units: A(S("a", filePaths: Paths()))), Doc(units: A(S("a"))), "", "" },

        // containerd (changes.go computeOperatingSystemConfigChanges, computeContainerdRegistryDiffs).
        { "K-1 changes.go: sandboxImage changes config.toml", Doc(cri: Cri("pause:1")), Doc(cri: Cri("pause:2")), "", "config.toml" },
        { "K-1 changes.go: plugins change config.toml", Doc(cri: Cri(plugins: A(Plugin("{\"a\":1}", "p")))), Doc(cri: Cri(plugins: A(Plugin("{\"a\":2}", "p")))), "", "config.toml" },
        { "K-1/EQ-2 apiextensionsv1.JSON: plugin values compare as canonical JSON", Doc(cri: Cri(plugins: A(Plugin("{\"a\":1,\"b\":[1,2]}", "p")))),
            Doc(cri: Cri(plugins: A(Plugin("{\"b\":[1,2],\"a\":1.0}", "p")))), "", "" },
        { "K-1 changes.go: cgroupDriver changes config.toml", Doc(cri: Cri(cgroupDriver: "systemd")), Doc(cri: Cri(cgroupDriver: "cgroupfs")), "", "config.toml" },
        { "K-1 changes.go: registries never change config.toml", Doc(cri: Cri()), Doc(cri: Cri(registries: A(Registry("r.io")))), "", "desired[r.io]" },
        { "K-2 changes.go: a containerd config added changes config.toml", Doc(), Doc(cri: Cri()), "",
            $"units~[containerd.service(+{Env})] cmd[containerd.service:restart] config.toml" },
        { "K-3/REG-2 changes.go: a containerd config removed restarts nothing and keeps certs.d", Doc(cri: Cri(registries: A(Registry("r.io")))), Doc(), "", "units-[containerd.service]" },
        { "REG-1 changes.go computeContainerdRegistryDiffs: every registry is desired, unchanged ones too", Doc(cri: Cri(registries: A(Registry("r.io")))),
            Doc(files: A(File("/a", "1")), cri: Cri(registries: A(Registry("r.io")))), "", "files+[/a] desired[r.io]" },
        { "REG-2 changes.go computeContainerdRegistryDiffs: registries no longer used are deleted", Doc(cri: Cri(registries: A(Registry("r1.io"), Registry("r2.io")))),
            Doc(cri: Cri(registries: A(Registry("r1.io")))), "", "desired[r1.io] registries-[r2.io]" },
        { "REG-3 changes.go computeContainerdRegistryDiffs: unchanged probed registries are probed again (slices.DeleteFunc)",
            Doc(cri: Cri(registries: A(Registry("r.io", readinessProbe: true)))), Doc(files: A(File("/a", "1")), cri: Cri(registries: A(Registry("r.io", readinessProbe: true)))), "",
            "files+[/a] desired[r.io] probe[r.io]" },

        // In-place updates (changes.go IsOsVersionUpToDate, CheckIfMinorVersionUpdate, ComputeKubeletConfigChange, ComputeCredentialsRotationChanges).
        { "C-8 changes.go: no flags unless both OSCs have spec.inPlaceUpdates", Doc(files: A(KubeletConfig(""))), InPlaceDoc("", os: "1.2.4"), "--current-os-version 1.2.3", "" },
        { "IP-1 changes.go IsOsVersionUpToDate: the node's OS is not the desired one", InPlaceDoc(""), InPlaceDoc("", os: "1.2.4"), "--current-os-version 1.2.3", "inplace[operatingSystem]" },
        { "IP-2 version.go CompareVersions: desired 1.2 accepts 1.2.7 (Masterminds =)", InPlaceDoc(""), InPlaceDoc("", os: "1.2"), "--current-os-version 1.2.7", "" },
        { "IP-2 version.go CompareVersions: a desired version that is no version", InPlaceDoc(""), InPlaceDoc("", os: "invalid"), "--current-os-version 1.2.3", "error OSC2017" },
        { "IP-2 version.go CompareVersions: a current version that is no version", InPlaceDoc(""), InPlaceDoc("", os: "1.2.4"), "--current-os-version 1.2.3.4", "error OSC2017" },
        { "IP-3 version.go CheckIfMinorVersionUpdate: the kubelet minor version", InPlaceDoc(""), InPlaceDoc("", kubelet: "1.32.1"), "--current-os-version 1.2.3", "inplace[kubelet.minorVersion]" },
        { "IP-3 version.go CheckIfMinorVersionUpdate: a major step alone is no minor update", InPlaceDoc(""), InPlaceDoc("", kubelet: "2.31.3"), "--current-os-version 1.2.3", "" },
        { "IP-3 version.go CheckIfMinorVersionUpdate: a kubelet version that is no version", InPlaceDoc(""), InPlaceDoc("", kubelet: "1.x"), "--current-os-version 1.2.3", "error OSC2018" },
        { "IP-4 changes.go getKubeletConfig: no kubelet config file", InPlaceDoc(""), Doc(inPlace: InPlace()), "--current-os-version 1.2.3", "error OSC2019" },
        { "IP-4 changes.go getKubeletConfig: a kubelet config file without inline content", InPlaceDoc(""),
            Doc(files: A(ImageFile(Kubelet, "kubelet", "/config")), inPlace: InPlace()), "--current-os-version 1.2.3", "error OSC2019" },
        { "IP-4 kubelet/configcodec.go: a kubeReserved value that is a number does not decode", InPlaceDoc(""), InPlaceDoc("kubeReserved: {pid: 1000}\n"), "--current-os-version 1.2.3", "error OSC2019" },
        { "IP-5 changes.go ComputeKubeletConfigChange: cpuManagerPolicy \"\" against none is a change", InPlaceDoc(""), InPlaceDoc("cpuManagerPolicy: none\n"), "--current-os-version 1.2.3",
            $"files+[{Kubelet}] inplace[kubelet.cpuManagerPolicy]" },
        { "IP-6 changes.go ComputeKubeletConfigChange: a relevant evictionHard value", InPlaceDoc("evictionHard: {nodefs.available: 5%}\n"), InPlaceDoc("evictionHard: {nodefs.available: 10%}\n"),
            "--current-os-version 1.2.3", $"files+[{Kubelet}] inplace[kubelet.config]" },
        { "IP-6 changes.go ComputeKubeletConfigChange: evictionHard decides before quantities are checked", InPlaceDoc("kubeReserved: {cpu: aoeu}\nevictionHard: {memory.available: 100Mi}\n"),
            InPlaceDoc("kubeReserved: {cpu: aoeu}\nevictionHard: {memory.available: 200Mi}\n"), "--current-os-version 1.2.3", $"files+[{Kubelet}] inplace[kubelet.config]" },
        { "IP-7 changes.go validateQuantities: a kubeReserved value that is no quantity", InPlaceDoc("kubeReserved: {cpu: aoeu}\n"), InPlaceDoc("kubeReserved: {cpu: 100m}\n"),
            "--current-os-version 1.2.3", "error OSC2020" },
        { "IP-8 changes.go ComputeKubeletConfigChange: kubeReserved compares as text (1Gi against 1024Mi)", InPlaceDoc("kubeReserved: {memory: 1Gi}\n"), InPlaceDoc("kubeReserved: {memory: 1024Mi}\n"),
            "--current-os-version 1.2.3", $"files+[{Kubelet}] inplace[kubelet.config]" },
        { "IP-9 changes.go ComputeKubeletConfigChange: other fields and keys do not count", InPlaceDoc("systemReserved: {cpu: '1'}\nevictionHard: {foo: bar}\nkubeReserved: {foo: '1'}\nmaxPods: 110\n"),
            InPlaceDoc("systemReserved: {cpu: '2'}\nevictionHard: {foo: baz}\nkubeReserved: {foo: '2'}\nmaxPods: 100\n"), "--current-os-version 1.2.3", $"files+[{Kubelet}]" },
        { "IP-10 changes.go ComputeCredentialsRotationChanges: no rotation in the new OSC", InPlaceDoc("", caTime: "2026-01-01T00:00:00Z"), InPlaceDoc(""), "--current-os-version 1.2.3", "" },
        { "IP-11 changes.go ComputeCredentialsRotationChanges: the first rotation", InPlaceDoc(""), InPlaceDoc("", caTime: "2026-01-01T00:00:00Z", saTime: "2026-01-01T00:00:00Z"),
            "--current-os-version 1.2.3", "inplace[certificateAuthoritiesRotation serviceAccountKeyRotation]" },
        { "IP-12 changes.go ComputeCredentialsRotationChanges: a new initiation time", InPlaceDoc("", caTime: "2026-01-01T00:00:00Z", saTime: "2026-01-01T00:00:00Z"),
            InPlaceDoc("", caTime: "2026-02-01T00:00:00Z", saTime: "2026-01-01T00:00:00Z"), "--current-os-version 1.2.3", "inplace[certificateAuthoritiesRotation]" },
        { "IP-12 metav1.Time: the same instant in another zone is no rotation", InPlaceDoc("", saTime: "2026-01-01T00:00:00Z"),
            InPlaceDoc("", saTime: "2026-01-01T01:00:00+01:00"), "--current-os-version 1.2.3", "" },
        { "IP-12 changes.go ComputeCredentialsRotationChanges: a CA entry new beside an old rotation counts not", InPlaceDoc("", saTime: "2026-01-01T00:00:00Z"),
            InPlaceDoc("", caTime: "2026-02-01T00:00:00Z", saTime: "2026-01-01T00:00:00Z"), "--current-os-version 1.2.3", "" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule(string rule, string? old, string updated, string arguments, string expected)
    {
        var outcome = PlanHarness.Run(old, updated, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        if (expected.StartsWith("error ", StringComparison.Ordinal))
        {
            Assert.True(outcome.ExitCode == 1, $"{rule}: exit {outcome.ExitCode}\n{outcome.Stdout}{outcome.Stderr}");
            Assert.Contains($"\"code\":\"{expected[6..]}\"", outcome.Stderr, StringComparison.Ordinal);
            Assert.Empty(outcome.Stdout);
            return;
        }
        Assert.True(outcome.ExitCode == 0, $"{rule}: exit {outcome.ExitCode}\n{outcome.Stderr}");
        Assert.Equal(expected, outcome.Summary);
    }
}
