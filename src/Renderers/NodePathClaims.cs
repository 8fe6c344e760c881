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
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Renderers.OperatingSystems.Coreos;
using Osc.Renderers.OperatingSystems.GardenLinux;
using Osc.Renderers.OperatingSystems.SuseChost;
using Osc.Renderers.OperatingSystems.Ubuntu;
using Osc.Renderers.Systemd;

namespace Osc.Renderers;

/// <summary>
/// What lands on the node for an OSC besides its declared files, from the renderers' own constants:
/// validation holds the declared files against these (a file on a directory, below a file, or on a
/// path another writer owns). A test renders every OS type and checks that each rendered path not
/// from spec.files is claimed here.
/// </summary>
internal static class NodePathClaims
{
    private const string Agent = "gardener-node-agent";

    public static IReadOnlyList<NodePathClaim> For(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings, RenderOptions options)
    {
        var osc = document.Value;
        var type = osc.Spec.Type;
        var claims = new List<NodePathClaim>();
        if (osc.Spec.Purpose == Purpose.Provision)
        {
            if (GardenLinuxRenderer.Handles(type) || SuseChostRenderer.Handles(type) || UbuntuRenderer.Handles(type))
            {
                ProvisionScriptClaims(osc, settings, claims);
            }
            else if (IgnitionRenderer.Handles(type))
            {
                var enableDocker = CoreosConfig.Effective(document, settings.Coreos?.Value, new Report())?.EnableDocker == true;
                IgnitionClaims(osc, enableDocker, claims);
            }
            return claims;
        }
        // The OS extension's own files come first: it reports them in status.extensionFiles, where they are no collision.
        var throwaway = new Report();
        var osSettings = IgnitionRenderer.Handles(type) ? OscRenderer.WithEffectiveCoreosConfig(settings, document, throwaway) : settings;
        // suse-chost's file paths do not depend on the Kubernetes version, only their content does.
        var osOptions = options.KubernetesVersion is null ? options with { KubernetesVersion = new Version(1, 0) } : options;
        var osExtension = OsReconcile.Render(osc, osSettings, osOptions, throwaway, document.Positions) ?? OsReconcileOutput.None;
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
        foreach (var artifact in NodeSettingsRenderer.Render(osc, settings))
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

    /// <summary>Garden Linux, SUSE CHost and Ubuntu: the script's own files around the declared ones, then the units, then the run-once marker.</summary>
    private static void ProvisionScriptClaims(OperatingSystemConfig osc, NodeSettings settings, List<NodePathClaim> claims)
    {
        var type = osc.Spec.Type;
        var script = $"the {type} provision script";
        if (UbuntuRenderer.Handles(type))
        {
            claims.Add(new NodePathClaim(UbuntuRenderer.CustomNetworking.Path, NodePathClaimKind.WrittenBefore, $"{script} (its cloud-init networking switch)"));
            claims.Add(new NodePathClaim(ScriptPieces.ContainerdExecDropInPath, NodePathClaimKind.WrittenAfter, $"{script} (its containerd ExecStart drop-in)"));
            if (settings.Ubuntu?.Value.DisableUnattendedUpgrades == true)
            {
                claims.Add(new NodePathClaim(UbuntuRenderer.AutoUpgrades.Path, NodePathClaimKind.WrittenAfter, $"{script} (the unattended-upgrades switch of the ExtensionConfig)"));
            }
        }
        else
        {
            claims.Add(new NodePathClaim(ScriptPieces.ContainerdExecDropInPath, NodePathClaimKind.WrittenBefore, $"{script} (its containerd ExecStart drop-in)"));
        }
        if (SuseChostRenderer.Handles(type))
        {
            claims.Add(new NodePathClaim(SuseChostRenderer.PersistentJournal.Path, NodePathClaimKind.WrittenBefore,
                $"{script} (its persistent journald setting, which it writes only where no file is)"));
        }
        claims.Add(new NodePathClaim("/etc/containerd", NodePathClaimKind.Directory, $"{script} creates it for containerd's default config"));
        foreach (var unit in osc.Spec.Units ?? [])
        {
            UnitClaims(unit.Name, unit.Content is not null, (unit.DropIns ?? []).Select(d => d.Name), NodePathClaimKind.WrittenAfter,
                $"{script} (unit {unit.Name})", claims);
        }
        claims.Add(new NodePathClaim(ProvisionScript.AppliedMarker, NodePathClaimKind.Conflicting,
            $"{script}, which touches its run-once marker there (touch keeps the declared bytes, and the marker stops a second run)"));
    }

    /// <summary>CoreOS and Flatcar: Ignition refuses two storage entries for one path, and writes units from systemd.units as well.</summary>
    private static void IgnitionClaims(OperatingSystemConfig osc, bool enableDocker, List<NodePathClaim> claims)
    {
        const string Storage = "Ignition, which refuses two storage entries for one path";
        claims.Add(new NodePathClaim(IgnitionRenderer.SetupScriptPath, NodePathClaimKind.Conflicting, $"{Storage} (the containerd setup script)"));
        foreach (var masked in IgnitionRenderer.MaskedUnits)
        {
            claims.Add(new NodePathClaim(SystemdUnitsRenderer.UnitDirectory + "/" + masked, NodePathClaimKind.Conflicting, $"{Storage} (the link that masks {masked})"));
        }
        claims.Add(enableDocker
            ? new NodePathClaim(IgnitionRenderer.DockerWantsLinkPath, NodePathClaimKind.Conflicting, $"{Storage} (the link that enables docker.service)")
            : new NodePathClaim(IgnitionRenderer.DockerExtensionLinkPath, NodePathClaimKind.Conflicting, $"{Storage} (the link that disables Flatcar's docker extension)"));
        const string Units = "Ignition, which writes units from systemd.units as well (which one lands last is Ignition's order, not the OSC's)";
        UnitClaims(IgnitionRenderer.SetupUnitName, true, [], NodePathClaimKind.Conflicting, Units, claims);
        claims.Add(new NodePathClaim(IgnitionRenderer.ExecDropInPath, NodePathClaimKind.Conflicting, Units));
        foreach (var unit in osc.Spec.Units ?? [])
        {
            UnitClaims(unit.Name, unit.Content is not null, (unit.DropIns ?? []).Select(d => d.Name), NodePathClaimKind.Conflicting, Units, claims);
        }
    }

    /// <summary>A unit's file (when it has content), its drop-ins, and its drop-in folder. Names systemd would not load are left to the unit rules.</summary>
    private static void UnitClaims(string name, bool hasContent, IEnumerable<string> dropIns, NodePathClaimKind kind, string writer, List<NodePathClaim> claims)
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
