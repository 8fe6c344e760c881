// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Osc.Model.Diagnostics;

namespace Osc.Cli;

/// <summary>
/// Prints diagnostics: a located, rustc-like block per finding (text), or one JSON object per line
/// (json). Colour only on a terminal and never with NO_COLOR.
/// </summary>
internal sealed class DiagnosticPrinter
{
    private readonly TextWriter _writer;
    private readonly bool _color;
    private readonly IReadOnlyDictionary<string, string[]> _sources;

    public DiagnosticPrinter(TextWriter writer, bool color, IReadOnlyDictionary<string, string[]> sources)
    {
        _writer = writer;
        _color = color;
        _sources = sources;
    }

    public void WriteText(OscDiagnostic diagnostic)
    {
        var severity = diagnostic.Severity switch
        {
            Severity.Error => Paint("error", "1;31"),
            Severity.Warning => Paint("warning", "1;33"),
            _ => Paint("info", "1;36"),
        };
        var path = diagnostic.Path is null ? "" : " " + diagnostic.Path;
        _writer.WriteLine($"{severity}{Paint($"[{diagnostic.Code}]", "1")}{path}: {diagnostic.Message}");
        if (diagnostic.Span is { } span)
        {
            _writer.WriteLine($"  --> {span}");
            if (_sources.TryGetValue(span.File, out var lines) && span.Start.Line >= 1 && span.Start.Line <= lines.Length)
            {
                var number = span.Start.Line.ToString(CultureInfo.InvariantCulture);
                var gutter = new string(' ', number.Length);
                var line = Printable(lines[span.Start.Line - 1]);
                var column = Math.Clamp(span.Start.Column, 1, line.Length + 1);
                var width = span.End.Line == span.Start.Line ? Math.Max(1, span.End.Column - span.Start.Column) : Math.Max(1, line.Length - column + 1);
                width = Math.Min(width, Math.Max(1, line.Length - column + 1));
                _writer.WriteLine($"{gutter} |");
                _writer.WriteLine($"{number} | {line}");
                _writer.WriteLine($"{gutter} | {new string(' ', column - 1)}{Paint(new string('^', width), "1;31")}");
            }
        }
        if (diagnostic.Hint is { } hint)
        {
            _writer.WriteLine($"  = hint: {hint}");
        }
        _writer.WriteLine();
    }

    public void WriteJson(OscDiagnostic diagnostic)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("code", diagnostic.Code);
            json.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
            WriteNullable(json, "path", diagnostic.Path);
            WriteNullable(json, "file", diagnostic.Span?.File);
            if (diagnostic.Span is { } span)
            {
                json.WriteNumber("line", span.Start.Line);
                json.WriteNumber("column", span.Start.Column);
            }
            else
            {
                json.WriteNull("line");
                json.WriteNull("column");
            }
            json.WriteString("message", diagnostic.Message);
            WriteNullable(json, "hint", diagnostic.Hint);
            json.WriteEndObject();
        }
        _writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private string Paint(string text, string ansi) => _color ? $"\u001b[{ansi}m{text}\u001b[0m" : text;

    /// <summary>A source line as it may be shown on a terminal: tabs as one space, control characters as '?'.</summary>
    private static string Printable(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line.TrimEnd('\r'))
        {
            builder.Append(c == '\t' ? ' ' : char.IsControl(c) ? '?' : c);
        }
        return builder.ToString();
    }
}
