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

namespace Osc.Renderers.OperatingSystems.GardenLinux;

/// <summary>
/// gardener-extension-os-gardenlinux: a bash provision script (memoryone-gardenlinux wraps it in
/// its MIME envelope with the vSMP settings) and, for reconcile, containerd's limits drop-in.
/// </summary>
internal static class GardenLinuxRenderer
{
    public static bool Handles(string type) => type is "gardenlinux" or "gardenlinux-fips" or MemoryOneType;

    public const string MemoryOneType = "memoryone-gardenlinux";

    /// <summary>The user-data; <paramref name="rootfs"/> receives what the script writes on the node (the provision rootfs view).</summary>
    public static string RenderProvision(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, Report report, List<ScriptDeviation> deviations,
        ICollection<RenderedArtifact>? rootfs = null)
    {
        var wrapped = Script(document, secrets, report, deviations, rootfs);
        return document.Value.Spec.Type == MemoryOneType ? MemoryOneEnvelope(document, wrapped, report) : wrapped;
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
            .Append(ScriptPieces.ContainerdExecDropIn)
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
            .Os(ScriptPieces.ContainerdExecDropInPath, ScriptPieces.ContainerdExecDropInContent())
            .Files(files)
            .Units(units)
            .CompleteInto(rootfs);
        return ProvisionScript.WrapOneshot(script.ToString());
    }

    /// <summary>The reconcile extension units: containerd's memlock and file limits.</summary>
    public static IReadOnlyList<Unit> ReconcileUnits() =>
    [
        new Unit
        {
            Name = "containerd.service",
            DropIns = [new DropIn { Name = "override.conf", Content = "[Service]\nLimitMEMLOCK=67108864\nLimitNOFILE=1048576" }],
        },
    ];

    /// <summary>The MIME envelope memoryone-gardenlinux puts around the script: no blank line after part headers, no closing "--", as upstream.</summary>
    private static string MemoryOneEnvelope(LoadedDocument<OperatingSystemConfig> document, string script, Report report)
    {
        var text = new StringBuilder("Content-Type: multipart/mixed; boundary=\"==BOUNDARY==\"\nMIME-Version: 1.0\n--==BOUNDARY==\nContent-Type: text/x-vsmp; section=vsmp");
        if (ProviderConfig(document, report) is { } config)
        {
            // The API defaults apply whenever a providerConfig is given (upstream's decoder runs defaulting).
            text.Append("\nsystem_memory=").Append(config.SystemMemory ?? "6x");
            text.Append("\nmem_topology=").Append(config.MemoryTopology ?? "2");
        }
        return text.Append("\n--==BOUNDARY==\nContent-Type: text/x-shellscript\n").Append(script).Append("\n--==BOUNDARY==").ToString();
    }

    private static MemoryOneGardenLinuxConfiguration? ProviderConfig(LoadedDocument<OperatingSystemConfig> document, Report report)
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
