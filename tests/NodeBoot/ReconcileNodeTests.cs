// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model;
using Xunit.Abstractions;

namespace Osc.NodeBoot.Tests;

/// <summary>
/// A reconcile OSC's rootfs/ view copied onto a node, which then does what gardener-node-agent does
/// after writing it: daemon-reload, enable (unless enable: false), restart containerd for its new
/// config, and stop or restart each unit. Every unit must load cleanly and containerd must run with
/// Osc's config.toml: its own config dump shows our registry config_path, sandbox image and cgroup driver.
/// </summary>
[Collection(NodeBootCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReconcileNodeTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Reconcile_rootfs_loads_every_unit_and_containerd_runs_with_our_config()
    {
        NodeHarness.SkipUnlessHostCanBoot();
        using var render = new OscRender("reconcile-cri.yaml");
        var osc = NodeBootTests.LoadOsc("reconcile-cri.yaml");
        var view = render.RootfsFiles;
        // Units the view carries: unit files, and units that only get drop-ins.
        var units = view.Where(p => p.StartsWith("/etc/systemd/system/", StringComparison.Ordinal))
            .Select(p => p["/etc/systemd/system/".Length..].Split('/')[0])
            .Select(n => n.EndsWith(".d", StringComparison.Ordinal) ? n[..^2] : n)
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("containerd.service", units);

        using var node = NodeHarness.Boot("reconcile", Encoding.UTF8.GetBytes("#cloud-config\n{}\n"), rootfs: render.Rootfs, units: units, exec: AgentScript(osc));
        output.WriteLine($"reconcile: booted in {node.BootSeconds:0.0} s; {node.TotalSeconds:0} s in all");

        Assert.True(node.Read("exec.rc").Trim() == "0", $"the agent steps failed:\n{node.Read("exec.out")}\n{node.Read("exec.err")}\n{node.Tail("journal", 60)}");
        var shown = node.Units;
        foreach (var unit in units)
        {
            Assert.True(shown[unit]["LoadState"] == "loaded", $"{unit}: LoadState={shown[unit]["LoadState"]}");
            Assert.Equal("no", shown[unit]["NeedDaemonReload"]);
        }
        // systemd names every setting it cannot use in the journal; none may concern our files.
        var complaints = NodeBootTests.UnitComplaints(node.Read("journal"));
        Assert.True(complaints.Count == 0, "systemd complained about rendered units:\n" + string.Join('\n', complaints));
        foreach (var unit in osc.Spec.Units ?? [])
        {
            var expected = unit.Enable == false || unit.Command == UnitCommand.Stop ? "inactive" : "active";
            Assert.True(shown[unit.Name]["ActiveState"] == expected, $"{unit.Name}: ActiveState={shown[unit.Name]["ActiveState"]} (expected {expected})\n{node.Tail("journal", 60)}");
        }
        Assert.True(shown["containerd.service"]["ActiveState"] == "active", $"containerd: {shown["containerd.service"]["ActiveState"]}\n{node.Tail("journal", 60)}");
        var unexpected = node.FailedUnits.Where(u => !NodeCases.ContainerNodeFailures.ContainsKey(u)).ToList();
        Assert.True(unexpected.Count == 0, $"failed units: {string.Join(", ", unexpected)}\n{node.Tail("journal", 60)}");

        // containerd read our config.toml: its dump shows what we wrote.
        var dump = node.Read("exec.out");
        Assert.Contains("config_path = \"/etc/containerd/certs.d\"", dump, StringComparison.Ordinal);
        Assert.Contains("sandbox_image = \"registry.k8s.io/pause:3.10\"", dump, StringComparison.Ordinal);
        Assert.Contains("SystemdCgroup = true", dump, StringComparison.Ordinal);
        Assert.Contains("runtime_type = \"io.containerd.runsc.v1\"", dump, StringComparison.Ordinal);
        Assert.Contains("max_concurrent_downloads = 5", dump, StringComparison.Ordinal);
        // The oneshot read the secretRef file.
        Assert.Contains("report: mode = \"reconcile\"", dump, StringComparison.Ordinal);
        // Every file of the view is still on the node as rendered (nothing on the node rewrote it).
        foreach (var path in view)
        {
            Assert.True(render.RootfsFile(path).AsSpan().SequenceEqual(node.ReadNodeFile(path)), $"{path}: changed on the node");
        }
    }

    /// <summary>gardener-node-agent's steps after writing files and units (its reconciler's order).</summary>
    private static string AgentScript(OperatingSystemConfig osc)
    {
        var script = new StringBuilder("set -eu\nsystemctl daemon-reload\n");
        foreach (var unit in osc.Spec.Units ?? [])
        {
            script.Append(unit.Enable == false ? "systemctl disable " : "systemctl enable ").Append(unit.Name).Append('\n');
        }
        script.Append("systemctl restart containerd.service\n");
        foreach (var unit in (osc.Spec.Units ?? []).Where(u => u.Name != "containerd.service"))
        {
            script.Append(unit.Enable == false || unit.Command == UnitCommand.Stop ? "systemctl stop " : "systemctl restart ").Append(unit.Name).Append('\n');
        }
        script.Append("containerd config dump\n");
        script.Append("echo \"report: $(cat /run/osc-report)\"\n");
        return script.ToString();
    }
}
