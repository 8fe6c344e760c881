// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Validation;

namespace Osc.Renderers.NodeAgent;

/// <summary>
/// changes.go computeOperatingSystemConfigChanges, and what reconciler.go does around it before it
/// persists the change set: the first reconcile without a last-applied OSC (C-1..C-5), or the diff of
/// files, units, containerd and registries, and the in-place flags; then a command for node-agent's own
/// unit becomes mustRestartNodeAgent (PRE-4). Rule IDs are those of docs/day-2.md.
/// </summary>
internal static class ChangeComputer
{
    /// <summary>The change set, or null when node-agent's reconcile would fail (reported).</summary>
    public static NodeAgentChangeSet? Compute(AgentOsc updated, AgentOsc? previous, string hostName, string? currentOsVersion, Report report, List<string> notes)
    {
        // PRE-2: with spec.inPlaceUpdates node-agent reads the node's OS version first and fails without one.
        bool? osUpToDate = null;
        if (updated.InPlaceUpdates is not null)
        {
            if (currentOsVersion is null)
            {
                updated.Report(DiagnosticCatalog.CurrentOsVersionRequired, "$.spec.inPlaceUpdates.operatingSystemVersion",
                    "this OSC has spec.inPlaceUpdates, so gardener-node-agent compares the node's OS version (PRETTY_NAME in /etc/os-release) with it; Osc cannot read it offline",
                    "pass --current-os-version with the node's version, e.g. --current-os-version 1592.6");
                return null;
            }
            osUpToDate = InPlaceUpdateFlags.OsUpToDate(updated, currentOsVersion, report);
            if (osUpToDate is null)
            {
                return null;
            }
        }

        var newFiles = CollectAllFiles(updated, hostName);
        var newUnits = UnitMerge.Merge(updated.SpecUnits, updated.StatusUnits);
        NodeAgentChangeSet changes;
        if (previous is null)
        {
            notes.Add("first reconcile: no last-applied OSC, so every file and unit is written, every unit gets its command, and containerd.service restarts");
            changes = FirstReconcile(updated, newFiles, newUnits);
        }
        else
        {
            var files = FileDiff(CollectAllFiles(previous, hostName), newFiles, updated, hostName);
            var units = UnitDiff(UnitMerge.Merge(previous.SpecUnits, previous.StatusUnits), newUnits, files);
            var inPlace = new InPlaceUpdateChanges();
            if (previous.InPlaceUpdates is not null && updated.InPlaceUpdates is not null)
            {
                if (InPlaceUpdateFlags.Compute(updated, previous, osUpToDate!.Value, report, notes) is not { } flags)
                {
                    return null;
                }
                inPlace = flags;
            }
            else if (updated.InPlaceUpdates is not null)
            {
                notes.Add("in-place: the last-applied OSC has no spec.inPlaceUpdates, so node-agent sets no in-place flag this time");
            }
            changes = new NodeAgentChangeSet
            {
                OperatingSystemConfigChecksum = updated.Checksum,
                Files = files,
                Units = units,
                Containerd = Containerd(updated, previous),
                InPlaceUpdates = inPlace,
            };
        }

        // PRE-4: node-agent's own unit is not restarted by a command but by restarting itself.
        if (changes.Units.Commands.Any(c => c.Name == NodeAgentChangeSet.NodeAgentUnit))
        {
            changes = changes with
            {
                MustRestartNodeAgent = true,
                Units = changes.Units with { Commands = changes.Units.Commands.Where(c => c.Name != NodeAgentChangeSet.NodeAgentUnit).ToList() },
            };
        }
        return changes;
    }

    /// <summary>changes.go CollectAllFiles: spec.files then status.extensionFiles, without those for other hosts.</summary>
    public static IReadOnlyList<SourcedFile> CollectAllFiles(AgentOsc osc, string hostName) =>
        osc.SpecFiles.Concat(osc.StatusFiles).Where(f => f.File.HostName is null || f.File.HostName == hostName).ToList();

    private static NodeAgentChangeSet FirstReconcile(AgentOsc updated, IReadOnlyList<SourcedFile> files, IReadOnlyList<PlannedUnit> units)
    {
        var registries = new RegistryChanges([], [], []);
        if (updated.HasContainerdConfiguration)
        {
            var desired = Registries(updated);
            registries = new RegistryChanges(desired.Where(r => r.Registry.ReadinessProbe == true).Select(r => r.Registry.Upstream).ToList(), desired, []);
        }
        return new NodeAgentChangeSet
        {
            OperatingSystemConfigChecksum = updated.Checksum,
            Files = new FileChanges(files.Select(f => new PlannedFile(f.File, f.Source, ["new"])).ToList(), []),
            Units = new UnitChanges(
                units.Select(u => new ChangedUnit(u, DropIns(u), [], ["new"])).ToList(),
                units.Select(u => new PlannedUnitCommand(u.Unit.Name, CommandFor(u.Unit), u.Source)).ToList(),
                []),
            Containerd = new ContainerdChanges(true, ["first reconcile: node-agent always counts config.toml as changed"], registries),
            InPlaceUpdates = new InPlaceUpdateChanges(),
        };
    }

    /// <summary>getCommandToExecute: stop when enable is false or the command is stop, otherwise restart (never start).</summary>
    public static UnitCommand CommandFor(Unit unit) => unit.Enable == false || unit.Command == UnitCommand.Stop ? UnitCommand.Stop : UnitCommand.Restart;

    /// <summary>computeFileDiffs: deleted in the old order, changed in the new order; a file is identified by its path alone.</summary>
    private static FileChanges FileDiff(IReadOnlyList<SourcedFile> oldFiles, IReadOnlyList<SourcedFile> newFiles, AgentOsc updated, string hostName)
    {
        var deleted = new List<PlannedFile>();
        foreach (var old in oldFiles)
        {
            if (!newFiles.Any(f => f.File.Path == old.File.Path))
            {
                var elsewhere = updated.SpecFiles.Concat(updated.StatusFiles).Any(f => f.File.Path == old.File.Path);
                deleted.Add(new PlannedFile(old.File, old.Source, [elsewhere ? $"declared only for another host than \"{hostName}\" now" : "no longer declared"]));
            }
        }
        var changed = new List<PlannedFile>();
        foreach (var file in newFiles)
        {
            var old = oldFiles.FirstOrDefault(f => f.File.Path == file.File.Path);
            if (old is null)
            {
                changed.Add(new PlannedFile(file.File, file.Source, ["new"]));
            }
            else if (!SemanticEquality.Equal(old.File, file.File))
            {
                var reasons = new List<string>();
                if (!SemanticEquality.Equal(old.File.Content, file.File.Content))
                {
                    reasons.Add("content");
                }
                if (old.File.Permissions != file.File.Permissions)
                {
                    reasons.Add("permissions");
                }
                if (old.File.HostName != file.File.HostName)
                {
                    reasons.Add("hostName");
                }
                changed.Add(new PlannedFile(file.File, file.Source, reasons));
            }
        }
        return new FileChanges(changed, deleted);
    }

    /// <summary>computeUnitDiffs: a unit is changed when it is new, differs, or a file it names in filePaths changed.</summary>
    private static UnitChanges UnitDiff(IReadOnlyList<PlannedUnit> oldUnits, IReadOnlyList<PlannedUnit> newUnits, FileChanges files)
    {
        // Only written files restart a unit; a deleted file changes the unit's filePaths instead.
        var changedFiles = files.Changed.Select(f => f.File.Path).ToHashSet(System.StringComparer.Ordinal);
        var deleted = oldUnits.Where(o => !newUnits.Any(n => n.Unit.Name == o.Unit.Name)).ToList();
        var changed = new List<ChangedUnit>();
        var commands = new List<PlannedUnitCommand>();
        foreach (var unit in newUnits)
        {
            var old = oldUnits.FirstOrDefault(o => o.Unit.Name == unit.Unit.Name);
            var filesChanged = (unit.Unit.FilePaths ?? []).Where(changedFiles.Contains).Distinct().ToList();
            if (old is null)
            {
                changed.Add(new ChangedUnit(unit, DropIns(unit), [], ["new"]));
            }
            else if (!SemanticEquality.Equal(old.Unit, unit.Unit) || filesChanged.Count > 0)
            {
                var deletedDropIns = new List<PlannedDropIn>();
                var oldDropIns = old.Unit.DropIns ?? [];
                var newDropIns = unit.Unit.DropIns ?? [];
                for (var i = 0; i < oldDropIns.Count; i++)
                {
                    if (!newDropIns.Any(d => d.Name == oldDropIns[i].Name))
                    {
                        deletedDropIns.Add(new PlannedDropIn(oldDropIns[i], old.DropInSources[i]));
                    }
                }
                var changedDropIns = new List<PlannedDropIn>();
                for (var i = 0; i < newDropIns.Count; i++)
                {
                    var before = oldDropIns.FirstOrDefault(d => d.Name == newDropIns[i].Name);
                    if (before is null || !SemanticEquality.Equal(before, newDropIns[i]))
                    {
                        changedDropIns.Add(new PlannedDropIn(newDropIns[i], unit.DropInSources[i]));
                    }
                }
                changed.Add(new ChangedUnit(unit, changedDropIns, deletedDropIns, Reasons(old.Unit, unit.Unit, filesChanged)));
            }
            else
            {
                continue;
            }
            commands.Add(new PlannedUnitCommand(unit.Unit.Name, CommandFor(unit.Unit), unit.Source));
        }
        return new UnitChanges(changed, commands, deleted);
    }

    private static List<string> Reasons(Unit old, Unit unit, List<string> filesChanged)
    {
        var reasons = new List<string>();
        if (old.Content != unit.Content)
        {
            reasons.Add(unit.Content is null ? "content removed (the unit file stays on the node)" : old.Content is null ? "content added" : "content");
        }
        if (old.Enable != unit.Enable)
        {
            reasons.Add("enable");
        }
        if (old.Command != unit.Command)
        {
            reasons.Add("command");
        }
        if (!SemanticEquality.ListEqual(old.DropIns, unit.DropIns, SemanticEquality.Equal))
        {
            reasons.Add("drop-ins");
        }
        if (!SemanticEquality.ListEqual(old.FilePaths, unit.FilePaths, string.Equals))
        {
            reasons.Add("filePaths");
        }
        reasons.AddRange(filesChanged.Select(p => $"file {p} changed"));
        return reasons;
    }

    private static List<PlannedDropIn> DropIns(PlannedUnit unit) =>
        (unit.Unit.DropIns ?? []).Select((d, i) => new PlannedDropIn(d, unit.DropInSources[i])).ToList();

    /// <summary>The containerd part: config.toml's flag (sandbox image, plugins, cgroup driver) and computeContainerdRegistryDiffs.</summary>
    private static ContainerdChanges Containerd(AgentOsc updated, AgentOsc previous)
    {
        if (!updated.HasContainerdConfiguration)
        {
            // Registries of the old OSC are not cleaned up and containerd does not restart for this (K-3, REG-2).
            return new ContainerdChanges(false, [], new RegistryChanges([], [], []));
        }
        var desired = Registries(updated);
        // Registries with a readiness probe are all probed again: computeContainerdRegistryDiffs removes the old registries still in use from the
        // slice it then searches (slices.DeleteFunc works in place), so no new registry finds its old self (REG-3).
        var probe = desired.Where(r => r.Registry.ReadinessProbe == true).Select(r => r.Registry.Upstream).ToList();
        if (!previous.HasContainerdConfiguration)
        {
            return new ContainerdChanges(true, ["the last-applied OSC had no containerd configuration"], new RegistryChanges(probe, desired, []));
        }
        var newContainerd = updated.CriConfig!.Containerd!;
        var oldContainerd = previous.CriConfig!.Containerd!;
        var reasons = new List<string>();
        if (newContainerd.SandboxImage != oldContainerd.SandboxImage)
        {
            reasons.Add("sandboxImage");
        }
        if (!SemanticEquality.ListEqual(newContainerd.Plugins, oldContainerd.Plugins, SemanticEquality.Equal))
        {
            reasons.Add("plugins");
        }
        if (updated.CriConfig.CgroupDriver != previous.CriConfig.CgroupDriver)
        {
            reasons.Add("cgroupDriver");
        }
        var inUse = desired.Select(r => r.Registry.Upstream).ToHashSet(System.StringComparer.Ordinal);
        var deleted = Registries(previous).Where(r => !inUse.Contains(r.Registry.Upstream)).ToList();
        return new ContainerdChanges(reasons.Count > 0, reasons, new RegistryChanges(probe, desired, deleted));
    }

    private static List<PlannedRegistry> Registries(AgentOsc osc) =>
        (osc.CriConfig?.Containerd?.Registries ?? []).Select((r, i) => new PlannedRegistry(r, osc.At($"$.spec.criConfig.containerd.registries[{i}]"))).ToList();
}
