// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using Osc.Model;
using Osc.Model.Diagnostics;

namespace Osc.Renderers;

/// <summary>
/// What one OperatingSystemConfig renders to: for reconcile, the node's files (rootfs view) and the
/// directories the agent creates; for provision, the user-data (the bytes upstream stores under
/// the result Secret's cloud_config key).
/// </summary>
public sealed record RenderedObject(
    string Namespace,
    string Name,
    Purpose Purpose,
    IReadOnlyList<RenderedArtifact> Rootfs,
    IReadOnlyList<string> Directories,
    string? UserData = null,
    string? StatusYaml = null,
    byte[]? CompressedUserData = null)
{
    /// <summary>Reconcile: the units after gardener-node-agent's merge, as the view writes them (what <c>osc check</c> needs beyond the files).</summary>
    internal IReadOnlyList<Systemd.MergedUnit> Units { get; init; } = [];
}

/// <summary>Every rendered object, and the findings of loading, validating and rendering.</summary>
public sealed record RenderResult(IReadOnlyList<RenderedObject> Objects, Report Report);
