// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;

namespace Osc.NodeBoot.Tests;

/// <summary>
/// Paths a node may change: exact paths, and patterns where <c>*</c> is one path segment (or part
/// of one) and <c>**</c> any depth. Paths are relative to / without a leading slash. A directory is
/// also allowed when an allowed path lies beneath it (creating a file changes its parent).
/// </summary>
internal sealed class PathAllowList
{
    private readonly HashSet<string> _exact;
    private readonly List<(Regex Pattern, string[] Segments)> _patterns;

    public PathAllowList(IEnumerable<string> exact, IEnumerable<string> patterns)
    {
        _exact = exact.ToHashSet(StringComparer.Ordinal);
        _patterns = patterns.Select(p => (Glob(p), p.Split('/'))).ToList();
    }

    /// <param name="type">find's %y: 'd' directory, 'f' file, 'l' link; '?' when unknown (a deleted path).</param>
    public bool Allows(string path, char type)
    {
        if (_exact.Contains(path) || _patterns.Any(p => p.Pattern.IsMatch(path)))
        {
            return true;
        }
        if (type != 'd')
        {
            return false;
        }
        var beneath = path + "/";
        return _exact.Any(e => e.StartsWith(beneath, StringComparison.Ordinal)) || _patterns.Any(p => IsAncestor(path, p.Segments));
    }

    /// <summary>True when a path the pattern allows could lie beneath <paramref name="directory"/>.</summary>
    private static bool IsAncestor(string directory, string[] pattern)
    {
        var segments = directory.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i >= pattern.Length - 1)
            {
                return false;
            }
            if (pattern[i] == "**")
            {
                return true;
            }
            if (!Glob(pattern[i]).IsMatch(segments[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
}
