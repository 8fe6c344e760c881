// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Renderers.Node;

/// <summary>
/// spec.files and status.extensionFiles as the node gets them: exact bytes, mode = permissions or
/// 0600 (gardener-node-agent's default), entries with a hostName only on that host.
/// </summary>
internal static class NodeFilesRenderer
{
    public const uint DefaultMode = FileModes.Octal0600; // what gardener-node-agent writes when permissions is unset

    public static IEnumerable<RenderedArtifact> Render(OperatingSystemConfig osc, IReadOnlyList<Secret> secrets, string? nodeHostName, Report report, SourceMap positions)
    {
        var entries = (osc.Spec.Files ?? []).Select((f, i) => (File: f, Source: $"$.spec.files[{i}]"))
            .Concat((osc.Status?.ExtensionFiles ?? []).Select((f, i) => (File: f, Source: $"$.status.extensionFiles[{i}]")))
            .Where(e => e.File.HostName is null || e.File.HostName == nodeHostName)
            .ToList();
        foreach (var (file, source) in entries)
        {
            var bytes = FileContentResolver.Resolve(file.Content, source + ".content", osc.Metadata?.Namespace, secrets, ContentReader.NodeAgent, report, positions);
            if (bytes is not null)
            {
                yield return new RenderedArtifact(NodePath(file.Path), bytes, ModeOf(file.Permissions), source);
            }
        }
    }

    /// <summary>
    /// The file's mode on the node: permissions, or 0600. gardener-node-agent hands permissions to Go's
    /// file API as an os.FileMode, which keeps only the permission bits of a value above 07777 (OSC1242).
    /// </summary>
    public static uint ModeOf(uint? permissions) => permissions switch
    {
        null => DefaultMode,
        > FileModes.Octal7777 => permissions.Value & FileModes.Octal0777,
        _ => permissions.Value,
    };

    /// <summary>The absolute path on the node; a relative path resolves against the agent's working directory, /.</summary>
    public static string NodePath(string path) =>
        "/" + string.Join('/', path.Split('/').Where(s => s.Length > 0 && s != "."));
}
