// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;

namespace Osc.Model.Syntax;

/// <summary>
/// Where each JSON path of one document stands in its file: the value's span, and for mapping
/// entries the key's span. Every later finding (validation, rendering) is located through it.
/// </summary>
/// <remarks>
/// A batch holds one map per document for the whole run, so it is kept small: one table for values
/// and keys, positions without the file name (every span of a document is in its file; one from
/// elsewhere goes to a side table), and path strings shared between the documents of one load.
/// </remarks>
public sealed class SourceMap
{
    private readonly Dictionary<string, Positions> _positions;
    private readonly Dictionary<string, string>? _pathPool;
    private Dictionary<string, SourceSpan>? _otherFileValues;
    private Dictionary<string, SourceSpan>? _otherFileKeys;
    private int _count;

    public SourceMap(string file)
    {
        File = file;
        _positions = new(System.StringComparer.Ordinal);
    }

    /// <summary>A map sized for a document of known shape, sharing path strings with the other documents of its load.</summary>
    internal SourceMap(string file, int paths, Dictionary<string, string>? pathPool, string rootPath = OscPath.Root)
    {
        File = file;
        RootPath = rootPath;
        _positions = new(paths, System.StringComparer.Ordinal);
        _pathPool = pathPool;
    }

    /// <summary>The file (or <c>&lt;stdin&gt;</c>) this map belongs to.</summary>
    public string File { get; }

    /// <summary>
    /// Where the document stands in its file: <c>$</c>, or <c>$.items[3]</c> for an item of a List. The
    /// paths of this map are the document's own (<c>$.spec…</c>); findings show them below this root.
    /// </summary>
    public string RootPath { get; } = OscPath.Root;

    public int Count => _count + (_otherFileValues?.Count ?? 0);

    public void SetValue(string path, SourceSpan span)
    {
        if (span.File != File)
        {
            (_otherFileValues ??= new(System.StringComparer.Ordinal))[path] = span;
            return;
        }
        path = Shared(path);
        _positions.TryGetValue(path, out var positions);
        if (!positions.HasValue)
        {
            _count++;
        }
        _positions[path] = positions with { ValueStart = span.Start, ValueEnd = span.End, HasValue = true };
    }

    public void SetKey(string path, SourceSpan span)
    {
        if (span.File != File)
        {
            (_otherFileKeys ??= new(System.StringComparer.Ordinal))[path] = span;
            return;
        }
        path = Shared(path);
        _positions.TryGetValue(path, out var positions);
        _positions[path] = positions with { KeyStart = span.Start, KeyEnd = span.End, HasKey = true };
    }

    /// <summary>True when the input had a value at exactly this path.</summary>
    public bool Contains(string path) => TryGetValue(path, out _);

    public bool TryGetValue(string path, out SourceSpan span)
    {
        if (_otherFileValues is not null && _otherFileValues.TryGetValue(path, out span))
        {
            return true;
        }
        if (_positions.TryGetValue(path, out var positions) && positions.HasValue)
        {
            span = new SourceSpan(File, positions.ValueStart, positions.ValueEnd);
            return true;
        }
        span = default;
        return false;
    }

    public bool TryGetKey(string path, out SourceSpan span)
    {
        if (_otherFileKeys is not null && _otherFileKeys.TryGetValue(path, out span))
        {
            return true;
        }
        if (_positions.TryGetValue(path, out var positions) && positions.HasKey)
        {
            span = new SourceSpan(File, positions.KeyStart, positions.KeyEnd);
            return true;
        }
        span = default;
        return false;
    }

    /// <summary>The span at <paramref name="path"/>, else at its nearest ancestor that was in the input.</summary>
    public SourceSpan? Locate(string path)
    {
        for (var p = (string?)path; p is not null; p = OscPath.Parent(p))
        {
            if (TryGetValue(p, out var span))
            {
                return span;
            }
        }
        return null;
    }

    /// <summary>The key's span for a mapping entry (where "unknown field" points), else <see cref="Locate"/>.</summary>
    public SourceSpan? LocateKey(string path) => TryGetKey(path, out var span) ? span : Locate(path);

    /// <summary>One string per distinct path in a load (the pool is the loader's and goes with it).</summary>
    private string Shared(string path)
    {
        if (_pathPool is null)
        {
            return path;
        }
        if (_pathPool.TryGetValue(path, out var shared))
        {
            return shared;
        }
        _pathPool[path] = path;
        return path;
    }

    private readonly record struct Positions(SourcePosition ValueStart, SourcePosition ValueEnd, SourcePosition KeyStart, SourcePosition KeyEnd, bool HasValue, bool HasKey);
}
