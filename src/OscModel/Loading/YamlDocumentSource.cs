// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Syntax;

namespace Osc.Model.Loading;

/// <summary>
/// One parsed document of an input stream; <see cref="Index"/> is its 0-based place in the stream.
/// In a loaded OperatingSystemConfig, <see cref="Root"/> holds only what is read after binding
/// (spec.providerConfig); the rest is in the typed value and its SourceMap.
/// </summary>
public sealed record YamlDocumentSource(string File, int Index, YamlNode Root)
{
    /// <summary>Where <see cref="Root"/> stands in the stream's document: <c>$</c>, or <c>$.items[3]</c> for an item of a List.</summary>
    public string RootPath { get; init; } = OscPath.Root;
}
