// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;

namespace Osc.Cli;

/// <summary>
/// Text from the input as it may be printed on a terminal: control characters (C0, DEL, C1), the
/// bidirectional formatting characters (Trojan Source) and the Unicode line separators become
/// visible escapes, so a value cannot move the cursor, clear the screen, recolour the output or
/// reorder what is shown. JSON output does not go through here: its own escaping is exact.
/// </summary>
internal static class TerminalText
{
    public static string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text, i))
        {
            i++;
        }
        if (i == text.Length)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            if (NeedsEscape(text, i))
            {
                AppendEscaped(builder, text[i]);
            }
            else
            {
                builder.Append(text[i]);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// A source line for the caret display: tabs become one space and other characters are escaped as
    /// in <see cref="Escape"/>; <paramref name="columns"/>[c - 1] is where the 1-based column c of the
    /// line starts in the result (one entry past the end for the end of the line).
    /// </summary>
    public static string EscapeLine(string line, out int[] columns)
    {
        columns = new int[line.Length + 1];
        var builder = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            columns[i] = builder.Length;
            if (line[i] == '\t')
            {
                builder.Append(' ');
            }
            else if (NeedsEscape(line, i))
            {
                AppendEscaped(builder, line[i]);
            }
            else
            {
                builder.Append(line[i]);
            }
        }
        columns[line.Length] = builder.Length;
        return builder.ToString();
    }

    private static bool NeedsEscape(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }
        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        }
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
            || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static void AppendEscaped(StringBuilder builder, char c)
    {
        _ = c switch
        {
            '\t' => builder.Append("\\t"),
            '\n' => builder.Append("\\n"),
            '\r' => builder.Append("\\r"),
            _ => builder.Append("\\u{").Append(((int)c).ToString("x", CultureInfo.InvariantCulture)).Append('}'),
        };
    }
}
