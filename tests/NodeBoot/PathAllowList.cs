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
    private readonly List<(Regex Pattern, string Prefix)> _patterns;

    public PathAllowList(IEnumerable<string> exact, IEnumerable<string> patterns)
    {
        _exact = exact.ToHashSet(StringComparer.Ordinal);
        _patterns = patterns.Select(p => (new Regex("^" + Regex.Escape(p).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$"),
            p.Split('*')[0])).ToList();
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
        return _exact.Any(e => e.StartsWith(beneath, StringComparison.Ordinal)) || _patterns.Any(p => p.Prefix.StartsWith(beneath, StringComparison.Ordinal));
    }
}
