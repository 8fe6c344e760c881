// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using Osc.Model;
using Osc.Model.Syntax;

namespace Osc.Renderers.NodeAgent;

/// <summary>
/// What gardener-node-agent computes when an OperatingSystemConfig replaces the last applied one, and
/// persists as /var/lib/gardener-node-agent/last-computed-osc-changes.yaml before it applies anything
/// (pkg/nodeagent/controller/operatingsystemconfig/osc_changes.go). The fields are node-agent's; each
/// entry also keeps where it came from in the input (<see cref="PlanSource"/>), which node-agent does not.
/// </summary>
internal sealed record NodeAgentChangeSet
{
    /// <summary>gardener-node-agent's own unit: a command for it becomes <see cref="MustRestartNodeAgent"/>, and it is always enabled.</summary>
    public const string NodeAgentUnit = "gardener-node-agent.service";

    /// <summary>The Secret's <c>checksum/data-script</c> annotation when the OSC was read from gardener-node-agent's Secret; otherwise "".</summary>
    public required string OperatingSystemConfigChecksum { get; init; }

    public required UnitChanges Units { get; init; }

    public required FileChanges Files { get; init; }

    public required ContainerdChanges Containerd { get; init; }

    /// <summary>A command for gardener-node-agent.service was computed: node-agent restarts itself instead (and drops the command).</summary>
    public bool MustRestartNodeAgent { get; init; }

    public required InPlaceUpdateChanges InPlaceUpdates { get; init; }

    /// <summary>The change set of a node that has nothing to do.</summary>
    public static NodeAgentChangeSet Empty(string checksum) => new()
    {
        OperatingSystemConfigChecksum = checksum,
        Units = new UnitChanges([], [], []),
        Files = new FileChanges([], []),
        Containerd = new ContainerdChanges(false, [], new RegistryChanges([], [], [])),
        InPlaceUpdates = new InPlaceUpdateChanges(),
    };
}

/// <summary>Where a planned entry comes from: its JSON path in its document and its place in the input (null when none).</summary>
internal sealed record PlanSource(string Path, SourceSpan? Span);

/// <summary><c>units</c>: changed units (in the new merged order), the command per changed unit, deleted units (in the old order).</summary>
internal sealed record UnitChanges(IReadOnlyList<ChangedUnit> Changed, IReadOnlyList<PlannedUnitCommand> Commands, IReadOnlyList<PlannedUnit> Deleted);

/// <summary>A unit after node-agent's merge of spec.units and status.extensionUnits (each drop-in with its own source).</summary>
internal sealed record PlannedUnit(Unit Unit, PlanSource Source, IReadOnlyList<PlanSource> DropInSources);

/// <summary>
/// An entry of <c>units.changed</c>: the whole merged unit, its drop-in changes (<c>dropInsChanges</c>), and in
/// <see cref="Reasons"/> what made it changed, in words (not part of node-agent's file).
/// </summary>
internal sealed record ChangedUnit(PlannedUnit Unit, IReadOnlyList<PlannedDropIn> ChangedDropIns, IReadOnlyList<PlannedDropIn> DeletedDropIns, IReadOnlyList<string> Reasons);

internal sealed record PlannedDropIn(DropIn DropIn, PlanSource Source);

/// <summary>An entry of <c>units.commands</c>: node-agent computes only restart and stop.</summary>
internal sealed record PlannedUnitCommand(string Name, UnitCommand Command, PlanSource Source);

/// <summary><c>files</c>: files to write (new order) and to delete (old order), after the host-name filter.</summary>
internal sealed record FileChanges(IReadOnlyList<PlannedFile> Changed, IReadOnlyList<PlannedFile> Deleted);

/// <summary>A file of the change set; <see cref="Reasons"/> says in words what changed (not part of node-agent's file).</summary>
internal sealed record PlannedFile(NodeFile File, PlanSource Source, IReadOnlyList<string> Reasons);

/// <summary>
/// <c>containerd</c>: whether config.toml changes (then containerd.service restarts) and the registries'
/// hosts.toml files; <see cref="ConfigFileReasons"/> says why in words (not part of node-agent's file).
/// </summary>
internal sealed record ContainerdChanges(bool ConfigFileChanged, IReadOnlyList<string> ConfigFileReasons, RegistryChanges Registries);

/// <summary><c>containerd.registries</c>: upstreams probed before their hosts.toml is written, every desired registry, deleted ones.</summary>
internal sealed record RegistryChanges(IReadOnlyList<string> UpstreamsToProbe, IReadOnlyList<PlannedRegistry> Desired, IReadOnlyList<PlannedRegistry> Deleted);

internal sealed record PlannedRegistry(RegistryConfig Registry, PlanSource Source);

/// <summary><c>inPlaceUpdates</c>: node-agent's in-place update flags.</summary>
internal sealed record InPlaceUpdateChanges
{
    public bool OperatingSystem { get; init; }

    public bool KubeletMinorVersion { get; init; }

    public bool KubeletConfig { get; init; }

    public bool KubeletCpuManagerPolicy { get; init; }

    /// <summary><c>certificateAuthoritiesRotation.kubelet</c> and <c>.nodeAgent</c>: node-agent sets both from one comparison.</summary>
    public bool CertificateAuthoritiesRotation { get; init; }

    public bool ServiceAccountKeyRotation { get; init; }

    public bool Any => OperatingSystem || KubeletMinorVersion || KubeletConfig || KubeletCpuManagerPolicy || CertificateAuthoritiesRotation || ServiceAccountKeyRotation;
}
