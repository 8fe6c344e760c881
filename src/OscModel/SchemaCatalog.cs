// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Osc.Model;

/// <summary>The JSON schemas Osc is generated from, embedded so editors can be given them (<c>osc schema</c>).</summary>
public static class SchemaCatalog
{
    private const string Prefix = "schemas/";
    private const string Suffix = ".schema.json";

    /// <summary>Schema names without the <c>.schema.json</c> suffix, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(SchemaCatalog).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The schema text, or null when there is no schema of that name.</summary>
    public static string? Read(string name)
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
