// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;

namespace Osc.Renderers.NodeAgent;

/// <summary>
/// changes.go mergeUnits: spec.units then status.extensionUnits; the first entry of a name keeps its place,
/// later entries of that name (in spec or status) overwrite enable, command and content when they set
/// them and append their drop-ins and filePaths (nothing de-duplicated).
/// </summary>
internal static class UnitMerge
{
    public static IReadOnlyList<PlannedUnit> Merge(IEnumerable<SourcedUnit> specUnits, IEnumerable<SourcedUnit> statusUnits)
    {
        var merged = new List<PlannedUnit>();
        foreach (var entry in specUnits.Concat(statusUnits))
        {
            var index = merged.FindIndex(u => u.Unit.Name == entry.Unit.Name);
            if (index < 0)
            {
                merged.Add(new PlannedUnit(entry.Unit, entry.Source, entry.DropInSources));
                continue;
            }
            var earlier = merged[index];
            var unit = earlier.Unit;
            var later = entry.Unit;
            // An absent list stays absent unless something is appended, as Go's append(nil, nil...) is nil.
            var dropIns = (later.DropIns ?? []).Count == 0 ? unit.DropIns : [.. unit.DropIns ?? [], .. later.DropIns!];
            var filePaths = (later.FilePaths ?? []).Count == 0 ? unit.FilePaths : [.. unit.FilePaths ?? [], .. later.FilePaths!];
            merged[index] = earlier with
            {
                Unit = unit with
                {
                    Enable = later.Enable ?? unit.Enable,
                    Command = later.Command ?? unit.Command,
                    Content = later.Content ?? unit.Content,
                    DropIns = dropIns,
                    FilePaths = filePaths,
                },
                DropInSources = [.. earlier.DropInSources, .. entry.DropInSources],
            };
        }
        return merged;
    }
}
