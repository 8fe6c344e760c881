// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Renderers.OperatingSystems.MemoryOne;
using Osc.Shared;

namespace Osc.Renderers.OperatingSystems.GardenLinux;

/// <summary>
/// gardener-extension-os-gardenlinux's provision user-data: a bash script (memoryone-gardenlinux wraps it in
/// its MIME envelope with the vSMP settings).
/// </summary>
internal static class GardenLinuxRenderer
{
    /// <summary>The user-data; <paramref name="rootfs"/> receives what the script writes on the node (the provision rootfs view).</summary>
    public static string RenderProvision(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, Report report, List<ScriptDeviation> deviations,
        ICollection<RenderedArtifact>? rootfs = null)
    {
        var wrapped = Script(document, secrets, report, deviations, rootfs);
        return OsTypes.Find(document.Value.Spec.Type)?.MemoryOne == true
            ? MemoryOneEnvelope.Write(MemoryOneEnvelope.Layout.GardenLinux, VsmpLines(ProviderConfig(document), deviations), wrapped, deviations)
            : wrapped;
    }

    /// <summary>The run-once provision script, before memoryone's envelope (the user-data of the other types).</summary>
    internal static string Script(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, Report report, List<ScriptDeviation> deviations,
        ICollection<RenderedArtifact>? rootfs = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var osc = document.Value;
        var files = ProvisionFiles.Resolve(osc, secrets, report, document.Positions);
        var units = (osc.Spec.Units ?? []).Select((u, i) => (u, $"$.spec.units[{i}]")).ToList();
        var script = new StringBuilder("#!/bin/bash\n")
            .Append(ScriptPieces.ContainerdDefaultConfig)
            .Append(ScriptPieces.ContainerdExecDropIn().Heredoc())
            .Append(ProvisionScript.FilesToDisk(files, deviations))
            .Append('\n')
            .Append(ProvisionScript.UnitsToDisk(units, deviations))
            .Append("\ngrep -sq \"^nfsd$\" /etc/modules || echo \"nfsd\" >>/etc/modules\n")
            .Append("modprobe nfsd\n")
            .Append("nslookup $(hostname) || systemctl restart systemd-networkd\n")
            .Append("\nsystemctl daemon-reload\n")
            .Append("systemctl enable containerd && systemctl restart containerd\n");
        foreach (var (unit, _) in units)
        {
            script.Append(ScriptPieces.EnableAndRestart(unit.Name));
        }
        new ProvisionRootfs()
            .Os(ScriptPieces.ContainerdExecDropIn())
            .Files(files)
            .Units(units)
            .CompleteInto(rootfs);
        return ProvisionScript.WrapOneshot(script.ToString());
    }

    /// <summary>
    /// The vsmp lines: none without a providerConfig; with one, system_memory then mem_topology, the API
    /// defaults for a missing or empty value (upstream's decoder runs defaulting), each cut at a line break.
    /// </summary>
    internal static IReadOnlyList<string> VsmpLines(MemoryOneGardenLinuxConfiguration? config, List<ScriptDeviation> deviations)
    {
        if (config is null)
        {
            return [];
        }
        var systemMemory = string.IsNullOrEmpty(config.SystemMemory) ? "6x" : config.SystemMemory;
        var memoryTopology = string.IsNullOrEmpty(config.MemoryTopology) ? "2" : config.MemoryTopology;
        return
        [
            "system_memory=" + MemoryOneEnvelope.LineSafe(systemMemory, "$.spec.providerConfig.systemMemory", "systemMemory", deviations),
            "mem_topology=" + MemoryOneEnvelope.LineSafe(memoryTopology, "$.spec.providerConfig.memoryTopology", "memoryTopology", deviations),
        ];
    }

    private static MemoryOneGardenLinuxConfiguration? ProviderConfig(LoadedDocument<OperatingSystemConfig> document)
    {
        var node = ProviderConfigNode.Of(document);
        if (BindContext.IsNull(node))
        {
            return null;
        }
        // Findings were reported during validation; bind quietly here.
        return MemoryOneGardenLinuxConfigurationBinder.BindMemoryOneGardenLinuxConfiguration(node, new BindContext(new Report(), new SourceMap(document.Positions.File)), "$.spec.providerConfig");
    }
}
