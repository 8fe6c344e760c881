// SPDX-License-Identifier: Apache-2.0
using System;
using System.Globalization;

namespace Osc.Renderers.NodeAgent;

/// <summary>
/// Versions as gardener-node-agent compares them: gardener's pkg/utils/version (Normalize,
/// CompareVersions, CheckIfMinorVersionUpdate) over Masterminds/semver v3.5 (NewVersion, which coerces
/// leading zeros; NewConstraint's "=" with partial versions and x wildcards).
/// </summary>
internal static class GoVersion
{
    /// <summary>versionutils.Normalize: every 'v' removed, then everything from the first '-', '+' or '~' cut.</summary>
    public static string Normalize(string version)
    {
        var v = version.Replace("v", "", StringComparison.Ordinal);
        var cut = v.IndexOfAny(['-', '+', '~']);
        return cut < 0 ? v : v[..cut];
    }

    /// <summary>
    /// semver.NewVersion of a normalized version (no 'v', pre-release or metadata left): one to three dot-separated
    /// runs of digits, each fitting a uint64; missing parts are 0.
    /// </summary>
    public static bool TryParse(string normalized, out (ulong Major, ulong Minor, ulong Patch) version)
    {
        version = default;
        var parts = normalized.Split('.');
        if (parts.Length > 3)
        {
            return false;
        }
        var numbers = new ulong[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || !IsDigits(parts[i]) || !ulong.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }
        version = (numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>
    /// IsOsVersionUpToDate: <c>CompareVersions(current, "=", desired)</c>. The constraint is parsed first, so an
    /// invalid desired version is the error even when the current one is invalid too. Null with
    /// <paramref name="problem"/> (which of the two, and why) when either cannot be compared.
    /// </summary>
    public static bool? IsUpToDate(string current, string desired, out (bool InDesired, string Message)? problem)
    {
        problem = null;
        if (!TryParseEqualsConstraint(Normalize(desired), out var constraint, out var why))
        {
            problem = (true, why);
            return null;
        }
        if (!TryParse(Normalize(current), out var version))
        {
            problem = (false, "it is not one to three dot-separated numbers after gardener's normalisation (every 'v' removed, cut at '-', '+' or '~')");
            return null;
        }
        return constraint.Matches(version);
    }

    /// <summary>CheckIfMinorVersionUpdate: null when <paramref name="problem"/> names the version that does not parse.</summary>
    public static bool? MinorVersionChanges(string old, string updated, out (bool InOld, string Version)? problem)
    {
        problem = null;
        if (!TryParse(Normalize(old), out var oldVersion))
        {
            problem = (true, old);
            return null;
        }
        if (!TryParse(Normalize(updated), out var newVersion))
        {
            problem = (false, updated);
            return null;
        }
        return oldVersion.Minor != newVersion.Minor;
    }

    /// <summary>
    /// Masterminds' "= X" (constraintTildeOrEqual): a version whose minor or patch is left out or is x, X or *
    /// matches like "~" (same major, and same minor unless the minor is open, and not below); a full version
    /// matches exactly. Several constraints (",", "||", ranges) are refused: no version of an OS image looks so.
    /// </summary>
    private static bool TryParseEqualsConstraint(string text, out EqualsConstraint constraint, out string why)
    {
        constraint = default;
        var trimmed = text.Trim(' ', '\t', '\n', '\f', '\r');
        if (trimmed.Length == 0)
        {
            why = "it is empty";
            return false;
        }
        var parts = trimmed.Split('.');
        if (parts.Length > 3)
        {
            why = "it has more than three dot-separated parts";
            return false;
        }
        var numbers = new ulong[3];
        var open = new bool[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is "x" or "X" or "*")
            {
                open[i] = true;
            }
            else if (parts[i].Length == 0 || !IsDigits(parts[i]) || !ulong.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                why = "it is not one to three dot-separated numbers (or x) after gardener's normalisation (every 'v' removed, cut at '-', '+' or '~')";
                return false;
            }
        }
        for (var i = parts.Length; i < 3; i++)
        {
            open[i] = true;
        }
        why = "";
        constraint = open[0] ? new EqualsConstraint(0, 0, 0, Any: true, MinorOpen: false, PatchOpen: false)
            : open[1] ? new EqualsConstraint(numbers[0], 0, 0, Any: false, MinorOpen: true, PatchOpen: false)
            : open[2] ? new EqualsConstraint(numbers[0], numbers[1], 0, Any: false, MinorOpen: false, PatchOpen: true)
            : new EqualsConstraint(numbers[0], numbers[1], numbers[2], Any: false, MinorOpen: false, PatchOpen: false);
        return true;
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    private readonly record struct EqualsConstraint(ulong Major, ulong Minor, ulong Patch, bool Any, bool MinorOpen, bool PatchOpen)
    {
        public bool Matches((ulong Major, ulong Minor, ulong Patch) v)
        {
            if (Any)
            {
                return true; // "= x": ~0.0.0 accepts every version
            }
            if (!MinorOpen && !PatchOpen)
            {
                return v == (Major, Minor, Patch);
            }
            // constraintTilde: not below the constraint's version, same major, same minor unless the minor is open.
            var below = v.Major != Major ? v.Major < Major : v.Minor != Minor ? v.Minor < Minor : v.Patch < Patch;
            return !below && v.Major == Major && (MinorOpen || v.Minor == Minor);
        }
    }
}
