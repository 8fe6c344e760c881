// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>
/// Where declared files land on the node: not on a directory (of another declared file, of what
/// gardener-node-agent or the OS writes, or a standard directory of every Linux node), not below a
/// file, and not on a file something else writes there too. Entries with different host names never
/// share a node, so they do not collide with each other.
/// </summary>
internal static class FilePlacementRules
{
    /// <summary>Directories every Linux node has (the Filesystem Hierarchy Standard's, and systemd's unit folder).</summary>
    private static readonly string[] StandardDirectories =
    [
        "/bin", "/boot", "/dev", "/etc", "/etc/systemd", "/etc/systemd/system", "/home", "/lib", "/media", "/mnt", "/opt", "/proc",
        "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/sbin", "/var",
        "/var/lib", "/var/log", "/var/tmp",
    ];

    private const string StandardWriter = "a standard directory of every Linux node";

    private sealed record Declared(string NodePath, string RawPath, string? HostName, string JsonPath, bool FromSpec);

    /// <summary>An entry of a <see cref="PathIndex"/>: a declared file, or a path something else writes.</summary>
    private sealed record Placed(string NodePath, Declared? File, NodePathClaim? Claim);

    public static void Check(IReadOnlyList<NodeFile>? specFiles, IReadOnlyList<NodeFile>? statusFiles, IReadOnlyList<NodePathClaim> claims, RuleContext ctx)
    {
        var declared = Collect(specFiles, "$.spec.files", fromSpec: true).Concat(Collect(statusFiles, "$.status.extensionFiles", fromSpec: false)).ToList();
        if (declared.Count == 0)
        {
            return;
        }
        var others = claims.Concat(StandardDirectories.Select(d => new NodePathClaim(d, NodePathClaimKind.Directory, StandardWriter))).ToList();
        var claimed = new Dictionary<string, NodePathClaim>(StringComparer.Ordinal);
        foreach (var claim in others)
        {
            claimed.TryAdd(claim.Path, claim);
        }
        var reported = new HashSet<Declared>();

        // A declared file on a path something else writes or needs as a directory.
        foreach (var file in declared)
        {
            if (!claimed.TryGetValue(file.NodePath, out var claim) || (claim.SpecFilesOnly && !file.FromSpec))
            {
                continue;
            }
            if (!ctx.IsValid(file.JsonPath + ".path"))
            {
                // Already refused at this path (Ignition's own duplicate check, OSC1260, says it as upstream does): one finding per path.
                reported.Add(file);
                continue;
            }
            reported.Add(file);
            switch (claim.Kind)
            {
                case NodePathClaimKind.Directory:
                    ctx.Add(DiagnosticCatalog.FilePathIsDirectory, file.JsonPath + ".path", $"\"{file.RawPath}\" is a directory on the node ({claim.Writer}), not a file",
                        "choose a path that is not a directory on the node");
                    break;
                case NodePathClaimKind.Conflicting:
                    ctx.Add(DiagnosticCatalog.FilePathWrittenByNode, file.JsonPath + ".path",
                        $"\"{file.RawPath}\" is also written by {claim.Writer}; what the node holds there would not follow from this OSC",
                        "set it through the field that owns it (criConfig.containerd, units, the NodeConfig), or choose another path");
                    break;
                default:
                    var before = claim.Kind == NodePathClaimKind.WrittenBefore;
                    ctx.Add(DiagnosticCatalog.FilePathWrittenByScript, file.JsonPath + ".path",
                        before
                            ? $"\"{file.RawPath}\" is also written by {claim.Writer}; the declared file takes its place, so the node keeps this file's content, not the script's"
                            : $"\"{file.RawPath}\" is also written by {claim.Writer} after the declared files, so the node keeps the script's content, not this file's",
                        before ? "drop the file or choose another path, unless replacing the OS's own file is intended" : "drop the file or choose another path");
                    break;
            }
        }

        // A declared file that the node needs as a directory, of another declared file or of what something else writes.
        var everything = new PathIndex(declared.Select(f => new Placed(f.NodePath, f, null)).Concat(others.Select(c => new Placed(c.Path, null, c))));
        var shared = new PathIndex(declared.Where(f => f.HostName is null).Select(f => new Placed(f.NodePath, f, null)).Concat(others.Select(c => new Placed(c.Path, null, c))));
        var perHost = declared.Where(f => f.HostName is not null).GroupBy(f => f.HostName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new PathIndex(g.Select(f => new Placed(f.NodePath, f, null))), StringComparer.Ordinal);
        foreach (var file in declared)
        {
            if (reported.Contains(file))
            {
                continue;
            }
            var below = file.HostName is null ? everything.FirstBelow(file.NodePath) : shared.FirstBelow(file.NodePath) ?? perHost[file.HostName].FirstBelow(file.NodePath);
            if (below is null)
            {
                continue;
            }
            reported.Add(file);
            var what = below.File is { } other
                ? $"\"{other.RawPath}\" at {other.JsonPath} lies below it"
                : $"\"{below.Claim!.Path}\" lies below it ({below.Claim.Writer})";
            ctx.Add(DiagnosticCatalog.FilePathIsDirectory, file.JsonPath + ".path", $"\"{file.RawPath}\" would have to be a directory on the node: {what}",
                "choose a path that is not a directory on the node; no declared file may lie below another");
        }

        // A declared file below a file something else writes.
        var declaredOnly = new PathIndex(declared.Select(f => new Placed(f.NodePath, f, null)));
        foreach (var claim in claims.Where(c => c.Kind != NodePathClaimKind.Directory))
        {
            foreach (var below in declaredOnly.AllBelow(claim.Path))
            {
                if (reported.Add(below.File!))
                {
                    ctx.Add(DiagnosticCatalog.FilePathIsDirectory, below.File!.JsonPath + ".path",
                        $"\"{below.File.RawPath}\" lies below \"{claim.Path}\", which is a file on the node ({claim.Writer})",
                        "choose a path that is not below a file");
                }
            }
        }
    }

    private static IEnumerable<Declared> Collect(IReadOnlyList<NodeFile>? files, string listPath, bool fromSpec)
    {
        for (var i = 0; i < (files?.Count ?? 0); i++)
        {
            if (NodeFilePaths.CleanIfPlaceable(files![i].Path) is { } nodePath)
            {
                yield return new Declared(nodePath, files[i].Path, files[i].HostName, OscPath.Index(listPath, i), fromSpec);
            }
        }
    }

    /// <summary>
    /// Paths sorted so that everything below a path follows it directly ('/' sorts before every other
    /// character), so "is anything below P" is one binary search, however many files there are.
    /// </summary>
    private sealed class PathIndex
    {
        private readonly List<(string Key, Placed Entry)> _sorted;

        public PathIndex(IEnumerable<Placed> entries)
        {
            _sorted = entries.Select(e => (Key(e.NodePath), e)).ToList();
            _sorted.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        public Placed? FirstBelow(string path) => AllBelow(path).FirstOrDefault();

        public IEnumerable<Placed> AllBelow(string path)
        {
            var prefix = Key(path) + '\0';
            var low = 0;
            var high = _sorted.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (string.CompareOrdinal(_sorted[middle].Key, prefix) < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }
            for (var i = low; i < _sorted.Count && _sorted[i].Key.StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                yield return _sorted[i].Entry;
            }
        }

        // Clean paths hold no NUL (the path rules reject it), so NUL can stand for '/'.
        private static string Key(string path) => path.Replace('/', '\0');
    }
}
