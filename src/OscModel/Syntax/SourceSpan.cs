// SPDX-License-Identifier: Apache-2.0
namespace Osc.Model.Syntax;

/// <summary>A 1-based line and column in an input file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A region of an input file; <see cref="End"/> is exclusive.</summary>
public readonly record struct SourceSpan(string File, SourcePosition Start, SourcePosition End)
{
    /// <summary><c>file:line:col</c>, the form editors and terminals link.</summary>
    public override string ToString() => $"{File}:{Start.Line}:{Start.Column}";
}
