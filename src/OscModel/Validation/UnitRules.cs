// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>
/// spec.units and status.extensionUnits: names, drop-ins, filePaths (gardener U1–U3, errors). Osc's own
/// checks are warnings that say what the node does (gardener accepts these), except a name that would
/// put a file outside /etc/systemd/system, which Osc cannot render.
/// </summary>
internal static class UnitRules
{
    public static void Check(IReadOnlyList<Unit>? units, string listPath, IReadOnlySet<string> declaredFilePaths, RuleContext ctx)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (units?.Count ?? 0); i++)
        {
            var unit = units![i];
            var path = OscPath.Index(listPath, i);
            CheckName(unit, path, i, names, ctx);
            CheckDropIns(unit, path, ctx);
            for (var k = 0; k < (unit.FilePaths?.Count ?? 0); k++)
            {
                var filePath = unit.FilePaths![k];
                if (!declaredFilePaths.Contains(filePath))
                {
                    ctx.Add(DiagnosticCatalog.FilePathNotDeclared, OscPath.Index(path + ".filePaths", k),
                        $"\"{filePath}\" requires a matching 'path' in 'spec.files' or 'status.extensionFiles'",
                        "declare the file, or remove it from filePaths");
                }
            }
        }
    }

    private static void CheckName(Unit unit, string path, int index, Dictionary<string, int> names, RuleContext ctx)
    {
        var namePath = path + ".name";
        if (unit.Name.Length == 0)
        {
            if (ctx.Positions.Contains(namePath))
            {
                ctx.Add(DiagnosticCatalog.UnitNameRequired, namePath, "unit name is empty", "name the systemd unit, e.g. kubelet.service");
            }
            return;
        }
        if (!Names.IsPlainFileName(unit.Name))
        {
            ctx.Add(DiagnosticCatalog.UnitNameNotFileName, namePath, $"\"{unit.Name}\" is not a plain file name, so its unit file would not land in /etc/systemd/system",
                "name the unit without '/', e.g. kubelet.service");
        }
        else if (!Names.IsSystemdUnitName(unit.Name))
        {
            ctx.Add(DiagnosticCatalog.InvalidUnitName, namePath,
                $"\"{unit.Name}\" is not a valid systemd unit name: the file is written, but systemd does not load it; gardener-node-agent fails to enable it "
                + "(its reconcile fails and is retried) and a provision script's systemctl enable fails",
                "use letters, digits and :_.-\\@ with a type suffix such as .service, .timer, .mount or .target (at most 255 characters)");
        }
        if (names.TryGetValue(unit.Name, out var first))
        {
            ctx.Add(DiagnosticCatalog.DuplicateUnitName, namePath,
                $"unit \"{unit.Name}\" is already declared at index {first} of this list; gardener-node-agent merges the entries "
                + "(later enable, command and content win, drop-ins and filePaths are appended) and a provision script writes both in order",
                "merge both entries into one");
        }
        else
        {
            names[unit.Name] = index;
        }
    }

    private static void CheckDropIns(Unit unit, string path, RuleContext ctx)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < (unit.DropIns?.Count ?? 0); j++)
        {
            var dropIn = unit.DropIns![j];
            var dropInPath = OscPath.Index(path + ".dropIns", j);
            if (ctx.IsPresentButEmpty(dropInPath + ".name", dropIn.Name))
            {
                ctx.Add(DiagnosticCatalog.DropInFieldRequired, dropInPath + ".name", "drop-in name is empty", "name it, e.g. 10-override.conf");
            }
            if (ctx.IsPresentButEmpty(dropInPath + ".content", dropIn.Content))
            {
                ctx.Add(DiagnosticCatalog.DropInFieldRequired, dropInPath + ".content", "drop-in content is empty",
                    "give the unit-file lines, e.g. [Service] then Environment=...");
            }
            if (dropIn.Name.Length == 0)
            {
                continue;
            }
            if (!Names.IsPlainFileName(dropIn.Name))
            {
                ctx.Add(DiagnosticCatalog.InvalidDropInName, dropInPath + ".name", $"\"{dropIn.Name}\" is not a plain file name",
                    "drop-ins live in /etc/systemd/system/<unit>.d/; give a file name without '/'");
            }
            else if (!dropIn.Name.EndsWith(".conf", StringComparison.Ordinal))
            {
                ctx.Add(DiagnosticCatalog.DropInNotConf, dropInPath + ".name", $"\"{dropIn.Name}\" does not end in .conf, so systemd ignores it",
                    $"rename it to {dropIn.Name}.conf");
            }
            if (!seen.Add(dropIn.Name))
            {
                ctx.Add(DiagnosticCatalog.DuplicateDropInName, dropInPath + ".name",
                    $"drop-in \"{dropIn.Name}\" appears twice in unit \"{unit.Name}\"; both are written to one file and the later one wins",
                    "merge the two drop-ins or rename one");
            }
        }
    }
}
