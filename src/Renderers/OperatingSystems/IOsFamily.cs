// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers.Node;
using Osc.Renderers.OperatingSystems.Bash;

namespace Osc.Renderers.OperatingSystems;

/// <summary>One OperatingSystemConfig being rendered, with everything an OS family may read.</summary>
internal sealed record OsRenderContext(
    LoadedDocument<OperatingSystemConfig> Document,
    IReadOnlyList<Secret> Secrets,
    NodeSettings Settings,
    RenderOptions Options,
    Report Report)
{
    public OperatingSystemConfig Osc => Document.Value;
}

/// <summary>
/// A provision OSC rendered: the user-data, the rootfs view of what it writes on the node (empty where the
/// node's own agent applies it, as Ignition), and where it deviates from upstream's bytes (OSC2008).
/// </summary>
internal sealed record ProvisionOutput(string UserData, IReadOnlyList<RenderedArtifact> Rootfs, IReadOnlyList<ScriptDeviation> Deviations);

/// <summary>
/// One OS extension (gardener-extension-os-…): the OS types it serves and everything it makes of an OSC. Each
/// lives in its folder under OperatingSystems/ and is listed once in <see cref="OsFamilies"/>.
/// </summary>
internal interface IOsFamily
{
    /// <summary>Whether this extension serves <c>spec.type</c> <paramref name="type"/> (the known ones: their rows in <c>OsTypes</c>).</summary>
    bool Handles(string type);

    /// <summary>cloud-init reads the whole user-data, so gzip is allowed (--compress).</summary>
    bool UserDataMayBeCompressed => false;

    /// <summary>The provision user-data and its rootfs view.</summary>
    ProvisionOutput RenderProvision(OsRenderContext context);

    /// <summary>The node settings this OSC renders with: the OS extension's own config with the OSC's providerConfig applied, where the extension does so.</summary>
    NodeSettings EffectiveSettings(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings, Report report) => settings;

    /// <summary>The reconcile answer (status.extensionUnits, extensionFiles, inPlaceUpdates), or null when it cannot be given (reported).</summary>
    OsReconcileOutput? RenderReconcile(OsRenderContext context);

    /// <summary>Files the OS extension's own config puts on a reconcile node when no NodeConfig is given (its ntp.conf).</summary>
    IEnumerable<RenderedArtifact> ExtensionConfigFiles(NodeSettings settings) => [];

    /// <summary>The paths the provision user-data writes besides the declared files, for validation (a test holds them against the rootfs view).</summary>
    IEnumerable<NodePathClaim> ProvisionClaims(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings);
}

/// <summary>What every caller of a family's reconcile answer does the same way.</summary>
internal static class OsFamilyReconcile
{
    /// <summary>
    /// The OS extension's reconcile answer for <paramref name="context"/>, rendered with the family's effective settings:
    /// nothing for a type no family serves (<paramref name="family"/> null), null when it cannot be given (reported).
    /// </summary>
    public static OsReconcileOutput? ReconcileAnswer(this IOsFamily? family, OsRenderContext context) =>
        family is null
            ? OsReconcileOutput.None
            : family.RenderReconcile(context with { Settings = family.EffectiveSettings(context.Document, context.Settings, context.Report) });
}
