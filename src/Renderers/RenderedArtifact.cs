// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers;

/// <summary>
/// One rendered file: its path in the output tree, its exact bytes and its mode, and the input
/// path it came from (so a problem found in it is reported at the input line). Renderers land
/// with their issues; this is the shape they return.
/// </summary>
public sealed record RenderedArtifact(string Path, byte[] Content, uint Mode, string SourcePath);
