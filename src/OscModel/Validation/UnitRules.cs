// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>spec.units and status.extensionUnits: names, drop-ins, filePaths (gardener U1–U3, plus Osc's checks).</summary>
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
        if (!Names.IsSystemdUnitName(unit.Name))
        {
            ctx.Add(DiagnosticCatalog.InvalidUnitName, namePath, $"\"{unit.Name}\" is not a valid systemd unit name",
                "use letters, digits and :_.-\\@ with a type suffix such as .service, .timer, .mount or .target (at most 255 characters)");
        }
        if (names.TryGetValue(unit.Name, out var first))
        {
            ctx.Add(DiagnosticCatalog.DuplicateUnitName, namePath,
                $"unit \"{unit.Name}\" is already declared at index {first} of this list",
                "merge both entries into one (gardener-node-agent would merge them, later fields winning)");
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
            if (dropIn.Name.Contains('/', StringComparison.Ordinal) || dropIn.Name is "." or ".." || dropIn.Name.Contains('\0', StringComparison.Ordinal))
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
                    $"drop-in \"{dropIn.Name}\" appears twice in unit \"{unit.Name}\"; the later one overwrites the earlier file",
                    "merge the two drop-ins or rename one");
            }
        }
    }
}
