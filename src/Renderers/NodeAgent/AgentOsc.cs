// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Renderers.Node;
using Osc.Renderers.OperatingSystems;

namespace Osc.Renderers.NodeAgent;

/// <summary>A unit entry with its source and each drop-in's.</summary>
internal sealed record SourcedUnit(Unit Unit, PlanSource Source, IReadOnlyList<PlanSource> DropInSources);

/// <summary>A file entry with its source.</summary>
internal sealed record SourcedFile(NodeFile File, PlanSource Source);

/// <summary>
/// An OperatingSystemConfig as gardener-node-agent holds it when it computes its changes: what gardenlet
/// writes into the osc.yaml Secret (spec units, files, criConfig, inPlaceUpdates; status extension units,
/// files, inPlaceUpdates; spec secretRefs inlined as b64), with the OS extension's answer as status where Osc
/// renders it (as <c>osc render</c> does), and node-agent's PATH drop-in on containerd.service.
/// </summary>
internal sealed record AgentOsc(
    LoadedDocument<OperatingSystemConfig> Document,
    IReadOnlyList<SourcedUnit> SpecUnits,
    IReadOnlyList<SourcedUnit> StatusUnits,
    IReadOnlyList<SourcedFile> SpecFiles,
    IReadOnlyList<SourcedFile> StatusFiles,
    CriConfig? CriConfig,
    InPlaceUpdates? InPlaceUpdates,
    InPlaceUpdatesStatus? StatusInPlaceUpdates,
    bool IsNodeAgentCopy,
    string Checksum,
    Report Findings)
{
    public const string ContainerdUnit = "containerd.service";

    /// <summary>extensionsv1alpha1helper.HasContainerdConfiguration.</summary>
    public bool HasContainerdConfiguration => CriConfig is { Name: CriName.Containerd, Containerd: not null };

    public OperatingSystemConfig Osc => Document.Value;

    public PlanSource At(string path) => new(Rebased(path), Document.Positions.Locate(path));

    private string Rebased(string path) => OscPath.Rebase(path, Document.Positions.RootPath);

    /// <summary>Reports at <paramref name="path"/> of this object, into the report of the input it was read from (which shows a List item's path from its file's root).</summary>
    public void Report(DiagnosticDescriptor descriptor, string path, string message, string hint) =>
        Findings.Add(descriptor, message, path, Document.Positions.Locate(path), hint);

    /// <summary>
    /// node-agent's own last-applied-osc.yaml: the object it decoded from the Secret (IN-6: <c>metadata: {}</c>,
    /// <c>type: ""</c>, <c>purpose: ""</c>), already holding its PATH drop-in. An object Gardener stores always has a name.
    /// </summary>
    public static bool LooksLikeNodeAgentCopy(LoadedDocument<OperatingSystemConfig> document) =>
        document.NodeAgentSecret is null && string.IsNullOrEmpty(document.Value.Metadata?.Name)
        && string.IsNullOrEmpty(document.Value.Metadata?.GenerateName) && string.IsNullOrEmpty(document.Value.Spec.Type);

    /// <summary>
    /// Builds the view of <paramref name="document"/>. <paramref name="envDropInContent"/> is the PATH drop-in
    /// node-agent adds (PRE-1), or null when the object already holds it (node-agent's own copy). Findings go into
    /// <paramref name="report"/>, the report of the input the document was read from.
    /// </summary>
    public static AgentOsc? Build(
        LoadedDocument<OperatingSystemConfig> document,
        bool isNodeAgentCopy,
        IReadOnlyList<Secret> secrets,
        NodeSettings settings,
        RenderOptions options,
        string? envDropInContent,
        Report report)
    {
        var osc = document.Value;
        var positions = document.Positions;
        PlanSource At(string path) => new(OscPath.Rebase(path, positions.RootPath), positions.Locate(path));
        // gardenlet inlines the Secrets of spec.files (the regular path); a node-agent Secret or node-agent's copy holds what it holds.
        var resolveSecretRefs = document.NodeAgentSecret is null && !isNodeAgentCopy;
        var specFiles = (osc.Spec.Files ?? []).Select((f, i) => new SourcedFile(resolveSecretRefs ? Inlined(f, osc.Metadata?.Namespace, secrets) : f, At($"$.spec.files[{i}]"))).ToList();
        var statusFiles = (osc.Status?.ExtensionFiles ?? []).Select((f, i) => new SourcedFile(f, At($"$.status.extensionFiles[{i}]"))).ToList();
        var specUnits = (osc.Spec.Units ?? []).Select((u, i) => Sourced(u, $"$.spec.units[{i}]", At)).ToList();
        var statusUnits = (osc.Status?.ExtensionUnits ?? []).Select((u, i) => Sourced(u, $"$.status.extensionUnits[{i}]", At)).ToList();
        var statusInPlace = osc.Status?.InPlaceUpdates;

        if (!isNodeAgentCopy)
        {
            // What the OS extension answers lands in status (its input is spec.type), as osc render shows it.
            var family = OsFamilies.Default.For(osc.Spec.Type);
            if (family.ReconcileAnswer(new OsRenderContext(document, secrets, settings, options, report)) is not { } osExtension)
            {
                return null;
            }
            statusFiles.AddRange(osExtension.Files.Select(f => new SourcedFile(f, At("$.spec.type"))));
            statusUnits.AddRange(osExtension.Units.Select(u => new SourcedUnit(u, At("$.spec.type"), (u.DropIns ?? []).Select(_ => At("$.spec.type")).ToList())));
            statusInPlace ??= osExtension.InPlaceUpdates;
            // Osc's NodeConfig (and the Ubuntu/CoreOS ntpd file) as extension files, as the rootfs view carries them.
            foreach (var artifact in NodeSettingsRenderer.Render(settings, family))
            {
                if (statusFiles.Any(f => f.File.Path == artifact.Path) || specFiles.Any(f => f.File.Path == artifact.Path))
                {
                    continue;
                }
                var source = artifact.SourceDocument is null ? At(artifact.SourcePath) : SettingsSource(settings, artifact);
                statusFiles.Add(new SourcedFile(AsInlineFile(artifact), source));
            }
            if (settings.NodeConfig is { Value.Dns.KubeletResolvConf: KubeletResolvConf.SystemdResolved } nodeConfig)
            {
                var source = new PlanSource("$.dns.kubeletResolvConf", nodeConfig.Positions.Locate("$.dns.kubeletResolvConf"));
                statusUnits.Add(new SourcedUnit(new Unit { Name = "kubelet.service", DropIns = [Dns.KubeletResolvConfRenderer.DropIn()] }, source, [source]));
            }
        }

        if (envDropInContent is not null && HasContainerd(osc.Spec.CriConfig))
        {
            AddEnvDropIn(specUnits, envDropInContent, At("$.spec.criConfig.containerd"));
        }
        var checksum = document.NodeAgentSecret?.Value.Metadata.Annotations is { } annotations
            && annotations.TryGetValue("checksum/data-script", out var value) ? value : "";
        return new AgentOsc(document, specUnits, statusUnits, specFiles, statusFiles, osc.Spec.CriConfig, osc.Spec.InPlaceUpdates, statusInPlace, isNodeAgentCopy, checksum, report);
    }

    /// <summary>The content of node-agent's PATH drop-in in <paramref name="copy"/> (node-agent's own file), if it has one.</summary>
    public static string? EnvDropInOf(OperatingSystemConfig copy) =>
        (copy.Spec.Units ?? []).FirstOrDefault(u => u.Name == ContainerdUnit)?.DropIns?.FirstOrDefault(d => d.Name == RootfsRenderer.EnvDropInName)?.Content;

    /// <summary>The PATH drop-in node-agent writes for its own process's PATH.</summary>
    public static string EnvDropIn(string agentPath) => $"[Service]\nEnvironment=\"PATH={RootfsRenderer.RuntimesDirectory}:{agentPath}\"\n";

    private static bool HasContainerd(CriConfig? cri) => cri is { Name: CriName.Containerd, Containerd: not null };

    /// <summary>
    /// containerd.go addContainerdEnvironmentDropIn: onto the first spec unit named containerd.service, or a new
    /// spec unit at the end of spec.units.
    /// </summary>
    private static void AddEnvDropIn(List<SourcedUnit> specUnits, string content, PlanSource source)
    {
        var dropIn = new DropIn { Name = RootfsRenderer.EnvDropInName, Content = content };
        var index = specUnits.FindIndex(u => u.Unit.Name == ContainerdUnit);
        if (index < 0)
        {
            specUnits.Add(new SourcedUnit(new Unit { Name = ContainerdUnit, DropIns = [dropIn] }, source, [source]));
            return;
        }
        var unit = specUnits[index];
        specUnits[index] = unit with
        {
            Unit = unit.Unit with { DropIns = [.. unit.Unit.DropIns ?? [], dropIn] },
            DropInSources = [.. unit.DropInSources, source],
        };
    }

    private static SourcedUnit Sourced(Unit unit, string path, Func<string, PlanSource> at) =>
        new(unit, at(path), (unit.DropIns ?? []).Select((_, j) => at($"{path}.dropIns[{j}]")).ToList());

    /// <summary>components/nodeagent/secrets.go: a secretRef's value becomes inline b64 content.</summary>
    private static NodeFile Inlined(NodeFile file, string? oscNamespace, IReadOnlyList<Secret> secrets)
    {
        if (file.Content.SecretRef is not { } secretRef || SecretScope.Resolve(oscNamespace, secretRef.Name, secrets) is not { } secret)
        {
            return file;
        }
        var data = secret.Data.TryGetValue(secretRef.DataKey, out var bytes) ? bytes : [];
        return file with
        {
            Content = file.Content with { SecretRef = null, Inline = new FileContentInline { Encoding = InlineEncoding.B64, Data = Convert.ToBase64String(data) } },
        };
    }

    private static NodeFile AsInlineFile(RenderedArtifact artifact) => new()
    {
        Path = artifact.Path,
        Permissions = artifact.Mode,
        Content = new FileContent { Inline = new FileContentInline { Encoding = InlineEncoding.B64, Data = Convert.ToBase64String(artifact.Content) } },
    };

    private static PlanSource SettingsSource(NodeSettings settings, RenderedArtifact artifact)
    {
        LoadedDocument? document = settings.NodeConfig?.DisplayName == artifact.SourceDocument ? settings.NodeConfig
            : settings.Ubuntu?.DisplayName == artifact.SourceDocument ? settings.Ubuntu
            : settings.Coreos?.DisplayName == artifact.SourceDocument ? settings.Coreos
            : null;
        return new PlanSource(artifact.SourcePath, document?.Positions.Locate(artifact.SourcePath));
    }
}
