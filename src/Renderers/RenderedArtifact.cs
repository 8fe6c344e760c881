// SPDX-License-Identifier: Apache-2.0
using System;

namespace Osc.Renderers;

/// <summary>
/// One rendered file: its path on the node, its exact bytes and its mode, and the input path it
/// came from (so a problem found in it is reported at the input line): a path in the
/// OperatingSystemConfig, or in <see cref="SourceDocument"/> when another document (a NodeConfig,
/// an OS extension config) produced it. Two artifacts are equal when all of that is, the bytes compared by content.
/// </summary>
public sealed record RenderedArtifact(string Path, byte[] Content, uint Mode, string SourcePath, string? SourceDocument = null)
{
    /// <summary>Equal path, bytes (by content, not by array), mode and source.</summary>
    public bool Equals(RenderedArtifact? other) =>
        other is not null
        && string.Equals(Path, other.Path, StringComparison.Ordinal)
        && Content.AsSpan().SequenceEqual(other.Content)
        && Mode == other.Mode
        && string.Equals(SourcePath, other.SourcePath, StringComparison.Ordinal)
        && string.Equals(SourceDocument, other.SourceDocument, StringComparison.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Path, StringComparer.Ordinal);
        hash.AddBytes(Content);
        hash.Add(Mode);
        hash.Add(SourcePath, StringComparer.Ordinal);
        hash.Add(SourceDocument, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
