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

    public IReadOnlyList<OscDiagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public int ErrorCount => _items.Count(d => d.Severity == Severity.Error);

    public int WarningCount => _items.Count(d => d.Severity == Severity.Warning);

    /// <summary>Adds a finding of <paramref name="descriptor"/>; an identical finding at the same place is kept once.</summary>
    public OscDiagnostic Add(DiagnosticDescriptor descriptor, string message, string? path, SourceSpan? span, string? hint = null)
    {
        var diagnostic = new OscDiagnostic(descriptor.Code, descriptor.Severity, message, path, span, hint);
        Add(diagnostic);
        return diagnostic;
    }

    public void Add(OscDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
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
        // One report holds the findings of every document; a finding belongs to this one when it sits where this document has its path.
        return _items.Any(d => d.Severity == Severity.Error && d.Path is { } p
            && (p == path || p.StartsWith(path + ".", StringComparison.Ordinal) || p.StartsWith(path + "[", StringComparison.Ordinal))
            && d.Span == document.Locate(p));
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
}
