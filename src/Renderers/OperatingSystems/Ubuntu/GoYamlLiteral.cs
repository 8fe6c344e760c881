// SPDX-License-Identifier: Apache-2.0
using System;
using System.Linq;
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
    public static bool GoYamlWouldQuote(string text) =>
        text.Contains('\t', StringComparison.Ordinal) || text.Split('\n').Any(line => line.EndsWith(' '));

    /// <summary>"|" and the lines, for a value under a key of a sequence item ("- key: |").</summary>
    public static string Block(string text, int indent)
    {
        var chomp = text.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : text.EndsWith('\n') ? "" : "-";
        var body = text.EndsWith('\n') ? text[..^1] : text;
        // An indentation indicator is needed when the first line starts with a space.
        var indicator = body.StartsWith(' ') ? indent.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var builder = new StringBuilder("|").Append(indicator).Append(chomp).Append('\n');
        var pad = new string(' ', indent);
        foreach (var line in body.Split('\n'))
        {
            builder.Append(line.Length == 0 ? "" : pad + line).Append('\n');
        }
        return builder.ToString();
    }
}
