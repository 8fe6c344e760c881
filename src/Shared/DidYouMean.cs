// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;

namespace Osc.Shared;

/// <summary>
/// "Did you mean …?": the known name closest to what was written, by case-insensitive edit distance.
/// One helper for the loader (kinds, apiVersions), the binder (fields, enum values) and the CLI (options).
/// </summary>
internal static class DidYouMean
{
    /// <summary>Longer names are not compared: the work stays bounded on hostile input.</summary>
    public const int MaxLength = 64;

    /// <summary>The field, enum value, kind or apiVersion meant: within a third of the shorter name's length (one edit at least).</summary>
    public static string? Name(string value, IEnumerable<string> candidates) =>
        Closest(value, candidates, (best, distance) => distance <= Math.Max(1, Math.Min(value.Length, best.Length) / 3));

    /// <summary>The candidate nearest to <paramref name="value"/> (the first of equals), if <paramref name="closeEnough"/>(candidate, distance) accepts it.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates, Func<string, int, bool> closeEnough) =>
        Closest(value, candidates, Distance, closeEnough);

    /// <summary>As <see cref="Closest(string, IEnumerable{string}, Func{string, int, bool})"/>, with the caller's own distance.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates, Func<string, string, int> distance, Func<string, int, bool> closeEnough)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = distance(value, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return best is not null && closeEnough(best, bestDistance) ? best : null;
    }

    /// <summary>The Levenshtein distance ignoring case; <see cref="int.MaxValue"/> when either is longer than <see cref="MaxLength"/>.</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length > MaxLength || b.Length > MaxLength)
        {
            return int.MaxValue;
        }
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
