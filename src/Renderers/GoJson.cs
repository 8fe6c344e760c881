// SPDX-License-Identifier: Apache-2.0
using System;
using System.Text;

namespace Osc.Renderers;

/// <summary>Strings as Go's encoding/json writes them: &lt; &gt; &amp; U+2028 U+2029 and control characters as lowercase \u escapes.</summary>
internal static class GoJson
{
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < 0x20 or '<' or '>' or '&' or 0x2028 or 0x2029:
                    builder.Append("\\u").Append(rune.Value.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(utf16[..rune.EncodeToUtf16(utf16)]); break;
            }
        }
        return builder.Append('"').ToString();
    }
}
