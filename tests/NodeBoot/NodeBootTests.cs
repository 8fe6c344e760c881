// SPDX-License-Identifier: Apache-2.0
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Osc.Model;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.TestUtil;
using Xunit.Abstractions;

namespace Osc.NodeBoot.Tests;

/// <summary>
/// Every provision user-data <c>osc render</c> writes, booted on a real Debian 12 node (systemd as
/// PID 1, cloud-init's four stages, systemd-nspawn): cloud-init finishes without errors, every
/// declared file holds exactly the declared bytes, mode and owner, every declared unit is in place,
/// enabled and running as declared, no unit failed beyond the allow-list below, nothing changed
/// outside the declared paths, what the OS script documents and what booting itself touches, and
/// every file of the rendered rootfs/ view is byte-identical on the node.
/// </summary>
[Collection(NodeBootCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeBootTests(ITestOutputHelper output)
{
    public static TheoryData<string> ProvisionCases => new(NodeCases.Provision.Keys.Order(StringComparer.Ordinal));

    [SkippableTheory]
    [MemberData(nameof(ProvisionCases))]
    public void Provision_user_data_boots_and_the_node_holds_what_the_osc_declares(string name)
    {
        NodeHarness.SkipUnlessHostCanBoot();
        var @case = NodeCases.Provision[name];
        using var render = new OscRender(@case.File, @case.RenderArguments);
        var osc = LoadOsc(@case.File);
        var units = (osc.Spec.Units ?? []).Select(u => u.Name).Concat(["containerd.service"]).Distinct().ToList();
        if (@case.RenderArguments.Contains("--compress"))
        {
            Assert.Equal([0x1f, 0x8b], render.UserData.Take(2));
        }

        using var node = NodeHarness.Boot(name, render.UserData, units: units);
        output.WriteLine($"{name}: cloud-init finished {node.BootSeconds:0.0} s after nspawn started; {node.TotalSeconds:0} s with unpack, collect and power-off");

        // cloud-init ran all stages without errors.
        using var status = JsonDocument.Parse(node.Read("cloud-init-status.json"));
        Assert.True(status.RootElement.GetProperty("status").GetString() == "done", node.Read("cloud-init-status.json"));
        Assert.True(status.RootElement.GetProperty("errors").GetArrayLength() == 0, node.Read("cloud-init-status.json"));

        // cloud-init warned only where the case says why; a cloud-config part it kept passes its schema.
        var warnings = File.ReadAllLines(Path.Combine(node.Root, "var/log/cloud-init.log")).Where(l => l.Contains("[WARNING]", StringComparison.Ordinal))
            .Where(l => !@case.CloudInitWarnings.Concat(NodeCases.CloudInitWarnings).Any(w => l.Contains(w, StringComparison.Ordinal))).ToList();
        Assert.True(warnings.Count == 0, "cloud-init warned:\n" + string.Join('\n', warnings));
        if (new FileInfo(Path.Combine(node.Root, $"var/lib/cloud/instances/{name}/cloud-config.txt")).Length > 0)
        {
            Assert.True(node.Read("cloud-config-schema").StartsWith("Valid cloud-config", StringComparison.Ordinal), node.Read("cloud-config-schema"));
        }

        // Every file of the rootfs/ view is on the node, byte for byte, with its mode, owned by root.
        var changed = node.Changed;
        var view = render.RootfsFiles;
        Assert.NotEmpty(view);
        foreach (var path in view)
        {
            Assert.True(changed.TryGetValue(path.TrimStart('/'), out var onNode), $"{path}: in rootfs/ but not written on the node");
            Assert.True(onNode!.Type == 'f', $"{path}: a '{onNode.Type}' on the node, not a file");
            Assert.True(render.RootfsFile(path).AsSpan().SequenceEqual(node.ReadNodeFile(path)), $"{path}: the node's bytes differ from rootfs/");
            Assert.True(render.RootfsMode(path) == onNode.Mode, $"{path}: mode {Convert.ToString(onNode.Mode, 8)} on the node, {Convert.ToString(render.RootfsMode(path), 8)} in rootfs/");
            Assert.True(onNode.Owner == "0:0", $"{path}: owned by {onNode.Owner}");
        }

        // Every declared file, decoded from the OSC itself, is in the view (so on the node) with the declared bytes and mode.
        foreach (var file in osc.Spec.Files ?? [])
        {
            Assert.Contains(file.Path, view);
            Assert.True(HasDeclaredBytes(file, node.ReadNodeFile(file.Path)), $"{file.Path}: not the declared bytes");
            Assert.Equal(file.Permissions ?? 0x1A4u, changed[file.Path.TrimStart('/')].Mode);
        }

        // Every declared unit loads; enable: true units are enabled; start/restart ones run or finished successfully.
        var shown = node.Units;
        foreach (var unit in osc.Spec.Units ?? [])
        {
            Assert.True(shown.TryGetValue(unit.Name, out var properties), $"{unit.Name}: not shown by systemctl");
            Assert.True(properties!["LoadState"] == "loaded", $"{unit.Name}: LoadState={properties["LoadState"]}");
            Assert.Equal("no", properties["NeedDaemonReload"]);
            foreach (var dropIn in unit.DropIns ?? [])
            {
                Assert.Contains($"/etc/systemd/system/{unit.Name}.d/{dropIn.Name}", view);
            }
            if (unit.Enable == true)
            {
                Assert.True(properties["UnitFileState"] == "enabled", $"{unit.Name}: UnitFileState={properties["UnitFileState"]}");
            }
            if (@case.FailingUnits.ContainsKey(unit.Name))
            {
                continue;
            }
            if (unit.Command is UnitCommand.Start or UnitCommand.Restart)
            {
                var ran = properties["ActiveState"] == "active" || (properties["ActiveState"] == "inactive" && properties["Result"] == "success");
                Assert.True(ran, $"{unit.Name}: ActiveState={properties["ActiveState"]} Result={properties["Result"]}\n{node.Tail("journal", 40)}");
            }
        }
        var complaints = UnitComplaints(node.Read("journal"));
        Assert.True(complaints.Count == 0, "systemd complained about units on the node:\n" + string.Join('\n', complaints));
        // The OS script restarts containerd with its drop-in.
        Assert.True(shown["containerd.service"]["ActiveState"] == "active", $"containerd: {shown["containerd.service"]["ActiveState"]}\n{node.Tail("journal", 40)}");

        // No failed unit beyond what a container node cannot do and what the case allows (each with why).
        var allowed = NodeCases.ContainerNodeFailures.Keys.Concat(@case.FailingUnits.Keys).ToHashSet(StringComparer.Ordinal);
        var unexpected = node.FailedUnits.Where(u => !allowed.Contains(u)).ToList();
        Assert.True(unexpected.Count == 0, $"failed units: {string.Join(", ", unexpected)}\n{node.Tail("journal", 60)}");

        // Nothing changed outside the view, what the OS script documents and what booting touches.
        // systemctl enable links each declared unit into the targets its [Install] section names.
        var enableLinks = (osc.Spec.Units ?? []).Select(u => "etc/systemd/system/*.wants/" + u.Name);
        var touched = new PathAllowList(view.Select(p => p.TrimStart('/')), @case.ScriptTouches.Concat(NodeCases.BootTouches).Concat(enableLinks));
        var outside = changed.Values.Where(c => !touched.Allows(c.Path, c.Type)).Select(c => $"{c.Type} {Convert.ToString(c.Mode, 8)} {c.Owner} /{c.Path}").ToList();
        Assert.True(outside.Count == 0, "the node changed paths nobody declared:\n" + string.Join('\n', outside));
        var deleted = node.Deleted.Where(p => !touched.Allows(p, '?')).ToList();
        Assert.True(deleted.Count == 0, "the node lost image paths:\n" + string.Join('\n', deleted));
    }

    /// <summary>Journal lines in which systemd rejects or ignores something in a unit file or drop-in under /etc/systemd/system.</summary>
    internal static List<string> UnitComplaints(string journal) => journal.Split('\n')
        .Where(l => l.Contains("/etc/systemd/system/", StringComparison.Ordinal)
            && (l.Contains("Unknown", StringComparison.Ordinal) || l.Contains("bad-setting", StringComparison.Ordinal)
                || l.Contains("Invalid", StringComparison.Ordinal) || l.Contains("ignoring", StringComparison.Ordinal)))
        .ToList();

    /// <summary>
    /// Whether the node holds what the OSC declares, judged from the OSC alone (not from the renderer):
    /// the decoded inline data exactly, or, for a transmitUnencoded file, that data plus the one newline
    /// upstream's plain heredoc adds (kept so the machine controller's placeholders stay byte-identical).
    /// </summary>
    private static bool HasDeclaredBytes(NodeFile file, byte[] onNode)
    {
        var inline = file.Content.Inline ?? throw new InvalidOperationException($"{file.Path}: node-boot cases use inline content");
        var data = inline.Encoding == InlineEncoding.B64 ? Convert.FromBase64String(inline.Data) : Encoding.UTF8.GetBytes(inline.Data);
        return onNode.AsSpan().SequenceEqual(data)
            || (file.Content.TransmitUnencoded == true && onNode.Length == data.Length + 1 && onNode[^1] == (byte)'\n' && onNode.AsSpan(0, data.Length).SequenceEqual(data));
    }

    internal static OperatingSystemConfig LoadOsc(string caseFile)
    {
        var input = OscLoader.LoadFiles([OscRender.CasePath(caseFile)]);
        Assert.False(input.Report.HasErrors, string.Join('\n', input.Report.Items));
        return input.OperatingSystemConfigs.Single().Value;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeBootCollection : ICollectionFixture<NativeOscInBackground>
{
    public const string Name = "node-boot";
}

/// <summary>
/// Starts publishing the native osc (which the day-2 proofs run inside their nodes) when the node-boot
/// collection starts, on a host that can boot nodes, so the publish overlaps the provision boots
/// instead of adding to the suite's time. <see cref="NativeOsc.Get"/> waits for it where it is needed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NativeOscInBackground
{
    public NativeOscInBackground()
    {
        if (NodeHarness.HostCanBoot)
        {
            _ = Task.Run(NativeOsc.Get);
        }
    }
}
