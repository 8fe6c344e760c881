// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Osc.Generator.Helpers;

/// <summary>
/// A small JSON reader for schema files that keeps each value's position, so schema errors are
/// reported at their line in the schema. Dependency-free: a generator cannot rely on the host's
/// System.Text.Json version.
/// </summary>
internal abstract class JsonValueNode
{
    public int Offset { get; set; }

    public int Length { get; set; }

    public int Line { get; set; }

    public int Column { get; set; }
}

internal sealed class JsonObjectNode : JsonValueNode
{
    public List<KeyValuePair<string, JsonValueNode>> Members { get; } = new();

    public JsonValueNode? Get(string key)
    {
        foreach (var member in Members)
        {
            if (member.Key == key)
            {
                return member.Value;
            }
        }
        return null;
    }
}

internal sealed class JsonArrayNode : JsonValueNode
{
    public List<JsonValueNode> Items { get; } = new();
}

internal sealed class JsonStringNode : JsonValueNode
{
    public JsonStringNode(string value)
    {
        Value = value;
    }

    public string Value { get; }
}

internal sealed class JsonLiteralNode : JsonValueNode
{
    public JsonLiteralNode(string text)
    {
        Text = text;
    }

    /// <summary>The literal as written: a number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    public string Text { get; }
}

/// <summary>Thrown for malformed JSON; carries the 0-based position.</summary>
internal sealed class SchemaJsonException : Exception
{
    public SchemaJsonException(string message, int offset, int line, int column) : base(message)
    {
        Offset = offset;
        Line = line;
        Column = column;
    }

    public int Offset { get; }

    public int Line { get; }

    public int Column { get; }
}

internal sealed class SchemaJsonReader
{
    private const int MaxDepth = 128;
    private readonly string _text;
    private int _pos;
    private int _line;
    private int _lineStart;
    private int _depth;

    private SchemaJsonReader(string text)
    {
        _text = text;
    }

    public static JsonValueNode Parse(string text)
    {
        var reader = new SchemaJsonReader(text);
        reader.SkipWhitespace();
        var value = reader.ReadValue();
        reader.SkipWhitespace();
        if (reader._pos != text.Length)
        {
            throw reader.Error("unexpected text after the JSON value");
        }
        return value;
    }

    private SchemaJsonException Error(string message) => new(message, _pos, _line, _pos - _lineStart);

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c == ' ' || c == '\t' || c == '\r' || (c == '\uFEFF' && _pos == 0))
            {
                _pos++;
            }
            else
            {
                break;
            }
        }
    }

    private JsonValueNode ReadValue()
    {
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of the file");
        }
        var start = _pos;
        var line = _line;
        var column = _pos - _lineStart;
        JsonValueNode node = _text[_pos] switch
        {
            '{' => ReadObject(),
            '[' => ReadArray(),
            '"' => new JsonStringNode(ReadString()),
            _ => ReadLiteral(),
        };
        node.Offset = start;
        node.Length = _pos - start;
        node.Line = line;
        node.Column = column;
        return node;
    }

    private JsonObjectNode ReadObject()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("nesting is deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture));
        }
        var node = new JsonObjectNode();
        _pos++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return node;
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a property name in double quotes");
            }
            var key = ReadString();
            SkipWhitespace();
            Expect(':');
            SkipWhitespace();
            node.Members.Add(new KeyValuePair<string, JsonValueNode>(key, ReadValue()));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }
            Expect('}');
            _depth--;
            return node;
        }
    }

    private JsonArrayNode ReadArray()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("nesting is deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture));
        }
        var node = new JsonArrayNode();
        _pos++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return node;
        }
        while (true)
        {
            SkipWhitespace();
            node.Items.Add(ReadValue());
            SkipWhitespace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }
            Expect(']');
            _depth--;
            return node;
        }
    }

    private string ReadString()
    {
        _pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated string");
            }
            var c = _text[_pos++];
            if (c == '"')
            {
                return builder.ToString();
            }
            if (c < 0x20)
            {
                _pos--;
                throw Error("control character in a string");
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (_pos >= _text.Length)
            {
                throw Error("unterminated escape");
            }
            var escape = _text[_pos++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("invalid \\u escape");
                    }
                    builder.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    _pos--;
                    throw Error("invalid escape '\\" + escape + "'");
            }
        }
    }

    private JsonLiteralNode ReadLiteral()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '-' || _text[_pos] == '+' || _text[_pos] == '.'))
        {
            _pos++;
        }
        var text = _text.Substring(start, _pos - start);
        if (text == "true" || text == "false" || text == "null" || IsNumber(text))
        {
            return new JsonLiteralNode(text);
        }
        _pos = start;
        throw Error(text.Length == 0 ? "unexpected character '" + _text[_pos] + "'" : "invalid value '" + text + "'");
    }

    private static bool IsNumber(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-')
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error("expected '" + c + "'");
        }
        _pos++;
    }
}
