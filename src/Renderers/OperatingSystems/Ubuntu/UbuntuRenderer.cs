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
/// gardener-extension-os-ubuntu: a #cloud-config-archive with the bash provision script and, when
/// the extension config has apt sources, a cloud-config part for cloud-init's apt module.
/// </summary>
internal static class UbuntuRenderer
{
    // Files the Ubuntu script writes itself, for the script and the rootfs view alike.
    internal const string CustomNetworkingPath = "/etc/cloud/cloud.cfg.d/custom-networking.cfg";
    private const string CustomNetworkingContent = "network:\n  config: disabled\n";
    internal const string AutoUpgradesPath = "/etc/apt/apt.conf.d/99-auto-upgrades.conf";
    private const string AutoUpgradesContent = "APT::Periodic::Unattended-Upgrade \"0\";\n";

    public static bool Handles(string type) => type is "ubuntu" or "ubuntu-pro";

    /// <summary>The user-data; <paramref name="rootfs"/> receives what the script writes on the node (the provision rootfs view).</summary>
    public static string RenderProvision(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, UbuntuExtensionConfig? config,
        Report report, List<ScriptDeviation> deviations, ICollection<RenderedArtifact>? rootfs = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var osc = document.Value;
        var files = ProvisionFiles.Resolve(osc, secrets, report, document.Positions);
        var units = (osc.Spec.Units ?? []).Select((u, i) => (u, $"$.spec.units[{i}]")).ToList();
        var script = new StringBuilder("#!/bin/bash\n")
            .Append(ScriptPieces.HeredocFile("/etc/cloud/cloud.cfg.d/", CustomNetworkingPath, CustomNetworkingContent))
            .Append(ProvisionScript.FilesToDisk(files, deviations, yamlEmbedded: true))
            .Append('\n')
            .Append(ProvisionScript.UnitsToDisk(units, deviations))
            .Append("\nuntil apt-get update -qq && apt-get install --no-upgrade -qqy containerd runc socat nfs-common logrotate jq policykit-1; do sleep 1; done\n\n")
            .Append(ScriptPieces.ContainerdDefaultConfig)
            .Append(ScriptPieces.ContainerdExecDropIn);
        if (config?.DisableUnattendedUpgrades == true)
        {
            script.Append('\n').Append(ScriptPieces.HeredocFile("/etc/apt/apt.conf.d", AutoUpgradesPath, AutoUpgradesContent));
        }
        script.Append("\nsystemctl daemon-reload\nsystemctl enable containerd && systemctl restart containerd\n");
        var view = new ProvisionRootfs()
            .Os(CustomNetworkingPath, CustomNetworkingContent)
            .Files(files, yamlEmbedded: true)
            .Units(units)
            .Os(ScriptPieces.ContainerdExecDropInPath, ScriptPieces.ContainerdExecDropInContent());
        if (config?.DisableUnattendedUpgrades == true)
        {
            view.Os(AutoUpgradesPath, AutoUpgradesContent);
        }
        view.CompleteInto(rootfs);
        foreach (var (unit, _) in units)
        {
            script.Append(ScriptPieces.EnableAndRestart(unit.Name));
        }
        var wrapped = ProvisionScript.WrapOneshot(script.ToString());
        if (GoYamlLiteral.GoYamlWouldQuote(wrapped))
        {
            deviations.Add(new ScriptDeviation("$.spec", "the script part is a literal block; go-yaml would write a double-quoted scalar for text with tabs or trailing spaces (same content)"));
        }
        // Sized for the script part, which is nearly all of the user-data; the block is written straight into it.
        var archive = new StringBuilder(GoYamlLiteral.BlockCapacity(wrapped, 4) + 64).Append("#cloud-config-archive\n- content: ");
        GoYamlLiteral.AppendBlock(archive, wrapped, 4).Append("  type: text/x-shellscript\n");
        if (config?.Apt is { } apt && (apt.Primary is { Count: > 0 } || apt.Security is { Count: > 0 }))
        {
            archive.Append("- content: ").Append(GoYamlLiteral.Block("#cloud-config\n" + AptYaml(apt), 4)).Append("  type: text/cloud-config\n");
        }
        return archive.ToString();
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

    /// <summary>A plain scalar where go-yaml writes one (URLs and words), else single-quoted.</summary>
    private static string Scalar(string value)
    {
        var plain = value.Length > 0 && char.IsAsciiLetterOrDigit(value[0])
            && value.All(c => char.IsAsciiLetterOrDigit(c) || "._~:/?&=%+@-[]".Contains(c, StringComparison.Ordinal))
            && !value.Contains(": ", StringComparison.Ordinal) && !value.EndsWith(':')
            && Osc.Model.Syntax.ScalarResolver.Resolve(new Osc.Model.Syntax.YamlScalar(value, Osc.Model.Syntax.ScalarStyle.Plain, default)).Kind == Osc.Model.Syntax.ScalarKind.String;
        return plain ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
