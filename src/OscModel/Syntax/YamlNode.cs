// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;

namespace Osc.Model.Syntax;

/// <summary>How a scalar was written; only plain scalars are resolved to non-strings.</summary>
public enum ScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// <summary>A node of the positioned YAML tree the loader builds (the syntax layer under the typed model).</summary>
public abstract class YamlNode
{
    private protected YamlNode(SourceSpan span, string? tag)
    {
        Span = span;
        Tag = tag;
    }

    /// <summary>Where the node stands in its file.</summary>
    public SourceSpan Span { get; }

    /// <summary>An explicit tag such as <c>tag:yaml.org,2002:str</c>, or null.</summary>
    public string? Tag { get; }

    /// <summary>A short name of the node's kind for messages ("mapping", "sequence", "string", ...).</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar, with its text exactly as the YAML parser delivered it.</summary>
public sealed class YamlScalar : YamlNode
{
    public YamlScalar(string value, ScalarStyle style, SourceSpan span, string? tag = null) : base(span, tag)
    {
        Value = value;
        Style = style;
    }

    public string Value { get; }

    public ScalarStyle Style { get; }

    /// <inheritdoc/>
    public override string KindName => ScalarResolver.Resolve(this).KindName;
}

/// <summary>A sequence of nodes.</summary>
public sealed class YamlSequence : YamlNode
{
    public YamlSequence(IReadOnlyList<YamlNode> items, SourceSpan span, string? tag = null) : base(span, tag)
    {
        Items = items;
    }

    public IReadOnlyList<YamlNode> Items { get; }

    /// <inheritdoc/>
    public override string KindName => "sequence";
}

/// <summary>One key/value pair of a mapping; keys are always scalars (the loader rejects others).</summary>
public sealed record YamlMappingEntry(YamlScalar Key, YamlNode Value);

/// <summary>A mapping with its entries in input order; keys are unique (the loader rejects duplicates).</summary>
public sealed class YamlMapping : YamlNode
{
    public YamlMapping(IReadOnlyList<YamlMappingEntry> entries, SourceSpan span, string? tag = null) : base(span, tag)
    {
        Entries = entries;
    }

    public IReadOnlyList<YamlMappingEntry> Entries { get; }

    /// <inheritdoc/>
    public override string KindName => "mapping";

    /// <summary>The value under <paramref name="key"/>, or null when the key is absent.</summary>
    public YamlNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }
        return null;
    }
}
