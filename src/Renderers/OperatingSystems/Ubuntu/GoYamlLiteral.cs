// SPDX-License-Identifier: Apache-2.0
using System;
using System.Text;

namespace Osc.Renderers.OperatingSystems.Ubuntu;

/// <summary>
/// Multi-line strings as sigs.k8s.io/yaml (go-yaml v2) writes them inside a sequence item: a
/// literal block ("|", or "|-"/"|+" by the trailing newlines) indented four spaces. go-yaml picks a
/// double-quoted scalar instead when a line ends in a space or a tab appears; a literal block holds
/// the same text, so Osc keeps the literal and says so (<see cref="GoYamlWouldQuote"/>).
/// </summary>
internal static class GoYamlLiteral
{
    // A line ends in a space exactly when " \n" occurs or the text ends in a space; no split needed.
    public static bool GoYamlWouldQuote(string text) =>
        text.Contains('\t', StringComparison.Ordinal) || text.Contains(" \n", StringComparison.Ordinal) || text.EndsWith(' ');

    /// <summary>"|" and the lines, for a value under a key of a sequence item ("- key: |").</summary>
    public static string Block(string text, int indent) => AppendBlock(new StringBuilder(BlockCapacity(text, indent)), text, indent).ToString();

    /// <summary>An upper bound of the block's length (each line indented), so a builder need not grow.</summary>
    public static int BlockCapacity(string text, int indent) => text.Length + (text.AsSpan().Count('\n') + 1) * indent + 8;

    /// <summary><see cref="Block"/>, written into <paramref name="builder"/> (the user-data's own builder: no copy of the script).</summary>
    public static StringBuilder AppendBlock(StringBuilder builder, string text, int indent)
    {
        var chomp = text.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : text.EndsWith('\n') ? "" : "-";
        var body = text.EndsWith('\n') ? text[..^1] : text;
        // An indentation indicator is needed when the first line starts with a space.
        var indicator = body.StartsWith(' ') ? indent.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        builder.Append('|').Append(indicator).Append(chomp).Append('\n');
        // Line by line ('\n' only, as before) over spans: no string per line and no padded copy of it.
        var rest = body.AsSpan();
        while (true)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            if (line.Length > 0)
            {
                builder.Append(' ', indent).Append(line);
            }
            builder.Append('\n');
            if (end < 0)
            {
                return builder;
            }
            rest = rest[(end + 1)..];
        }
    }
}
