// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Osc.Renderers.Toml;

/// <summary>
/// Writes a <see cref="ConfigTable"/> byte for byte as gardener-node-agent's encoder (go-toml
/// v1.9.5) does: in each table the plain keys first, sorted, then sub-tables and table arrays,
/// sorted; every header preceded by an empty line and indented two spaces per level; strings
/// always basic strings; integral floats with ".0". Where go-toml writes invalid TOML (raw U+001F
/// or U+007F, code points above U+FFFF truncated), this writer escapes correctly and says so.
/// </summary>
internal sealed class GoTomlWriter
{
    private readonly StringBuilder _out = new();

    /// <summary>Characters written differently from go-toml v1 (only on input it would corrupt).</summary>
    public List<string> Deviations { get; } = [];

    public static string Write(ConfigTable root, List<string>? deviations = null)
    {
        var writer = new GoTomlWriter();
        writer.WriteTable(root, []);
        deviations?.AddRange(writer.Deviations);
        return writer._out.ToString();
    }

    private void WriteTable(ConfigTable table, List<string> path)
    {
        var indent = new string(' ', 2 * path.Count);
        foreach (var (key, value) in table.Where(e => e.Value is not ConfigTable and not TableArray))
        {
            _out.Append(indent).Append(Key(key)).Append(" = ").Append(Value(value)).Append('\n');
        }
        var headerIndent = new string(' ', 2 * path.Count);
        foreach (var (key, value) in table.Where(e => e.Value is ConfigTable or TableArray))
        {
            path.Add(key);
            var header = string.Join('.', path.Select(Key));
            if (value is ConfigTable child)
            {
                _out.Append('\n').Append(headerIndent).Append('[').Append(header).Append("]\n");
                WriteTable(child, path);
            }
            else
            {
                foreach (var item in (TableArray)value)
                {
                    _out.Append('\n').Append(headerIndent).Append("[[").Append(header).Append("]]\n");
                    WriteTable(item, path);
                }
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    private string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : "\"" + Escape(key) + "\"";

    private string Value(object value) => value switch
    {
        string s => "\"" + Escape(s) + "\"",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        TomlDateTimeText t => t.Text,
        List<object> items => "[" + string.Join(", ", items.Select(InlineValue)) + "]",
        _ => throw new InvalidOperationException("cannot write " + value.GetType().Name + " as a TOML value"),
    };

    /// <summary>Inside arrays, tables are inline tables: <c>{ a = 1.0, b = "x" }</c>.</summary>
    private string InlineValue(object value) => value switch
    {
        ConfigTable table when table.Count == 0 => "{}",
        ConfigTable table => "{ " + string.Join(", ", table.Select(e => Key(e.Key) + " = " + InlineValue(e.Value))) + " }",
        TableArray tables => "[" + string.Join(", ", tables.Select(InlineValue)) + "]",
        _ => Value(value),
    };

    /// <summary>go-toml v1: NaN and infinities by name, integral values with one decimal, others in shortest plain form.</summary>
    internal static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        if (Math.Truncate(value) == value)
        {
            return value.ToString("F1", CultureInfo.InvariantCulture);
        }
        return PlainDecimal(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Turns a shortest round-trip form such as <c>1E-05</c> into Go's 'f' form <c>0.00001</c>.</summary>
    private static string PlainDecimal(string roundTrip)
    {
        var e = roundTrip.IndexOfAny(['E', 'e']);
        if (e < 0)
        {
            return roundTrip;
        }
        var mantissa = roundTrip[..e];
        var exponent = int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var negative = mantissa.StartsWith('-');
        mantissa = mantissa.TrimStart('-');
        var dot = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var pointAt = (dot < 0 ? mantissa.Length : dot) + exponent;
        string result;
        if (pointAt <= 0)
        {
            result = "0." + new string('0', -pointAt) + digits;
        }
        else if (pointAt >= digits.Length)
        {
            result = digits + new string('0', pointAt - digits.Length);
        }
        else
        {
            result = digits[..pointAt] + "." + digits[pointAt..];
        }
        return (negative ? "-" : "") + result;
    }

    private string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case < 0x1F:
                    builder.Append("\\u").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
                    break;
                case 0x1F or 0x7F:
                    // go-toml v1 writes these raw, which no TOML reader accepts.
                    Deviations.Add($"U+{rune.Value:X4} escaped as \\u{rune.Value:X4}; go-toml v1 writes it raw, which is invalid TOML");
                    builder.Append("\\u").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
                    break;
                case > 0xFFFF when (rune.Value & 0xFFFF) < 0x1F:
                    // go-toml v1 truncates to 16 bits and writes \u00XX: the character would be lost.
                    Deviations.Add($"U+{rune.Value:X} kept; go-toml v1 truncates it to \\u{rune.Value & 0xFFFF:X4}");
                    builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
                    break;
                default:
                    builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
                    break;
            }
        }
        return builder.ToString();
    }
}
