// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers.Node;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Shared;

namespace Osc.Renderers.OperatingSystems.SuseChost;

/// <summary>
/// gardener-extension-os-suse-chost (suse-chost, memoryone-chost): provision is a bash script
/// (<see cref="SuseChostRenderer"/>; memoryone's in its own MIME format); reconcile writes an IPv6
/// router-advertisement sysctl file and, for Kubernetes 1.35 up to 1.38, kubelet's extra_args that keep cgroup v1 working.
/// </summary>
internal sealed class SuseChostFamily : IOsFamily
{
    public bool Handles(string type) => OsTypes.IsOf(type, OsFamilyName.SuseChost);

    public ProvisionOutput RenderProvision(OsRenderContext context)
    {
        var deviations = new List<ScriptDeviation>();
        var rootfs = new List<RenderedArtifact>();
        var userData = SuseChostRenderer.RenderProvision(context.Document, context.Secrets, context.Report, deviations, rootfs);
        return new ProvisionOutput(userData, rootfs, deviations);
    }

    /// <summary>The extension files; the kubelet file needs the shoot's Kubernetes version (upstream reads it from the Cluster).</summary>
    public OsReconcileOutput? RenderReconcile(OsRenderContext context)
    {
        if (context.Options.KubernetesVersion is not { } kubernetesVersion)
        {
            context.Report.Add(DiagnosticCatalog.KubernetesVersionRequired,
                $"{context.Osc.Spec.Type} adds kubelet's extra_args depending on the Kubernetes version (upstream reads it from the shoot's Cluster)",
                "$.spec.type", context.Document.Positions.Locate("$.spec.type"), "pass --kubernetes-version, e.g. --kubernetes-version 1.35.2");
            return null;
        }
        var files = new List<NodeFile> { OsReconcileOutput.PlainFile("/etc/sysctl.d/98-enable-ipv6-ra.conf", Ipv6RouterAdvertisements, FileModes.Octal0644) };
        if (kubernetesVersion >= new Version(1, 35) && kubernetesVersion < new Version(1, 38))
        {
            files.Add(OsReconcileOutput.PlainFile("/var/lib/kubelet/extra_args", "KUBELET_EXTRA_ARGS=--fail-cgroupv1=false\n", FileModes.Octal0644));
        }
        return new OsReconcileOutput([], files, null);
    }

    public IEnumerable<NodePathClaim> ProvisionClaims(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings) =>
        ProvisionScriptClaims.Of(document.Value,
        [
            (ScriptPieces.ContainerdExecDropInPath, NodePathClaimKind.WrittenBefore, "its containerd ExecStart drop-in"),
            (SuseChostRenderer.PersistentJournal.Path, NodePathClaimKind.WrittenBefore, "its persistent journald setting, which it writes only where no file is"),
        ]);

    private const string Ipv6RouterAdvertisements = """
        # enables IPv6 router advertisements on all interfaces even when ip forwarding for IPv6 is enabled
        net.ipv6.conf.all.accept_ra = 2

        # specifically enable IPv6 router advertisements on the first ethernet interface (eth0 for net.ifnames=0)
        net.ipv6.conf.eth0.accept_ra = 2

        """;
}
