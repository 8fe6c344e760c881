// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;
using Osc.Renderers.Containerd;
using Osc.Renderers.Systemd;

namespace Osc.Renderers.Node;

/// <summary>
/// The node's view of a reconcile OperatingSystemConfig once gardener-node-agent has applied it:
/// files, units and drop-ins, containerd's config.toml, one hosts.toml per registry, and the
/// containerd.service drop-in that puts /var/bin/containerruntimes on PATH.
/// </summary>
internal static class RootfsRenderer
{
    public const string RuntimesDirectory = "/var/bin/containerruntimes";
    public const string EnvDropInName = "30-env_config.conf";

    public static (IReadOnlyList<RenderedArtifact> Files, IReadOnlyList<string> Directories, IReadOnlyList<MergedUnit> Units)? Render(
        OperatingSystemConfig osc, IReadOnlyList<Secret> secrets, RenderOptions options, Report report, SourceMap positions, NodeSettings? settings = null,
        OperatingSystems.OsReconcileOutput? osExtension = null, OperatingSystems.IOsFamily? family = null)
    {
        ArgumentNullException.ThrowIfNull(osc);
        ArgumentNullException.ThrowIfNull(options);
        var artifacts = new List<RenderedArtifact>();
        var directories = new List<string>();
        artifacts.AddRange(NodeFilesRenderer.Render(osc, secrets, options.NodeHostName, report, positions));
        // The OS extension's files land in status.extensionFiles upstream; their input is spec.type.
        foreach (var file in osExtension?.Files ?? [])
        {
            var bytes = FileContentResolver.Resolve(file.Content, "$.spec.type", osc.Metadata?.Namespace, secrets, ContentReader.NodeAgent, report, positions)!;
            artifacts.Add(new RenderedArtifact(NodeFilesRenderer.NodePath(file.Path), bytes, NodeFilesRenderer.ModeOf(file.Permissions), "$.spec.type"));
        }

        var units = UnitMerger.Merge(
            (osc.Spec.Units ?? []).Select((u, i) => (u, $"$.spec.units[{i}]"))
                .Concat((osc.Status?.ExtensionUnits ?? []).Select((u, i) => (u, $"$.status.extensionUnits[{i}]"))));
        // What the OS extension adds lands in status.extensionUnits upstream; its input is spec.type.
        foreach (var osUnit in osExtension?.Units ?? [])
        {
            units = UnitMerger.WithUnit(units, osUnit, "$.spec.type");
        }

        var criConfig = osc.Spec.CriConfig;
        if (criConfig is { Name: CriName.Containerd, Containerd: { } containerd })
        {
            var config = ContainerdConfigRenderer.Render(criConfig, options.Containerd, report, positions);
            if (config is null)
            {
                return null;
            }
            artifacts.Add(new RenderedArtifact(ContainerdConfigRenderer.ConfigPath, Encoding.UTF8.GetBytes(config), FileModes.Octal0644, "$.spec.criConfig"));
            var registries = containerd.Registries ?? [];
            for (var i = 0; i < registries.Count; i++)
            {
                artifacts.Add(new RenderedArtifact(HostsTomlRenderer.PathOf(registries[i]), Encoding.UTF8.GetBytes(HostsTomlRenderer.Render(registries[i])),
                    FileModes.Octal0644, $"$.spec.criConfig.containerd.registries[{i}]"));
            }
            var envDropIn = new DropIn
            {
                Name = EnvDropInName,
                Content = $"[Service]\nEnvironment=\"PATH={RuntimesDirectory}:{options.AgentPath}\"\n",
            };
            units = UnitMerger.WithDropIn(units, "containerd.service", envDropIn, "$.spec.criConfig.containerd");
            directories.AddRange([RuntimesDirectory, "/etc/containerd", "/etc/containerd/conf.d", ContainerdConfigRenderer.CertsDirectory]);
        }
        if (settings is not null)
        {
            artifacts.AddRange(NodeSettingsRenderer.Render(settings, family));
            if (settings.NodeConfig is { Value.Dns.KubeletResolvConf: KubeletResolvConf.SystemdResolved } nodeConfig)
            {
                units = UnitMerger.WithDropIn(units, "kubelet.service", Dns.KubeletResolvConfRenderer.DropIn(), "$.dns.kubeletResolvConf", nodeConfig.DisplayName);
            }
        }
        artifacts.AddRange(SystemdUnitsRenderer.Render(units));

        // Later writes to the same path win, as on the node; the view lists each path once, sorted.
        var byPath = new Dictionary<string, RenderedArtifact>(StringComparer.Ordinal);
        foreach (var artifact in artifacts)
        {
            byPath[artifact.Path] = artifact;
        }
        return (byPath.Values.OrderBy(a => a.Path, StringComparer.Ordinal).ToList(), directories.Order(StringComparer.Ordinal).ToList(), units);
    }
}
