// SPDX-License-Identifier: Apache-2.0
using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Osc.Model.Validation;

/// <summary>
/// A declared file path as the node resolves it, and the limits Linux puts on it: a file name
/// (component) holds at most 255 bytes (NAME_MAX of ext4, xfs and btrfs), a path at most 4095
/// (PATH_MAX, 4096 with the terminating NUL); longer ones fail with ENAMETOOLONG.
/// </summary>
internal static class NodeFilePaths
{
    public const int MaxComponentBytes = 255;
    public const int MaxPathBytes = 4095;

    /// <summary>The path without empty and '.' segments, absolute (gardener-node-agent's working directory is /).</summary>
    public static string Clean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return "/" + string.Join('/', path.Split('/').Where(s => s.Length > 0 && s != "."));
    }

    /// <summary>True when the path names a directory, not a file: the root, or a last segment that is empty or '.'.</summary>
    public static bool NamesNoFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var last = path[(path.LastIndexOf('/') + 1)..];
        return last.Length == 0 || last == "." || Clean(path) == "/";
    }

    /// <summary>Why the path is too long for Linux, or null.</summary>
    public static string? LengthProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = Encoding.UTF8.GetByteCount(path);
        if (bytes > MaxPathBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the path is {bytes} bytes long; Linux paths hold at most {MaxPathBytes}");
        }
        foreach (var component in path.Split('/'))
        {
            var length = Encoding.UTF8.GetByteCount(component);
            if (length > MaxComponentBytes)
            {
                var shown = component.Length > 40 ? component[..40] + "…" : component;
                return string.Create(CultureInfo.InvariantCulture, $"the path component \"{shown}\" is {length} bytes long; Linux file names hold at most {MaxComponentBytes}");
            }
        }
        return null;
    }

    /// <summary>The clean node path of a declared file, or null when the path rules reject it (so later checks skip it).</summary>
    public static string? CleanIfPlaceable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal) || path.Split('/').Contains("..") || LengthProblem(path) is not null || NamesNoFile(path))
        {
            return null;
        }
        return Clean(path);
    }
}
