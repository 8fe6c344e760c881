// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers.Containerd;
using Osc.Renderers.Node;
using Osc.Renderers.OperatingSystems;
using Osc.Renderers.Systemd;

namespace Osc.Renderers;

/// <summary>
/// What lands on the node for an OSC besides its declared files, from the renderers' own constants:
/// validation holds the declared files against these (a file on a directory, below a file, or on a
/// path another writer owns). A provision OSC's are its OS family's (<see cref="IOsFamily.ProvisionClaims"/>);
/// a reconcile OSC's are gardener-node-agent's and its OS extension's. A test renders every OS type and
/// checks that each rendered path not from spec.files is claimed here.
/// </summary>
internal static class NodePathClaims
{
    private const string Agent = "gardener-node-agent";

    public static IReadOnlyList<NodePathClaim> For(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings, RenderOptions options, OsFamilies? families = null)
    {
        var osc = document.Value;
        var type = osc.Spec.Type;
        var family = (families ?? OsFamilies.Default).For(type);
        if (osc.Spec.Purpose == Purpose.Provision)
        {
            return family?.ProvisionClaims(document, settings).ToList() ?? [];
        }
        var claims = new List<NodePathClaim>();
        // The OS extension's own files come first: it reports them in status.extensionFiles, where they are no collision.
        var throwaway = new Report();
        // suse-chost's file paths do not depend on the Kubernetes version, only their content does.
        var osOptions = options.KubernetesVersion is null ? options with { KubernetesVersion = new Version(1, 0) } : options;
        var osExtension = family.ReconcileAnswer(new OsRenderContext(document, [], settings, osOptions, throwaway)) ?? OsReconcileOutput.None;
        foreach (var file in osExtension.Files)
        {
            claims.Add(new NodePathClaim(NodeFilesRenderer.NodePath(file.Path), NodePathClaimKind.Conflicting,
                $"the {type} OS extension, which reports it in status.extensionFiles (gardener refuses a path declared twice)", SpecFilesOnly: true));
        }
        var units = UnitMerger.Merge(
            (osc.Spec.Units ?? []).Select((u, i) => (u, $"$.spec.units[{i}]"))
                .Concat((osc.Status?.ExtensionUnits ?? []).Select((u, i) => (u, $"$.status.extensionUnits[{i}]"))));
        foreach (var osUnit in osExtension.Units)
        {
            units = UnitMerger.WithUnit(units, osUnit, "$.spec.type");
        }
        if (osc.Spec.CriConfig is { Name: CriName.Containerd, Containerd: { } containerd })
        {
            claims.Add(new NodePathClaim(ContainerdConfigRenderer.ConfigPath, NodePathClaimKind.Conflicting,
                $"{Agent}, which patches containerd's config.toml there on every reconcile"));
            foreach (var registry in containerd.Registries ?? [])
            {
                if (Names.IsDnsSubdomain(registry.Upstream.Split(':')[0]) || registry.Upstream == "_default")
                {
                    claims.Add(new NodePathClaim(HostsTomlRenderer.PathOf(registry), NodePathClaimKind.Conflicting,
                        $"{Agent}, which writes the hosts.toml of registry {registry.Upstream} there whenever the registry changes"));
                }
            }
            foreach (var directory in new[] { RootfsRenderer.RuntimesDirectory, "/etc/containerd", "/etc/containerd/conf.d", ContainerdConfigRenderer.CertsDirectory })
            {
                claims.Add(new NodePathClaim(directory, NodePathClaimKind.Directory, $"{Agent} creates it for containerd"));
            }
            units = UnitMerger.WithDropIn(units, "containerd.service", new DropIn { Name = RootfsRenderer.EnvDropInName, Content = "" }, "$.spec.criConfig.containerd");
        }
        foreach (var artifact in NodeSettingsRenderer.Render(settings, family))
        {
            claims.Add(new NodePathClaim(artifact.Path, NodePathClaimKind.Conflicting, $"the NodeConfig or OS extension config {artifact.SourceDocument}, which sets it from {artifact.SourcePath}"));
        }
        if (settings.NodeConfig is { Value.Dns.KubeletResolvConf: KubeletResolvConf.SystemdResolved })
        {
            units = UnitMerger.WithDropIn(units, "kubelet.service", Dns.KubeletResolvConfRenderer.DropIn(), "$.dns.kubeletResolvConf");
        }
        foreach (var unit in units)
        {
            UnitClaims(unit.Name, unit.Content is not null, unit.DropIns.Select(d => d.DropIn.Name), NodePathClaimKind.Conflicting,
                $"{Agent}, which writes unit {unit.Name} whenever the unit changes", claims);
        }
        return claims;
    }

    /// <summary>A unit's file (when it has content), its drop-ins, and its drop-in folder. Names systemd would not load are left to the unit rules.</summary>
    internal static void UnitClaims(string name, bool hasContent, IEnumerable<string> dropIns, NodePathClaimKind kind, string writer, List<NodePathClaim> claims)
    {
        if (!Names.IsSystemdUnitName(name))
        {
            return;
        }
        var unitPath = SystemdUnitsRenderer.UnitDirectory + "/" + name;
        if (hasContent)
        {
            claims.Add(new NodePathClaim(unitPath, kind, writer));
        }
        var any = false;
        foreach (var dropIn in dropIns)
        {
            if (dropIn.Length > 0 && dropIn is not ("." or "..") && !dropIn.Contains('/', StringComparison.Ordinal) && !dropIn.Contains('\0', StringComparison.Ordinal))
            {
                claims.Add(new NodePathClaim(unitPath + ".d/" + dropIn, kind, writer));
                any = true;
            }
        }
        if (any)
        {
            claims.Add(new NodePathClaim(unitPath + ".d", NodePathClaimKind.Directory, writer));
        }
    }
}
