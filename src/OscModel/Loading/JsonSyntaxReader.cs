// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Model.Loading;

/// <summary>
/// Reads JSON input into the same positioned tree as YAML. JSON gets its own reader because YAML
/// parsers reject things JSON allows (tab indentation), and because errors should speak JSON.
/// Strings become double-quoted scalars; numbers, booleans and null become plain scalars.
/// </summary>
internal sealed class JsonSyntaxReader
{
    private readonly string _file;
    private readonly byte[] _utf8;
    private readonly Report _report;
    private readonly LoadLimits _limits;
    // Where lines start as the YAML reader counts them (LF, CRLF, or a CR alone), and as System.Text.Json
    // counts them in its exceptions (LF only).
    private readonly List<int> _lineStarts = [0];
    private readonly List<int> _lfLineStarts = [0];
    private long _nodes;

    private JsonSyntaxReader(string file, string text, Report report, LoadLimits limits)
    {
        _file = file;
        _utf8 = Encoding.UTF8.GetBytes(text);
        _report = report;
        _limits = limits;
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (_utf8[i] == '\n')
            {
                _lineStarts.Add(i + 1);
                _lfLineStarts.Add(i + 1);
            }
            else if (_utf8[i] == '\r' && (i + 1 == _utf8.Length || _utf8[i + 1] != '\n'))
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public static List<YamlDocumentSource> Read(string file, string text, Report report, LoadLimits limits) =>
        new JsonSyntaxReader(file, text, report, limits).Read();

    private List<YamlDocumentSource> Read()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = _limits.MaxDepth + 1,
        });
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, OscPath.Root, 1);
            if (reader.Read())
            {
                _report.Add(DiagnosticCatalog.YamlSyntax, "unexpected text after the JSON value", null, At(reader.TokenStartIndex),
                    "a JSON input holds one value; use YAML with --- to give several documents");
                return [];
            }
            return [new YamlDocumentSource(_file, 0, root)];
        }
        catch (LoadAbortedException)
        {
            return [];
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var offset = _lfLineStarts[Math.Min(line - 1, _lfLineStarts.Count - 1)] + (int)(ex.BytePositionInLine ?? 0);
            var message = ex.Message;
            // System.Text.Json appends its position and advice about its own reader options; the diagnostic gives the position.
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            var advice = message.IndexOf(" Change the reader options", StringComparison.Ordinal);
            cut = advice > 0 && (cut < 0 || advice < cut) ? advice : cut;
            _report.Add(DiagnosticCatalog.YamlSyntax, "JSON syntax error: " + (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ').Replace(" in this mode", "", StringComparison.Ordinal), null, At(offset),
                "JSON needs double-quoted names and strings, commas between items and none after the last");
            return [];
        }
    }

    private YamlNode ReadValue(ref Utf8JsonReader reader, string path, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            _report.Add(DiagnosticCatalog.NestingTooDeep, $"the input nests deeper than {_limits.MaxDepth} levels", path, At(reader.TokenStartIndex),
                "flatten the document; no OperatingSystemConfig needs this depth");
            throw new LoadAbortedException();
        }
        if (++_nodes > _limits.MaxNodes)
        {
            _report.Add(DiagnosticCatalog.AliasExpansionLimit, $"the document has more than {_limits.MaxNodes} nodes", path, At(reader.TokenStartIndex),
                "split the input");
            throw new LoadAbortedException();
        }
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<YamlMappingEntry>();
                var keys = new Dictionary<string, int>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyStart = (int)reader.TokenStartIndex;
                    var name = StringValue(ref reader, path);
                    var key = new YamlScalar(name, Syntax.ScalarStyle.DoubleQuoted, Span(keyStart, TokenEnd(ref reader)));
                    if (keys.TryGetValue(name, out var firstLine))
                    {
                        _report.Add(DiagnosticCatalog.DuplicateKey, $"key '{name}' appears twice in this object (first on line {firstLine})",
                            OscPath.Property(path, name), key.Span, "keep one of them; Kubernetes rejects duplicate fields");
                        throw new LoadAbortedException();
                    }
                    keys[name] = key.Span.Start.Line;
                    reader.Read();
                    entries.Add(new YamlMappingEntry(key, ReadValue(ref reader, OscPath.Property(path, name), depth + 1)));
                }
                return new YamlMapping(entries, Span(start, (int)reader.TokenStartIndex + 1));
            case JsonTokenType.StartArray:
                var items = new List<YamlNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, OscPath.Index(path, items.Count), depth + 1));
                }
                return new YamlSequence(items, Span(start, (int)reader.TokenStartIndex + 1));
            case JsonTokenType.String:
                return new YamlScalar(StringValue(ref reader, path), Syntax.ScalarStyle.DoubleQuoted, Span(start, TokenEnd(ref reader)));
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                var literal = Encoding.UTF8.GetString(reader.ValueSpan);
                return new YamlScalar(literal, Syntax.ScalarStyle.Plain, Span(start, TokenEnd(ref reader)));
            default:
                throw new JsonException($"unexpected {reader.TokenType}", null, null, null);
        }
    }

    /// <summary>A string or property name; an escape that is half a surrogate pair (<c>"\udc00"</c>) is reported, as the YAML reader reports it.</summary>
    private string StringValue(ref Utf8JsonReader reader, string path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            _report.Add(DiagnosticCatalog.YamlSyntax, "JSON string holds an invalid Unicode surrogate escape (half of a pair, such as \\udc00)", path,
                Span((int)reader.TokenStartIndex, TokenEnd(ref reader)),
                "a \\ud800-\\udbff escape must be followed by a \\udc00-\\udfff one; or write the character itself");
            throw new LoadAbortedException();
        }
    }

    private static int TokenEnd(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        var quotes = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 2 : 0;
        return (int)reader.TokenStartIndex + length + quotes;
    }

    private SourceSpan Span(int start, int end) => new(_file, Position(start), Position(end));

    private SourceSpan At(long offset) => Span((int)offset, (int)offset + 1);

    /// <summary>1-based line and column (in UTF-16 units, as for YAML) of a byte offset.</summary>
    private SourcePosition Position(int offset)
    {
        offset = Math.Clamp(offset, 0, _utf8.Length);
        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        var lineStart = _lineStarts[line];
        var column = Encoding.UTF8.GetCharCount(_utf8, lineStart, offset - lineStart) + 1;
        return new SourcePosition(line + 1, column);
    }
}
