// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;

namespace Osc.Model.Syntax;

/// <summary>
/// JSON paths in the form diagnostics use: <c>$.spec.files[3].permissions</c>; keys that are not
/// plain identifiers are bracket-quoted: <c>$.metadata.labels['app.kubernetes.io/name']</c>.
/// </summary>
public static class OscPath
{
    public const string Root = "$";

    public static string Property(string parent, string name)
    {
        if (IsPlainName(name))
        {
            return parent + "." + name;
        }
        var builder = new StringBuilder(parent.Length + name.Length + 4).Append(parent).Append("['");
        foreach (var c in name)
        {
            switch (c)
            {
                case '\'': builder.Append("\\'"); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append("']").ToString();
    }

    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A document's own path (<c>$.spec.units</c>) as seen from its file, below <paramref name="root"/> (<c>$.items[3].spec.units</c>).</summary>
    public static string Rebase(string path, string root) =>
        root == Root || path.Length == 0 || path[0] != '$' ? path : root + path[1..];

    /// <summary>The inverse of <see cref="Rebase"/>: the document's own path, or null when <paramref name="path"/> is not below <paramref name="root"/>.</summary>
    public static string? Unbase(string path, string root)
    {
        if (root == Root)
        {
            return path;
        }
        if (path == root)
        {
            return Root;
        }
        return path.StartsWith(root, System.StringComparison.Ordinal) && path.Length > root.Length && path[root.Length] is '.' or '['
            ? Root + path[root.Length..]
            : null;
    }

    /// <summary>The parent of a path (<c>$.a.b[2]</c> → <c>$.a.b</c>), or null for the root.</summary>
    public static string? Parent(string path)
    {
        if (path == Root)
        {
            return null;
        }
        if (path.EndsWith(']'))
        {
            // find the matching '[' outside quotes by scanning from the start
            var cut = LastSegmentStart(path);
            return cut <= 0 ? Root : path[..cut];
        }
        var dot = path.LastIndexOf('.');
        return dot <= 0 ? Root : path[..dot];
    }

    private static int LastSegmentStart(string path)
    {
        var last = -1;
        var inQuote = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (inQuote)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inQuote = false;
                }
                continue;
            }
            if (c == '\'')
            {
                inQuote = true;
            }
            else if (c == '[' || c == '.')
            {
                last = i;
            }
        }
        return last;
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }
        return true;
    }
}
