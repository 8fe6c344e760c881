// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Osc.Model;
using Osc.Renderers.NodeAgent;

namespace Osc.Cli;

/// <summary>
/// A plan a person reads: per OSC, the files node-agent writes and deletes, each unit with the command it
/// gets and why, what a deleted unit gets, containerd and its registries, node-agent's own restart and the
/// in-place update flags. Every entry ends with the place in the input that caused it (file:line:column).
/// Every value from the input is escaped for the terminal.
/// </summary>
internal static class PlanText
{
    public static void Write(TextWriter writer, IReadOnlyList<OscPlan> plans)
    {
        for (var i = 0; i < plans.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteLine();
            }
            Write(writer, plans[i]);
        }
    }

    private static void Write(TextWriter writer, OscPlan plan)
    {
        var name = (plan.Namespace.Length > 0 ? plan.Namespace + "/" : "") + plan.Name;
        writer.WriteLine(plan.LastApplied is null
            ? $"plan for {E(name)} ({E(plan.Source)}): the node's first reconcile"
            : $"plan for {E(name)} ({E(plan.Source)}), replacing the OSC in {E(plan.LastApplied)}");
        foreach (var note in plan.Notes)
        {
            writer.WriteLine($"  note: {E(note)}");
        }
        if (plan.Unchanged)
        {
            writer.WriteLine("  nothing to do");
            return;
        }
        var changes = plan.Changes;
        WriteFiles(writer, changes.Files);
        WriteUnits(writer, changes);
        WriteContainerd(writer, changes);
        writer.WriteLine();
        writer.WriteLine(changes.MustRestartNodeAgent
            ? "gardener-node-agent: restarts itself (its unit changed) after daemon-reload, before the unit commands, which its next process runs"
            : "gardener-node-agent: does not restart itself");
        WriteInPlace(writer, changes.InPlaceUpdates);
    }

    private static void WriteFiles(TextWriter writer, FileChanges files)
    {
        writer.WriteLine();
        writer.WriteLine($"files: {files.Changed.Count} to write, {files.Deleted.Count} to delete");
        var width = Width(files.Changed.Select(f => f.File.Path).Concat(files.Deleted.Select(f => f.File.Path)));
        foreach (var file in files.Changed)
        {
            var mode = file.File.Permissions is { } p ? "0" + System.Convert.ToString(p, 8) : "0600 (default)";
            var content = file.File.Content switch
            {
                { ImageRef: { } image } => $"from image {image.Image}:{image.FilePathInImage}",
                { SecretRef: { } secret } => $"from Secret {secret.Name} key {secret.DataKey}",
                _ => null,
            };
            var why = string.Join(", ", file.Reasons) + $"; mode {mode}" + (content is null ? "" : "; " + content);
            writer.WriteLine(Line("write", file.File.Path, width, why, file.Source));
        }
        foreach (var file in files.Deleted)
        {
            writer.WriteLine(Line("delete", file.File.Path, width, string.Join(", ", file.Reasons) + "; removed after the unit commands", file.Source));
        }
    }

    private static void WriteUnits(TextWriter writer, NodeAgentChangeSet changes)
    {
        var units = changes.Units;
        writer.WriteLine();
        writer.WriteLine($"units: {units.Changed.Count} changed, {units.Deleted.Count} deleted; then daemon-reload");
        var width = Width(units.Changed.Select(u => u.Unit.Unit.Name).Concat(units.Deleted.Select(u => u.Unit.Name)));
        foreach (var changed in units.Changed)
        {
            var unit = changed.Unit.Unit;
            var command = units.Commands.FirstOrDefault(c => c.Name == unit.Name);
            var isAgent = unit.Name == NodeAgentChangeSet.NodeAgentUnit;
            var action = command is not null ? command.Command.ToWire() : isAgent ? "(self)" : "-";
            // The reasons, with the drop-in changes spelled out (+ written, - removed).
            var dropIns = changed.ChangedDropIns.Select(d => "+" + d.DropIn.Name).Concat(changed.DeletedDropIns.Select(d => "-" + d.DropIn.Name)).ToList();
            var reasons = changed.Reasons.Select(r => r != "drop-ins" ? r : dropIns.Count > 0 ? "drop-ins " + string.Join(" ", dropIns) : "drop-ins reordered").ToList();
            if (!changed.Reasons.Contains("drop-ins") && dropIns.Count > 0)
            {
                reasons.Add("drop-ins " + string.Join(" ", dropIns));
            }
            var parts = new List<string> { string.Join(", ", reasons), isAgent || unit.Enable != false ? "enabled" : "disabled" };
            if (unit.Content is null)
            {
                parts.Add("no unit file of its own (the OS's is used)");
            }
            if ((unit.DropIns ?? []).Count == 0)
            {
                parts.Add($"no drop-ins: any {unit.Name}.d removed");
            }
            writer.WriteLine(Line(action, unit.Name, width, string.Join("; ", parts), changed.Unit.Source));
            foreach (var dropIn in changed.ChangedDropIns)
            {
                writer.WriteLine(Line("", "  " + dropIn.DropIn.Name, width, "drop-in written", dropIn.Source));
            }
            foreach (var dropIn in changed.DeletedDropIns)
            {
                writer.WriteLine(Line("", "  " + dropIn.DropIn.Name, width, "drop-in removed", dropIn.Source));
            }
        }
        foreach (var deleted in units.Deleted)
        {
            var unit = deleted.Unit;
            var what = unit.Content is not null
                ? $"deleted: disabled, stopped and its file removed if /etc/systemd/system/{unit.Name} exists"
                : $"deleted: restarted if /etc/systemd/system/{unit.Name} exists (not node-agent's unit file)";
            var dropIns = (unit.DropIns ?? []).Select(d => d.Name).ToList();
            if (dropIns.Count > 0)
            {
                what += "; drop-ins removed: " + string.Join(" ", dropIns);
            }
            writer.WriteLine(Line("delete", unit.Name, width, what, deleted.Source));
        }
    }

    private static void WriteContainerd(TextWriter writer, NodeAgentChangeSet changes)
    {
        var containerd = changes.Containerd;
        writer.WriteLine();
        var restartedByCommand = changes.Units.Commands.Any(c => c.Name == "containerd.service");
        writer.WriteLine(containerd.ConfigFileChanged
            ? $"containerd: config.toml changed ({string.Join(", ", containerd.ConfigFileReasons)}); containerd.service restarts"
                + (restartedByCommand ? " (its unit command)" : " after the unit commands")
            : "containerd: config.toml unchanged");
        var registries = containerd.Registries;
        var width = Width(registries.Desired.Select(r => r.Registry.Upstream).Concat(registries.Deleted.Select(r => r.Registry.Upstream)));
        foreach (var registry in registries.Desired)
        {
            var probe = registries.UpstreamsToProbe.Contains(registry.Registry.Upstream) ? "written once its hosts answer (readinessProbe)" : "written";
            writer.WriteLine(Line("hosts", registry.Registry.Upstream, width, $"/etc/containerd/certs.d/{registry.Registry.Upstream}/hosts.toml {probe}", registry.Source));
        }
        foreach (var registry in registries.Deleted)
        {
            writer.WriteLine(Line("delete", registry.Registry.Upstream, width, $"/etc/containerd/certs.d/{registry.Registry.Upstream} removed", registry.Source));
        }
    }

    private static void WriteInPlace(TextWriter writer, InPlaceUpdateChanges inPlace)
    {
        var flags = new List<string>();
        if (inPlace.OperatingSystem)
        {
            flags.Add("operatingSystem");
        }
        if (inPlace.KubeletMinorVersion)
        {
            flags.Add("kubelet.minorVersion");
        }
        if (inPlace.KubeletConfig)
        {
            flags.Add("kubelet.config");
        }
        if (inPlace.KubeletCpuManagerPolicy)
        {
            flags.Add("kubelet.cpuManagerPolicy");
        }
        if (inPlace.CertificateAuthoritiesRotation)
        {
            flags.Add("certificateAuthoritiesRotation");
        }
        if (inPlace.ServiceAccountKeyRotation)
        {
            flags.Add("serviceAccountKeyRotation");
        }
        writer.WriteLine(flags.Count == 0
            ? "in-place update: no"
            : $"in-place update: {string.Join(", ", flags)}; node-agent applies nothing until the Node has condition InPlaceUpdate with reason ReadyForUpdate");
    }

    private static string Line(string action, string name, int width, string why, PlanSource source)
    {
        var at = source.Span is { } span ? "  " + E(span.ToString()) : "";
        return $"  {action,-8} {E(name).PadRight(width)}  {E(why)}{at}";
    }

    private static int Width(IEnumerable<string> names) => System.Math.Min(40, names.Select(n => E(n).Length).DefaultIfEmpty(0).Max());

    private static string E(string text) => TerminalText.Escape(text);
}
