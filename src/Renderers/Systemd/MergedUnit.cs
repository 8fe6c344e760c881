// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Model;

namespace Osc.Renderers.Systemd;

/// <summary>A drop-in and where it came from (a path in the OSC, or in <see cref="SourceDocument"/>).</summary>
internal sealed record DropInSource(DropIn DropIn, string SourcePath, string? SourceDocument = null);

/// <summary>One unit after gardener-node-agent's merge of spec.units and status.extensionUnits.</summary>
internal sealed record MergedUnit(string Name, string? Content, bool? Enable, UnitCommand? Command, IReadOnlyList<DropInSource> DropIns, string SourcePath);

/// <summary>
/// Merges units by name as the agent does: later entries' enable, command and content win (when
/// set); drop-ins and filePaths are appended. Order: first appearance.
/// </summary>
internal static class UnitMerger
{
    public static IReadOnlyList<MergedUnit> Merge(IEnumerable<(Unit Unit, string SourcePath)> units)
    {
        var merged = new List<MergedUnit>();
        foreach (var (unit, sourcePath) in units)
        {
            MergeInto(merged, unit, sourcePath, (unit.DropIns ?? []).Select((d, j) => new DropInSource(d, $"{sourcePath}.dropIns[{j}]")).ToList());
        }
        return merged;
    }

    /// <summary>Merges one more unit whose every part comes from <paramref name="sourcePath"/> (an OS extension's unit).</summary>
    public static IReadOnlyList<MergedUnit> WithUnit(IReadOnlyList<MergedUnit> units, Unit unit, string sourcePath)
    {
        var list = units.ToList();
        MergeInto(list, unit, sourcePath, (unit.DropIns ?? []).Select(d => new DropInSource(d, sourcePath)).ToList());
        return list;
    }

    private static void MergeInto(List<MergedUnit> merged, Unit unit, string sourcePath, List<DropInSource> dropIns)
    {
        var index = merged.FindIndex(m => m.Name == unit.Name);
        if (index < 0)
        {
            merged.Add(new MergedUnit(unit.Name, unit.Content, unit.Enable, unit.Command, dropIns, sourcePath));
            return;
        }
        var earlier = merged[index];
        merged[index] = earlier with
        {
            Content = unit.Content ?? earlier.Content,
            Enable = unit.Enable ?? earlier.Enable,
            Command = unit.Command ?? earlier.Command,
            DropIns = [.. earlier.DropIns, .. dropIns],
            SourcePath = unit.Content is not null ? sourcePath : earlier.SourcePath,
        };
    }

    /// <summary>Adds a drop-in to the named unit, creating a content-less entry when there is none.</summary>
    public static IReadOnlyList<MergedUnit> WithDropIn(IReadOnlyList<MergedUnit> units, string unitName, DropIn dropIn, string sourcePath, string? sourceDocument = null)
    {
        var source = new DropInSource(dropIn, sourcePath, sourceDocument);
        var list = units.ToList();
        var index = list.FindIndex(u => u.Name == unitName);
        if (index < 0)
        {
            list.Add(new MergedUnit(unitName, null, null, null, [source], sourcePath));
        }
        else
        {
            list[index] = list[index] with { DropIns = [.. list[index].DropIns, source] };
        }
        return list;
    }
}
