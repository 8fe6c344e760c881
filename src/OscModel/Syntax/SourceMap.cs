// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;

namespace Osc.Model.Syntax;

/// <summary>
/// Where each JSON path of one document stands in its file: the value's span, and for mapping
/// entries the key's span. Every later finding (validation, rendering) is located through it.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourceSpan> _values = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, SourceSpan> _keys = new(System.StringComparer.Ordinal);

    public SourceMap(string file)
    {
        File = file;
    }

    /// <summary>A map sized for a document of known shape, so the dictionaries do not grow and rehash while binding fills them.</summary>
    internal SourceMap(string file, int values, int keys, string rootPath = OscPath.Root)
    {
        File = file;
        RootPath = rootPath;
        _values = new(values, System.StringComparer.Ordinal);
        _keys = new(keys, System.StringComparer.Ordinal);
    }

    /// <summary>The file (or <c>&lt;stdin&gt;</c>) this map belongs to.</summary>
    public string File { get; }

    /// <summary>
    /// Where the document stands in its file: <c>$</c>, or <c>$.items[3]</c> for an item of a List. The
    /// paths of this map are the document's own (<c>$.spec…</c>); findings show them below this root.
    /// </summary>
    public string RootPath { get; } = OscPath.Root;

    public int Count => _values.Count;

    public void SetValue(string path, SourceSpan span) => _values[path] = span;

    public void SetKey(string path, SourceSpan span) => _keys[path] = span;

    /// <summary>True when the input had a value at exactly this path.</summary>
    public bool Contains(string path) => _values.ContainsKey(path);

    public bool TryGetValue(string path, out SourceSpan span) => _values.TryGetValue(path, out span);

    public bool TryGetKey(string path, out SourceSpan span) => _keys.TryGetValue(path, out span);

    /// <summary>The span at <paramref name="path"/>, else at its nearest ancestor that was in the input.</summary>
    public SourceSpan? Locate(string path)
    {
        for (var p = (string?)path; p is not null; p = OscPath.Parent(p))
        {
            if (_values.TryGetValue(p, out var span))
            {
                return span;
            }
        }
        return null;
    }

    /// <summary>The key's span for a mapping entry (where "unknown field" points), else <see cref="Locate"/>.</summary>
    public SourceSpan? LocateKey(string path) => _keys.TryGetValue(path, out var span) ? span : Locate(path);
}
