// SPDX-License-Identifier: Apache-2.0
namespace Osc.Model.Validation;

/// <summary>How a path that something other than the declared files writes on the node meets a declared file there.</summary>
public enum NodePathClaimKind
{
    /// <summary>A directory on the node: a declared file cannot be there (OSC1249).</summary>
    Directory,

    /// <summary>A file whose content on the node would not follow from the OSC if a declared file shared its path (OSC1263, an error).</summary>
    Conflicting,

    /// <summary>A file the provision script writes before the declared files: a declared file replaces it (OSC1264, a warning).</summary>
    WrittenBefore,

    /// <summary>A file the provision script writes after the declared files: it replaces a declared file (OSC1264, a warning).</summary>
    WrittenAfter,
}

/// <summary>
/// A path on the node that is written by something other than the OSC's declared files: gardener-node-agent
/// (containerd's config, hosts.toml, units), the OS extension, its provision script or Ignition. The
/// renderers know these (<c>OscRenderer.Validate</c> passes them); validation holds declared files against them.
/// </summary>
/// <param name="Path">Absolute and clean, as on the node.</param>
/// <param name="Kind">What a declared file at or below it means.</param>
/// <param name="Writer">Who writes it and how, for the message, e.g. "gardener-node-agent, which patches containerd's config.toml on every reconcile".</param>
/// <param name="SpecFilesOnly">True for the OS extension's own files: it reports them in status.extensionFiles, so only spec.files can collide.</param>
public sealed record NodePathClaim(string Path, NodePathClaimKind Kind, string Writer, bool SpecFilesOnly = false);
