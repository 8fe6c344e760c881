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
/// (json). Colour only on a terminal and never with NO_COLOR. In text, every piece that can carry
/// input (the path, the message, the file name, the source line, the hint) is escaped for the
/// terminal (<see cref="TerminalText"/>); JSON carries the exact values.
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
        var path = diagnostic.Path is null ? "" : " " + TerminalText.Escape(diagnostic.Path);
        _writer.WriteLine($"{severity}{Paint($"[{diagnostic.Code}]", "1")}{path}: {TerminalText.Escape(diagnostic.Message)}");
        if (diagnostic.Span is { } span)
        {
            _writer.WriteLine($"  --> {TerminalText.Escape(span.ToString())}");
            if (_sources.TryGetValue(span.File, out var lines) && span.Start.Line >= 1 && span.Start.Line <= lines.Length)
            {
                var number = span.Start.Line.ToString(CultureInfo.InvariantCulture);
                var gutter = new string(' ', number.Length);
                var source = lines[span.Start.Line - 1];
                var line = TerminalText.EscapeLine(source, out var columns);
                // The span counts columns in the source line; escapes widen it, so place the caret by the column map.
                var startColumn = Math.Clamp(span.Start.Column, 1, source.Length + 1);
                var endColumn = span.End.Line == span.Start.Line ? Math.Clamp(span.End.Column, startColumn, source.Length + 1) : source.Length + 1;
                var caretStart = columns[startColumn - 1];
                var width = Math.Max(1, columns[endColumn - 1] - caretStart);
                _writer.WriteLine($"{gutter} |");
                _writer.WriteLine($"{number} | {line}");
                _writer.WriteLine($"{gutter} | {new string(' ', caretStart)}{Paint(new string('^', width), "1;31")}");
            }
        }
        if (diagnostic.Hint is { } hint)
        {
            _writer.WriteLine($"  = hint: {TerminalText.Escape(hint)}");
        }
        _writer.WriteLine();
    }

    public void WriteJson(OscDiagnostic diagnostic) =>
        _writer.WriteLine(JsonLine.Write(json =>
        {
            json.WriteString("code", diagnostic.Code);
            json.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
            JsonLine.WriteNullable(json, "path", diagnostic.Path);
            JsonLine.WriteLocation(json, diagnostic.Span);
            json.WriteString("message", diagnostic.Message);
            JsonLine.WriteNullable(json, "hint", diagnostic.Hint);
        }));

    private string Paint(string text, string ansi) => _color ? $"\u001b[{ansi}m{text}\u001b[0m" : text;

    /// <summary>
    /// The lines of an input as its reader numbers them: LF, CRLF and a CR alone end a line, and in
    /// YAML also NEL, U+2028 and U+2029 (YamlDotNet counts them; JSON does not).
    /// </summary>
    public static string[] SourceLines(string text)
    {
        var json = text.TrimStart(' ', '\t', '\r', '\n', '\uFEFF') is { Length: > 0 } t && t[0] is '{' or '[';
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' || (!json && c is '\u0085' or '\u2028' or '\u2029'))
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.Add(text[start..]);
        return [.. lines];
    }
}
