// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Model.Loading;

/// <summary>One document of the input, bound to its typed value, with the positions of all its paths.</summary>
public abstract record LoadedDocument(YamlDocumentSource Source, SourceMap Positions)
{
    /// <summary><c>file</c>, <c>file#2</c> for the third document of a stream, and <c>file $.items[3]</c> for an item of a List.</summary>
    public string DisplayName => (Source.Index == 0 ? Source.File : $"{Source.File}#{Source.Index}")
        + (Source.RootPath == OscPath.Root ? "" : " " + Source.RootPath);

    /// <summary>For an OperatingSystemConfig read from a gardener-node-agent Secret's <c>osc.yaml</c>: that Secret; otherwise null.</summary>
    public LoadedDocument<Secret>? NodeAgentSecret { get; init; }
}

/// <summary>A loaded document of kind <typeparamref name="T"/>.</summary>
public sealed record LoadedDocument<T>(T Value, YamlDocumentSource Source, SourceMap Positions) : LoadedDocument(Source, Positions)
    where T : class;
