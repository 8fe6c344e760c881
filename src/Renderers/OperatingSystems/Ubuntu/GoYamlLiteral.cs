// SPDX-License-Identifier: Apache-2.0
using System;
using System.Globalization;
using System.Text;

namespace Osc.Renderers.OperatingSystems.Ubuntu;

/// <summary>
/// Multi-line strings as sigs.k8s.io/yaml (go-yaml v2) writes them inside a sequence item: a
/// literal block ("|", or "|-"/"|+" by the trailing line breaks) indented four spaces, or, for text
/// go-yaml will not put in a block, a double-quoted scalar. go-yaml and cloud-init's PyYAML read
/// YAML 1.1, where U+0085, U+2028 and U+2029 break lines like CR and LF: inside a literal go-yaml
/// indents the line after each of them, which keeps it in the block. Where go-yaml would quote only
/// for tabs or trailing spaces Osc keeps the literal, which holds the same text
/// (<see cref="GoYamlWouldQuote"/>); text a literal cannot carry for PyYAML is double-quoted.
/// </summary>
internal static class GoYamlLiteral
{
    /// <summary>go-yaml's default line width: a double-quoted scalar is folded at a space past this column.</summary>
    private const int BestWidth = 80;

    /// <summary>go-yaml's indentation step, which it writes as the indentation indicator.</summary>
    private const int BestIndent = 2;

    /// <summary>The line breaks of YAML 1.1 (go-yaml v2, PyYAML).</summary>
    public static bool IsBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>
    /// True where go-yaml would write a double-quoted scalar but the literal holds the same text: a
    /// tab, or a space before a line break or at the end.
    /// </summary>
    public static bool GoYamlWouldQuote(string text) =>
        text.Contains('\t', StringComparison.Ordinal) || text.Contains(" \n", StringComparison.Ordinal)
        || text.Contains(" \u2028", StringComparison.Ordinal) || text.Contains(" \u2029", StringComparison.Ordinal) || text.EndsWith(' ');

    /// <summary>
    /// True when a literal block cannot hold <paramref name="text"/> for PyYAML: CR and U+0085 would be
    /// read as line feeds, and other control characters (but tab and LF), U+FFFE and U+FFFF make
    /// PyYAML reject the whole user-data. go-yaml writes such text double-quoted too.
    /// </summary>
    public static bool LiteralCannotCarry(string text)
    {
        foreach (var c in text)
        {
            if ((c < 0x20 && c is not '\t' and not '\n') || (c >= 0x7F && c <= 0x9F) || c is '\uFFFE' or '\uFFFF')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>"|" and the lines, for a value under a key of a sequence item ("- key: |").</summary>
    public static string Block(string text, int indent) => AppendBlock(new StringBuilder(BlockCapacity(text, indent)), text, indent).ToString();

    /// <summary>An upper bound of the block's length (each line indented), so a builder need not grow.</summary>
    public static int BlockCapacity(string text, int indent)
    {
        var span = text.AsSpan();
        return text.Length + (span.Count('\n') + span.Count('\u2028') + span.Count('\u2029') + 1) * indent + 8;
    }

    /// <summary>
    /// <see cref="Block"/>, written into <paramref name="builder"/> (the user-data's own builder: no copy
    /// of the script). As go-yaml: each line break is copied (LF as a new line), and the indentation
    /// goes before the first character that follows one, so empty lines carry no spaces.
    /// </summary>
    public static StringBuilder AppendBlock(StringBuilder builder, string text, int indent)
    {
        builder.Append('|');
        // An indentation indicator when the text starts with a space or a break; go-yaml writes its step (2), relative to the mapping.
        if (text.Length > 0 && (text[0] == ' ' || IsBreak(text[0])))
        {
            builder.Append((char)('0' + BestIndent));
        }
        builder.Append(Chomping(text)).Append('\n');
        var atLineStart = true;
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            // Runs of text between breaks are copied whole (no per-character appends).
            var end = rest.IndexOfAny('\n', '\u2028', '\u2029');
            var run = end < 0 ? rest : rest[..end];
            if (run.Length > 0)
            {
                if (atLineStart)
                {
                    builder.Append(' ', indent);
                }
                builder.Append(run);
                atLineStart = false;
            }
            if (end < 0)
            {
                break;
            }
            builder.Append(rest[end]);
            atLineStart = true;
            rest = rest[(end + 1)..];
        }
        // go-yaml ends a block with a line break of its own unless the text did.
        if (text.Length > 0 && !IsBreak(text[^1]))
        {
            builder.Append('\n');
        }
        return builder;
    }

    /// <summary>go-yaml's chomping indicator: "-" without a final break, "+" with two (or a lone one), none (clip) with one.</summary>
    private static string Chomping(string text)
    {
        if (text.Length == 0 || !IsBreak(text[^1]))
        {
            return "-";
        }
        return text.Length == 1 || IsBreak(text[^2]) ? "+" : "";
    }

    /// <summary>
    /// A double-quoted scalar as go-yaml v2 writes one that follows "- key: " (its opening quote at
    /// <paramref name="column"/>): every character go-yaml does not print escaped (\n, \t, \N, \L, \P,
    /// \xXX, \uXXXX, \UXXXXXXXX, …), and with <paramref name="allowBreaks"/> folded at a space past
    /// column 80 onto a line indented <paramref name="indent"/>. PyYAML reads back exactly the text.
    /// </summary>
    public static StringBuilder AppendDoubleQuoted(StringBuilder builder, string text, int column, int indent, bool allowBreaks = true)
    {
        builder.Append('"');
        column++;
        // go-yaml's BOM test looks at the start of the value, not at the current character.
        var escapeAll = text.Length > 0 && text[0] == '\uFEFF';
        var afterSpace = false;
        Span<char> encoded = stackalloc char[2];
        for (var i = 0; i < text.Length;)
        {
            // A lone surrogate is written as U+FFFD, as the UTF-8 output would hold it.
            _ = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            var value = rune.Value;
            if (escapeAll || !IsGoYamlPrintable(value) || value is '\n' or '\r' or 0x85 or 0x2028 or 0x2029 or '"' or '\\')
            {
                column += AppendEscape(builder, value);
                afterSpace = false;
            }
            else if (value == ' ')
            {
                if (allowBreaks && !afterSpace && column > BestWidth && i > 0 && i < text.Length - 1)
                {
                    // The fold reads as this space; a following space is escaped so the fold does not eat it.
                    builder.Append('\n').Append(' ', indent);
                    column = indent;
                    if (text[i + 1] == ' ')
                    {
                        builder.Append('\\');
                        column++;
                    }
                }
                else
                {
                    builder.Append(' ');
                    column++;
                }
                afterSpace = true;
            }
            else
            {
                builder.Append(encoded[..rune.EncodeToUtf16(encoded)]);
                column++;
                afterSpace = false;
            }
            i += used;
        }
        return builder.Append('"');
    }

    /// <summary>go-yaml v2's is_printable: LF, printable ASCII, U+00A0–U+D7FF, U+E000–U+FFFD but the BOM; nothing beyond the BMP.</summary>
    private static bool IsGoYamlPrintable(int value) =>
        value == '\n' || (value >= 0x20 && value <= 0x7E) || (value >= 0xA0 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD && value != 0xFEFF);

    /// <summary>Writes go-yaml's escape for <paramref name="value"/>; returns its width in columns.</summary>
    private static int AppendEscape(StringBuilder builder, int value)
    {
        builder.Append('\\');
        var letter = value switch
        {
            0x00 => '0',
            0x07 => 'a',
            0x08 => 'b',
            0x09 => 't',
            0x0A => 'n',
            0x0B => 'v',
            0x0C => 'f',
            0x0D => 'r',
            0x1B => 'e',
            0x22 => '"',
            0x5C => '\\',
            0x85 => 'N',
            0xA0 => '_',
            0x2028 => 'L',
            0x2029 => 'P',
            _ => '\0',
        };
        if (letter != '\0')
        {
            builder.Append(letter);
            return 2;
        }
        var (prefix, digits) = value <= 0xFF ? ('x', 2) : value <= 0xFFFF ? ('u', 4) : ('U', 8);
        builder.Append(prefix).Append(value.ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        return 2 + digits;
    }
}
