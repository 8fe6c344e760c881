// SPDX-License-Identifier: Apache-2.0
using System;
using System.Text;

namespace Osc.Renderers.OperatingSystems.Bash;

/// <summary>
/// Quoting for paths in provision scripts. Upstream writes "path"; that is kept whenever it means
/// the same to bash, and single quotes are used when the path holds a character double quotes do
/// not protect (", $, `, \, !). Either way the text "mime-version:" never appears: cloud-init reads
/// any user-data whose first 4096 bytes hold it (in any case) as a MIME message, and a bare script
/// or an archive read that way loses its non-ASCII characters; the word is split across two quoted
/// strings (MIME-Version"":), which bash joins back.
/// </summary>
internal static class ShellQuote
{
    /// <summary>The text that makes cloud-init parse user-data as MIME.</summary>
    public const string MimeSniff = "mime-version:";

    public static bool NeedsSingleQuotes(string value) => value.IndexOfAny(['"', '$', '`', '\\', '!', '\n']) >= 0;

    public static bool HasMimeSniff(string value) => value.Contains(MimeSniff, StringComparison.OrdinalIgnoreCase);

    /// <summary>Upstream's "value" when that is safe, else 'value' with ' written as '\''.</summary>
    public static string Path(string value) =>
        NeedsSingleQuotes(value) ? Single(value) : SplitMimeSniff("\"" + value + "\"", '"');

    public static string Single(string value) => SplitMimeSniff("'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'", '\'');

    /// <summary>Closes and reopens the quotes before the colon of each "mime-version:" (a word without quotes, so always inside one quoted string).</summary>
    private static string SplitMimeSniff(string quoted, char quote)
    {
        if (!HasMimeSniff(quoted))
        {
            return quoted;
        }
        var split = new StringBuilder(quoted.Length + 8);
        var from = 0;
        for (var at = quoted.IndexOf(MimeSniff, StringComparison.OrdinalIgnoreCase); at >= 0; at = quoted.IndexOf(MimeSniff, from, StringComparison.OrdinalIgnoreCase))
        {
            var colon = at + MimeSniff.Length - 1;
            split.Append(quoted, from, colon - from).Append(quote).Append(quote);
            from = colon;
        }
        return split.Append(quoted, from, quoted.Length - from).ToString();
    }
}
