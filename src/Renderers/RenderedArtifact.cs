// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers;

/// <summary>
/// One rendered file: its path on the node, its exact bytes and its mode, and the input path it
/// came from (so a problem found in it is reported at the input line): a path in the
/// OperatingSystemConfig, or in <see cref="SourceDocument"/> when another document (a NodeConfig,
/// an OS extension config) produced it.
/// </summary>
public sealed record RenderedArtifact(string Path, byte[] Content, uint Mode, string SourcePath, string? SourceDocument = null);
