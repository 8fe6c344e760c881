// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers.OperatingSystems.Bash;

/// <summary>
/// Quoting for paths in provision scripts. Upstream writes "path"; that is kept whenever it means
/// the same to bash, and single quotes are used when the path holds a character double quotes do
/// not protect (", $, `, \, !).
/// </summary>
internal static class ShellQuote
{
    public static bool NeedsSingleQuotes(string value) => value.IndexOfAny(['"', '$', '`', '\\', '!', '\n']) >= 0;

    /// <summary>Upstream's "value" when that is safe, else 'value' with ' written as '\''.</summary>
    public static string Path(string value) =>
        NeedsSingleQuotes(value) ? Single(value) : "\"" + value + "\"";

    public static string Single(string value) => "'" + value.Replace("'", "'\\''", System.StringComparison.Ordinal) + "'";
}
