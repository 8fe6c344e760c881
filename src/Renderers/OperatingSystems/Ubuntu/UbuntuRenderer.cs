// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Bash;

namespace Osc.Renderers.OperatingSystems.Ubuntu;

/// <summary>
/// gardener-extension-os-ubuntu's provision user-data: a #cloud-config-archive with the bash provision script and,
/// when the extension config has apt sources, a cloud-config part for cloud-init's apt module.
/// </summary>
internal static class UbuntuRenderer
{
    // Files the Ubuntu script writes itself: one pair each for the script and the rootfs view.
    internal static readonly FixedFile CustomNetworking =
        new("/etc/cloud/cloud.cfg.d/custom-networking.cfg", "network:\n  config: disabled\n") { Directory = "/etc/cloud/cloud.cfg.d/" };
    internal static readonly FixedFile AutoUpgrades = new("/etc/apt/apt.conf.d/99-auto-upgrades.conf", "APT::Periodic::Unattended-Upgrade \"0\";\n");

    /// <summary>The user-data; <paramref name="rootfs"/> receives what the script writes on the node (the provision rootfs view).</summary>
    public static string RenderProvision(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, UbuntuExtensionConfig? config,
        Report report, List<ScriptDeviation> deviations, ICollection<RenderedArtifact>? rootfs = null)
    {
        var wrapped = Script(document, secrets, config, report, deviations, rootfs);
        // Sized for the script part, which is nearly all of the user-data; the scalar is written straight into it.
        var archive = new StringBuilder(GoYamlLiteral.BlockCapacity(wrapped, 4) + 64).Append(ArchiveItemStart);
        if (GoYamlLiteral.LiteralCannotCarry(wrapped))
        {
            // go-yaml double-quotes such text too; PyYAML reads the escapes back exactly.
            NoteWhereUpstreamDiffers(document, wrapped, deviations);
            GoYamlLiteral.AppendDoubleQuoted(archive, wrapped, ArchiveItemStart.Length - "#cloud-config-archive\n".Length, 4).Append('\n');
        }
        else
        {
            if (GoYamlLiteral.GoYamlWouldQuote(wrapped))
            {
                deviations.Add(new ScriptDeviation("$.spec", "the script part is a literal block; go-yaml would write a double-quoted scalar for text with tabs or trailing spaces (same content)"));
            }
            GoYamlLiteral.AppendBlock(archive, wrapped, 4);
        }
        archive.Append("  type: text/x-shellscript\n");
        if (AptPart(config) is { } aptPart)
        {
            archive.Append("- content: ").Append(GoYamlLiteral.Block(aptPart, 4)).Append("  type: text/cloud-config\n");
        }
        return archive.ToString();
    }

    private const string ArchiveItemStart = "#cloud-config-archive\n- content: ";

    /// <summary>
    /// The script part is double-quoted, as go-yaml writes it; but upstream's JSON-to-YAML step
    /// (sigs.k8s.io/yaml) reads its own JSON back as YAML 1.1 first: a raw U+0085 inside a JSON
    /// string folds to a space there, and DEL, C1 controls, U+FFFE and U+FFFF fail the read.
    /// </summary>
    private static void NoteWhereUpstreamDiffers(LoadedDocument<OperatingSystemConfig> document, string script, List<ScriptDeviation> deviations)
    {
        static bool Refused(char c) => (c >= 0x7F && c <= 0x9F && c != 0x85) || c is '\uFFFE' or '\uFFFF';
        if (script.Contains('\u0085', StringComparison.Ordinal))
        {
            deviations.Add(new ScriptDeviation(SourceOf(document, s => s.Contains('\u0085', StringComparison.Ordinal)),
                "U+0085 (next line) is written as \\N in a double-quoted script part; upstream's JSON-to-YAML step reads it as a line break and writes a space instead"));
        }
        if (script.Any(Refused))
        {
            deviations.Add(new ScriptDeviation(SourceOf(document, s => s.Any(Refused)),
                "DEL, a C1 control character, U+FFFE or U+FFFF is written escaped in a double-quoted script part; upstream's JSON-to-YAML step (go-yaml) refuses these characters, so the extension cannot render this user-data"));
        }
    }

    /// <summary>The first file path, plain file data, unit or drop-in name holding such a character, else $.spec.</summary>
    private static string SourceOf(LoadedDocument<OperatingSystemConfig> document, Func<string, bool> holds)
    {
        var spec = document.Value.Spec;
        for (var i = 0; i < (spec.Files?.Count ?? 0); i++)
        {
            var file = spec.Files![i];
            if (holds(file.Path))
            {
                return $"$.spec.files[{i}].path";
            }
            if (file.Content.Inline is { Encoding: InlineEncoding.Plain, Data: { } data } && holds(data))
            {
                return $"$.spec.files[{i}].content.inline.data";
            }
        }
        for (var i = 0; i < (spec.Units?.Count ?? 0); i++)
        {
            var unit = spec.Units![i];
            for (var j = 0; j < (unit.DropIns?.Count ?? 0); j++)
            {
                if (holds(unit.DropIns![j].Name))
                {
                    return $"$.spec.units[{i}].dropIns[{j}].name";
                }
            }
        }
        return "$.spec";
    }

    /// <summary>The cloud-config part for cloud-init's apt module, or null when the extension config has no archives.</summary>
    internal static string? AptPart(UbuntuExtensionConfig? config) =>
        config?.Apt is { } apt && (apt.Primary is { Count: > 0 } || apt.Security is { Count: > 0 }) ? "#cloud-config\n" + AptYaml(apt) : null;

    /// <summary>The run-once provision script, the archive's text/x-shellscript part.</summary>
    internal static string Script(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, UbuntuExtensionConfig? config,
        Report report, List<ScriptDeviation> deviations, ICollection<RenderedArtifact>? rootfs = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var osc = document.Value;
        var files = ProvisionFiles.Resolve(osc, secrets, report, document.Positions);
        var units = (osc.Spec.Units ?? []).Select((u, i) => (u, $"$.spec.units[{i}]")).ToList();
        var script = new StringBuilder("#!/bin/bash\n")
            .Append(CustomNetworking.Heredoc())
            .Append(ProvisionScript.FilesToDisk(files, deviations, yamlEmbedded: true))
            .Append('\n')
            .Append(ProvisionScript.UnitsToDisk(units, deviations))
            .Append("\nuntil apt-get update -qq && apt-get install --no-upgrade -qqy containerd runc socat nfs-common logrotate jq policykit-1; do sleep 1; done\n\n")
            .Append(ScriptPieces.ContainerdDefaultConfig)
            .Append(ScriptPieces.ContainerdExecDropIn().Heredoc());
        if (config?.DisableUnattendedUpgrades == true)
        {
            script.Append('\n').Append(AutoUpgrades.Heredoc());
        }
        script.Append("\nsystemctl daemon-reload\nsystemctl enable containerd && systemctl restart containerd\n");
        var view = new ProvisionRootfs()
            .Os(CustomNetworking)
            .Files(files, yamlEmbedded: true)
            .Units(units)
            .Os(ScriptPieces.ContainerdExecDropIn());
        if (config?.DisableUnattendedUpgrades == true)
        {
            view.Os(AutoUpgrades);
        }
        view.CompleteInto(rootfs);
        foreach (var (unit, _) in units)
        {
            script.Append(ScriptPieces.EnableAndRestart(unit.Name));
        }
        return ProvisionScript.WrapOneshot(script.ToString());
    }

    /// <summary>{apt: …} as sigs.k8s.io/yaml writes it: snake_case keys sorted, empty lists and false search_dns left out.</summary>
    private static string AptYaml(UbuntuAptConfig apt)
    {
        var yaml = new StringBuilder("apt:\n  preserve_sources_list: ").Append(apt.PreserveSourcesList == true ? "true" : "false").Append('\n');
        Archives(yaml, "primary", apt.Primary);
        Archives(yaml, "security", apt.Security);
        return yaml.ToString();
    }

    private static void Archives(StringBuilder yaml, string key, IReadOnlyList<UbuntuAptArchive>? archives)
    {
        if (archives is not { Count: > 0 })
        {
            return;
        }
        yaml.Append("  ").Append(key).Append(":\n");
        foreach (var archive in archives)
        {
            var fields = new List<string>();
            if (archive.Arches is { Count: > 0 } arches)
            {
                fields.Add("arches:\n" + string.Concat(arches.Select(a => "    - " + a.ToWire() + "\n")));
            }
            if (archive.Search is { Count: > 0 } search)
            {
                fields.Add("search:\n" + string.Concat(search.Select(s => "    - " + Scalar(s) + "\n")));
            }
            if (archive.SearchDNS == true)
            {
                fields.Add("search_dns: true\n");
            }
            if (!string.IsNullOrEmpty(archive.Uri))
            {
                fields.Add("uri: " + Scalar(archive.Uri) + "\n");
            }
            if (fields.Count == 0)
            {
                yaml.Append("  - {}\n");
                continue;
            }
            yaml.Append("  - ").Append(fields[0]);
            foreach (var field in fields.Skip(1))
            {
                yaml.Append("    ").Append(field);
            }
        }
    }

    /// <summary>
    /// A plain scalar where go-yaml writes one (URLs and words), else single-quoted; double-quoted with
    /// escapes when the value holds a line break or a character go-yaml does not print, which a
    /// single-quoted scalar would fold or PyYAML would reject.
    /// </summary>
    private static string Scalar(string value)
    {
        if (value.Any(c => GoYamlLiteral.IsBreak(c) || char.IsControl(c) || char.IsSurrogate(c) || c is '\uFEFF' or '\uFFFE' or '\uFFFF') || ShellQuote.HasMimeSniff(value))
        {
            var quoted = GoYamlLiteral.AppendDoubleQuoted(new StringBuilder(value.Length + 8), value, 0, 0, allowBreaks: false).ToString();
            // "mime-version:" would make cloud-init read the whole archive as MIME; its colon escaped, the text is gone.
            for (var at = quoted.IndexOf(ShellQuote.MimeSniff, StringComparison.OrdinalIgnoreCase); at >= 0; at = quoted.IndexOf(ShellQuote.MimeSniff, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                quoted = string.Concat(quoted.AsSpan(0, at + ShellQuote.MimeSniff.Length - 1), "\\x3A", quoted.AsSpan(at + ShellQuote.MimeSniff.Length));
            }
            return quoted;
        }
        var plain = value.Length > 0 && char.IsAsciiLetterOrDigit(value[0])
            && value.All(c => char.IsAsciiLetterOrDigit(c) || "._~:/?&=%+@-[]".Contains(c, StringComparison.Ordinal))
            && !value.Contains(": ", StringComparison.Ordinal) && !value.EndsWith(':')
            && Osc.Model.Syntax.ScalarResolver.Resolve(new Osc.Model.Syntax.YamlScalar(value, Osc.Model.Syntax.ScalarStyle.Plain, default)).Kind == Osc.Model.Syntax.ScalarKind.String;
        return plain ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
