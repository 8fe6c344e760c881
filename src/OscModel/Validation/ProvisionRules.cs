// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

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

    /// <summary>The files and links the CoreOS extension writes itself, before spec.files.</summary>
    private static readonly string[] CoreosOwnPaths =
    [
        "/opt/bin/containerd-setup.sh", "/etc/systemd/system/update-engine.service", "/etc/systemd/system/locksmithd.service",
        "/etc/systemd/system/systemd-sysupdate.timer", "/etc/systemd/system/systemd-sysupdate-reboot.timer",
    ];

    public static void Check(OperatingSystemConfig osc, CoreosExtensionConfig? providerConfig, CoreosExtensionConfig? extensionWide, RuleContext ctx)
    {
        if (osc.Spec is not { Purpose: Purpose.Provision } spec || !ctx.IsValid("$.spec.purpose"))
        {
            return;
        }
        var bash = spec.Type is "ubuntu" or "ubuntu-pro" or "gardenlinux" or "gardenlinux-fips" or "memoryone-gardenlinux" or "suse-chost" or "memoryone-chost";
        var ignition = spec.Type == "coreos" || spec.Type.StartsWith("flatcar", StringComparison.Ordinal);
        if (!bash && !ignition)
        {
            return;
        }
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
        var seen = new HashSet<string>(StringComparer.Ordinal) { "containerd-setup.service", "containerd.service" };
        if (enableDocker)
        {
            seen.Add("docker.service");
        }
        var own = seen.ToList();
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
        var links = CoreosOwnPaths.Skip(1).Append(enableDocker ? "/etc/systemd/system/multi-user.target.wants/docker.service" : "/etc/extensions/docker-flatcar.raw").ToList();
        var seen = new HashSet<string>(CoreosOwnPaths.Take(1).Concat(links), StringComparer.Ordinal);
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
