// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;
using Osc.Shared;

namespace Osc.Model.Validation;

/// <summary>
/// What the OS extensions refuse when they render a provision OperatingSystemConfig. gardener's bash
/// helpers (ubuntu, gardenlinux, suse-chost, memoryone) and the CoreOS actuator cannot put imageRef
/// content into user-data. The CoreOS extension checks its Ignition config with ignv3_3.Parse before
/// returning it, and Ignition 3.3's validation refuses unit names without a unit type, drop-ins not
/// ending in .conf, a unit, drop-in or path given twice, relative or unclean paths, modes above 07777
/// and data URLs that do not decode (coreos/ignition config/v3_3/types).
/// </summary>
internal static class ProvisionRules
{
    /// <summary>The unit types Ignition's validateName accepts (path.Ext of the name).</summary>
    private static readonly string[] IgnitionUnitTypes =
        [".service", ".socket", ".device", ".mount", ".automount", ".swap", ".target", ".path", ".timer", ".snapshot", ".slice", ".scope"];

    public static void Check(OperatingSystemConfig osc, CoreosExtensionConfig? providerConfig, CoreosExtensionConfig? extensionWide, RuleContext ctx)
    {
        if (osc.Spec is not { Purpose: Purpose.Provision } spec || !ctx.IsValid("$.spec.purpose"))
        {
            return;
        }
        if (OsTypes.Find(spec.Type)?.Provision is not { } format)
        {
            return;
        }
        var bash = format == ProvisionFormat.BashScript;
        var ignition = format == ProvisionFormat.Ignition;
        var files = spec.Files ?? [];
        for (var i = 0; i < files.Count; i++)
        {
            var content = files[i].Content;
            if (content.ImageRef is not null && content.SecretRef is null && content.Inline is null)
            {
                var at = OscPath.Index("$.spec.files", i) + ".content.imageRef";
                ctx.Add(DiagnosticCatalog.ImageRefInProvision, at,
                    bash ? "imageRef content in a provision OSC: gardener's provision script helpers read only inline or secretRef content and fail on it"
                        : "imageRef content in a provision OSC: the CoreOS extension fails with \"file has neither inline nor secret content\"",
                    "use inline or secretRef content; images can only be pulled once the node runs (purpose reconcile)");
            }
        }
        if (ignition)
        {
            var enableDocker = (providerConfig?.EnableDocker ?? extensionWide?.EnableDocker) == true;
            CheckIgnitionUnits(spec.Units ?? [], enableDocker, ctx);
            CheckIgnitionFiles(files, enableDocker, ctx);
        }
    }

    private static void Refuse(RuleContext ctx, string path, string why, string hint) =>
        ctx.Add(DiagnosticCatalog.IgnitionRefuses, path, "the CoreOS extension's Ignition validation refuses this provision OSC: " + why, hint);

    private static void CheckIgnitionUnits(IReadOnlyList<Unit> units, bool enableDocker, RuleContext ctx)
    {
        var own = CoreosIgnitionLayout.UnitNames(enableDocker).ToList();
        var seen = new HashSet<string>(own, StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var path = OscPath.Index("$.spec.units", i);
            if (unit.Name.Length == 0)
            {
                continue;
            }
            if (!IgnitionUnitTypes.Contains(Extension(unit.Name), StringComparer.Ordinal))
            {
                Refuse(ctx, path + ".name", $"unit \"{unit.Name}\" has no unit type suffix", "name it with its type, e.g. " + unit.Name + ".service");
            }
            if (!seen.Add(unit.Name))
            {
                Refuse(ctx, path + ".name",
                    own.Contains(unit.Name, StringComparer.Ordinal) ? $"the extension writes unit \"{unit.Name}\" itself, so it would appear twice" : $"unit \"{unit.Name}\" appears twice",
                    "declare each unit once; drop-ins of the extension's own units belong to the reconcile OSC");
            }
            var dropIns = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < (unit.DropIns?.Count ?? 0); j++)
            {
                var dropIn = unit.DropIns![j];
                var dropInPath = OscPath.Index(path + ".dropIns", j) + ".name";
                if (dropIn.Name.Length == 0)
                {
                    continue;
                }
                if (Extension(dropIn.Name) != ".conf")
                {
                    Refuse(ctx, dropInPath, $"drop-in \"{dropIn.Name}\" does not end in .conf", $"rename it to {dropIn.Name}.conf");
                }
                if (!dropIns.Add(dropIn.Name))
                {
                    Refuse(ctx, dropInPath, $"drop-in \"{dropIn.Name}\" appears twice in unit \"{unit.Name}\"", "merge the two drop-ins or rename one");
                }
            }
        }
    }

    private static void CheckIgnitionFiles(IReadOnlyList<NodeFile> files, bool enableDocker, RuleContext ctx)
    {
        var links = CoreosIgnitionLayout.LinkPaths(enableDocker).ToList();
        var seen = new HashSet<string>(links.Prepend(CoreosIgnitionLayout.SetupScriptPath), StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var path = OscPath.Index("$.spec.files", i);
            if (file.Path.Length > 0)
            {
                // Ignition ignores hostName: every entry becomes a file of the one config.
                if (!file.Path.StartsWith('/'))
                {
                    Refuse(ctx, path + ".path", $"\"{file.Path}\" is not an absolute path", $"write it absolute: /{file.Path}");
                }
                else if (Clean(file.Path) != file.Path)
                {
                    Refuse(ctx, path + ".path", $"\"{file.Path}\" is not a clean path", $"write {Clean(file.Path)}");
                }
                if (!seen.Add(file.Path))
                {
                    Refuse(ctx, path + ".path", $"\"{file.Path}\" is written twice (the extension's own files and links count, a hostName does not)",
                        "declare each path once; Ignition has no per-host files");
                }
                if (links.FirstOrDefault(l => file.Path.StartsWith(l + "/", StringComparison.Ordinal)) is { } link)
                {
                    Refuse(ctx, path + ".path", $"\"{file.Path}\" lies below the link {link}", "choose another path");
                }
            }
            if (file.Permissions is > 0xFFF)
            {
                Refuse(ctx, path + ".permissions", $"mode {Convert.ToString(file.Permissions.Value, 8)} (octal) is above 07777", "write the mode as an octal number such as 0644");
            }
            if (file.Content.Inline is { Encoding: InlineEncoding.B64, Data.Length: > 0 } inline && ctx.IsValid(path + ".content.inline.encoding")
                && !SecretBinder.TryDecodeBase64(inline.Data, out _))
            {
                Refuse(ctx, path + ".content.inline.data", "the data URL \"data:;base64,…\" does not decode", "encode the content with base64 (padded, standard alphabet)");
            }
        }
    }

    /// <summary>Go's path.Ext: the suffix from the last '.' of the last element, or "".</summary>
    private static string Extension(string name)
    {
        for (var i = name.Length - 1; i >= 0 && name[i] != '/'; i--)
        {
            if (name[i] == '.')
            {
                return name[i..];
            }
        }
        return "";
    }

    /// <summary>Go's path.Clean of an absolute path.</summary>
    private static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }
}
