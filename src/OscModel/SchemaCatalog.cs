// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Osc.Model;

/// <summary>
/// The JSON schemas Osc is generated from, embedded so editors can be given them (<c>osc schema</c>),
/// and <see cref="ManifestName"/>, one schema derived from all of them that picks each document's
/// schema by its apiVersion and kind.
/// </summary>
public static class SchemaCatalog
{
    /// <summary>The name of the combined schema: any document Osc reads, Lists and gardener-node-agent's Secret included.</summary>
    public const string ManifestName = "manifest";

    private const string Prefix = "schemas/";
    private const string Suffix = ".schema.json";

    /// <summary>Names of the document schemas (the generator's, without the <c>.schema.json</c> suffix), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = ResourceNames().Where(n => !n.Contains('/', StringComparison.Ordinal)).ToArray();

    /// <summary>Every document schema the combined schema is made of: <see cref="Names"/> and Kubernetes' own kinds (<c>kubernetes/secret</c>).</summary>
    internal static IReadOnlyList<string> DocumentSchemaNames { get; } = ResourceNames().ToArray();

    private static readonly Lazy<string> Manifest = new(() => ManifestSchema.Build(DocumentSchemaNames.Select(n => (n, Resource(n)!))));

    /// <summary>The schema text, or null when there is no schema of that name.</summary>
    public static string? Read(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name == ManifestName ? Manifest.Value : Names.Contains(name, StringComparer.Ordinal) ? Resource(name) : null;
    }

    private static IEnumerable<string> ResourceNames() => typeof(SchemaCatalog).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .Order(StringComparer.Ordinal);

    private static string? Resource(string name)
    {
        using var stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(Prefix + name + Suffix);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
