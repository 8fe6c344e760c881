// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Syntax;

namespace Osc.Model.Diagnostics;

/// <summary>
/// The findings of loading, validating or rendering. Validators add to a report; they do not throw
/// for user error (Butane's report style).
/// </summary>
public sealed class Report
{
    private readonly List<OscDiagnostic> _items = [];
    private readonly HashSet<(string Code, string? Path, string Message, SourceSpan? Span)> _seen = [];
    private readonly DocumentScopes _scopes = new();

    public IReadOnlyList<OscDiagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public int ErrorCount => _items.Count(d => d.Severity == Severity.Error);

    public int WarningCount => _items.Count(d => d.Severity == Severity.Warning);

    /// <summary>Adds a finding of <paramref name="descriptor"/>; an identical finding at the same place is kept once.</summary>
    public OscDiagnostic Add(DiagnosticDescriptor descriptor, string message, string? path, SourceSpan? span, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var diagnostic = Qualified(new OscDiagnostic(descriptor.Code, descriptor.Severity, message, path, span, hint));
        AddAsLocated(diagnostic);
        return diagnostic;
    }

    public void Add(OscDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        AddAsLocated(Qualified(diagnostic));
    }

    /// <summary>A finding inside an item of a List gets the item's place in its file (<c>$.items[3].spec…</c>).</summary>
    private OscDiagnostic Qualified(OscDiagnostic diagnostic) =>
        diagnostic.Path is { } path && diagnostic.Span is { } span && _scopes.RootAt(span) is { } root
            ? diagnostic with { Path = OscPath.Rebase(path, root) }
            : diagnostic;

    /// <summary>Adds a finding whose path is already the file's own (the List reader's findings about items).</summary>
    internal void AddAsLocated(OscDiagnostic diagnostic)
    {
        // The same finding at the same place is kept once (validation may run again before rendering);
        // the same words about another document or file are a finding of their own.
        if (_seen.Add((diagnostic.Code, diagnostic.Path, diagnostic.Message, diagnostic.Span)))
        {
            _items.Add(diagnostic);
        }
    }

    public void AddRange(IEnumerable<OscDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }

    /// <summary>True when an error was reported at <paramref name="path"/> or below it in <paramref name="document"/>.</summary>
    public bool HasErrorAt(string path, SourceMap document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(path);
        var full = OscPath.Rebase(path, document.RootPath);
        // One report holds the findings of every document; a finding belongs to this one when it sits where this document has its path.
        return _items.Any(d => d.Severity == Severity.Error && d.Path is { } p
            && (p == full || p.StartsWith(full + ".", StringComparison.Ordinal) || p.StartsWith(full + "[", StringComparison.Ordinal))
            && d.Span == document.Locate(OscPath.Unbase(p, document.RootPath)!));
    }

    /// <summary>
    /// Declares that findings located inside <paramref name="span"/> belong to a document standing at
    /// <paramref name="rootPath"/> of its file (an item of a List), so their paths are shown from the file's root.
    /// </summary>
    internal void AddDocumentScope(SourceSpan span, string rootPath)
    {
        if (rootPath != OscPath.Root)
        {
            _scopes.Add(span, rootPath);
        }
    }

    /// <summary>The findings in a stable order: by file, line, column, then code.</summary>
    public IReadOnlyList<OscDiagnostic> Sorted() => _items
        .Select((d, i) => (d, i))
        .OrderBy(x => x.d.Span?.File ?? "", StringComparer.Ordinal)
        .ThenBy(x => x.d.Span?.Start.Line ?? 0)
        .ThenBy(x => x.d.Span?.Start.Column ?? 0)
        .ThenBy(x => x.i)
        .Select(x => x.d)
        .ToList();

    /// <summary>A copy in which every warning is an error (<c>--strict</c>).</summary>
    public Report AsStrict()
    {
        var strict = new Report();
        foreach (var d in _items)
        {
            strict.Add(d.Severity == Severity.Warning ? d with { Severity = Severity.Error } : d);
        }
        return strict;
    }

    /// <summary>
    /// The regions of files that hold List items, each with the item's root path. Items of one file do
    /// not overlap (a List inside a List contributes its leaf items only), so the region holding a
    /// position is found by binary search over the regions sorted by start.
    /// </summary>
    private sealed class DocumentScopes
    {
        private readonly Dictionary<string, List<(SourcePosition Start, SourcePosition End, string Root)>> _byFile = new(StringComparer.Ordinal);
        private readonly HashSet<string> _unsorted = new(StringComparer.Ordinal);

        public void Add(SourceSpan span, string root)
        {
            if (!_byFile.TryGetValue(span.File, out var scopes))
            {
                _byFile[span.File] = scopes = [];
            }
            if (scopes.Count > 0 && Compare(scopes[^1].Start, span.Start) > 0)
            {
                _unsorted.Add(span.File);
            }
            scopes.Add((span.Start, span.End, root));
        }

        public string? RootAt(SourceSpan span)
        {
            if (!_byFile.TryGetValue(span.File, out var scopes))
            {
                return null;
            }
            if (_unsorted.Remove(span.File))
            {
                // A stable sort: an item repeated by a YAML alias keeps the place it was first read at.
                var sorted = scopes.Select((s, i) => (s, i)).OrderBy(x => x.s.Start.Line).ThenBy(x => x.s.Start.Column).ThenBy(x => x.i).Select(x => x.s).ToList();
                scopes.Clear();
                scopes.AddRange(sorted);
            }
            // The last region starting at or before the position.
            int low = 0, high = scopes.Count - 1, found = -1;
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                if (Compare(scopes[middle].Start, span.Start) <= 0)
                {
                    found = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return found >= 0 && Compare(span.Start, scopes[found].End) <= 0 ? scopes[found].Root : null;
        }

        private static int Compare(SourcePosition a, SourcePosition b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
    }
}
