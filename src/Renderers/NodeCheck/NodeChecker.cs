// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Renderers.Node;
using Osc.Renderers.Systemd;

namespace Osc.Renderers.NodeCheck;

/// <summary>
/// Holds a node's root against the rendered rootfs/ view of each OperatingSystemConfig (as
/// <see cref="OscRenderer.Render(Osc.Model.Loading.OscInput, RenderOptions?)"/> makes it): every file's bytes and mode, the agent's directories,
/// imageRef files (there, mode only), and for reconcile objects every unit: its unit file (an OS unit
/// must exist somewhere systemd looks), drop-ins the OSC does not declare, masking, and enablement
/// as the links <c>systemctl enable</c> makes under /etc/systemd/system. No file system of its own:
/// everything it knows about the node comes through <see cref="INodeRoot"/>.
/// </summary>
internal static class NodeChecker
{
    /// <summary>The most bytes read of an OS unit file (for its [Install] section).</summary>
    public const int MaxUnitFileBytes = 1 << 20;

    /// <summary>The most names read of one directory (a unit's drop-in directory).</summary>
    public const int MaxDirectoryEntries = 4096;

    private const string UnitDirectory = SystemdUnitsRenderer.UnitDirectory;
    private const string NodeAgentUnit = "gardener-node-agent.service";
    private const int MaxLinkHops = 8;
    private const uint UmaskBits = 0x12; // 0022: gardener-node-agent's service umask, which its file writes pass through

    /// <summary>Where systemd finds a unit file on disk, highest priority first (runtime and generated units are not on an offline root).</summary>
    private static readonly string[] UnitSearchPath = [UnitDirectory, "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"];

    public static NodeCheckResult Check(OscInput input, RenderOptions? options, INodeRoot root)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(root);
        options ??= RenderOptions.Default;
        var objects = new List<RenderedObject>();
        var report = OscRenderer.RenderEach(input, options, objects.Add);
        if (report.HasErrors)
        {
            return new NodeCheckResult([], report, 0, 0, 0);
        }
        var drifts = new List<NodeDrift>();
        var files = 0;
        var units = 0;
        foreach (var rendered in objects)
        {
            var document = input.OperatingSystemConfigs.First(d =>
                (string.IsNullOrEmpty(d.Value.Metadata?.Namespace) ? "_" : d.Value.Metadata.Namespace) == rendered.Namespace && d.Value.Metadata?.Name == rendered.Name);
            var check = new ObjectCheck(input, document, rendered, options, root, drifts);
            files += check.CheckFiles();
            units += check.CheckUnits();
        }
        var sorted = drifts.OrderBy(d => d.Object, StringComparer.Ordinal).ThenBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Kind).ToList();
        return new NodeCheckResult(sorted, report, objects.Count, files, units);
    }

    private sealed class ObjectCheck(OscInput input, LoadedDocument<OperatingSystemConfig> document, RenderedObject rendered, RenderOptions options, INodeRoot root, List<NodeDrift> drifts)
    {
        private readonly string _object = $"{rendered.Namespace}/{rendered.Name}";

        public int CheckFiles()
        {
            foreach (var artifact in rendered.Rootfs)
            {
                CheckFile(artifact.Path, artifact.Content, artifact.Mode, artifact.SourcePath, Locate(artifact.SourcePath, artifact.SourceDocument));
            }
            foreach (var directory in rendered.Directories)
            {
                CheckDirectory(directory);
            }
            var imageRefs = ImageRefFiles().ToList();
            foreach (var (path, mode, source) in imageRefs)
            {
                CheckFile(path, null, mode, source, Locate(source, null));
            }
            return rendered.Rootfs.Count + rendered.Directories.Count + imageRefs.Count;
        }

        public int CheckUnits()
        {
            foreach (var unit in rendered.Units)
            {
                CheckUnit(unit);
            }
            return rendered.Units.Count;
        }

        private void CheckFile(string path, byte[]? expected, uint mode, string sourcePath, SourceSpan? source)
        {
            var entry = root.Read(path, expected is null ? 0 : expected.Length + 1);
            if (!IsRegularFile(entry, path, sourcePath, source, null))
            {
                return;
            }
            if (expected is not null && !SameBytes(entry, expected))
            {
                var offset = (entry.Content ?? []).AsSpan().CommonPrefixLength(expected);
                var line = 1 + expected.AsSpan(0, Math.Min(offset, expected.Length)).Count((byte)'\n');
                Add(path, DriftKind.Content, $"content differs from line {line} on ({Bytes(entry.Size)} on the node, {Bytes(expected.Length)} expected)",
                    Bytes(expected.Length), Bytes(entry.Size), sourcePath: sourcePath, source: source);
            }
            // gardener-node-agent writes inline and secretRef files through its umask (0022), so a declared group- or other-writable mode may arrive without those bits.
            if (entry.Mode != mode && entry.Mode != (mode & ~UmaskBits))
            {
                Add(path, DriftKind.Mode, $"mode {Octal(entry.Mode)} on the node, {Octal(mode)} expected", Octal(mode), Octal(entry.Mode), sourcePath: sourcePath, source: source);
            }
        }

        private void CheckDirectory(string path)
        {
            var entry = root.Read(path, 0);
            switch (entry.Kind)
            {
                case NodeEntryKind.Directory:
                    return;
                case NodeEntryKind.Missing:
                    Add(path, DriftKind.Missing, "directory gardener-node-agent creates is not on the node", "directory", null, sourcePath: "$.spec.criConfig", source: Locate("$.spec.criConfig", null));
                    return;
                case NodeEntryKind.Unreadable:
                    Add(path, DriftKind.Unreadable, $"cannot be read: {entry.Problem}", "directory", null, sourcePath: "$.spec.criConfig", source: Locate("$.spec.criConfig", null));
                    return;
                default:
                    Add(path, DriftKind.Type, $"{Describe(entry)} where a directory is expected", "directory", Describe(entry), sourcePath: "$.spec.criConfig", source: Locate("$.spec.criConfig", null));
                    return;
            }
        }

        /// <summary>True for a regular file; otherwise reports what is there instead.</summary>
        private bool IsRegularFile(NodeEntry entry, string path, string? sourcePath, SourceSpan? source, string? unit)
        {
            switch (entry.Kind)
            {
                case NodeEntryKind.RegularFile:
                    return true;
                case NodeEntryKind.Missing:
                    Add(path, DriftKind.Missing, "not on the node", "regular file", null, unit, sourcePath, source);
                    return false;
                case NodeEntryKind.Unreadable:
                    Add(path, DriftKind.Unreadable, $"cannot be read: {entry.Problem}", "regular file", null, unit, sourcePath, source);
                    return false;
                default:
                    Add(path, DriftKind.Type, $"{Describe(entry)} where a regular file is expected", "regular file", Describe(entry), unit, sourcePath, source);
                    return false;
            }
        }

        private void CheckUnit(MergedUnit unit)
        {
            var source = Locate(unit.SourcePath, null);
            var declared = unit.DropIns.Select(d => d.DropIn).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
            // The unit file: the view's own (checked as a file), or an OS unit that must be somewhere systemd looks.
            var unitText = unit.Content ?? FindOsUnit(unit, source);

            var dropInDirectory = $"{UnitDirectory}/{unit.Name}.d";
            var listing = root.List(dropInDirectory, MaxDirectoryEntries);
            if (listing.Kind == NodeEntryKind.Directory)
            {
                var names = declared.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var name in listing.Names.Where(n => n.EndsWith(".conf", StringComparison.Ordinal) && !names.Contains(n)).Order(StringComparer.Ordinal))
                {
                    Add($"{dropInDirectory}/{name}", DriftKind.ExtraDropIn, $"drop-in of {unit.Name} that the OSC does not declare (systemd applies it)", null, "drop-in", unit.Name, unit.SourcePath, source);
                }
                if (listing.Truncated)
                {
                    Add(dropInDirectory, DriftKind.Unreadable, $"holds more than {MaxDirectoryEntries} entries; the rest were not examined", null, null, unit.Name, unit.SourcePath, source);
                }
            }
            else if (listing.Kind == NodeEntryKind.Unreadable && declared.Count > 0)
            {
                Add(dropInDirectory, DriftKind.Unreadable, $"cannot be listed: {listing.Problem}", "directory", null, unit.Name, unit.SourcePath, source);
            }

            if (unitText is null || IsTemplate(unit.Name))
            {
                // Masked or absent (reported above), or a template, which enabling without an instance does not link.
                return;
            }
            var install = UnitInstallSection.Parse(declared.Select(d => d.Content).Prepend(unitText));
            if (install.IsEmpty)
            {
                // No [Install] section: a static unit; enabling it makes no link, so there is nothing to see.
                return;
            }
            var enable = unit.Name == NodeAgentUnit || unit.Enable != false;
            foreach (var link in install.LinkPaths(UnitDirectory, unit.Name))
            {
                var entry = root.Read(link, 0);
                var present = entry.Kind is NodeEntryKind.SymbolicLink or NodeEntryKind.RegularFile;
                if (entry.Kind == NodeEntryKind.Unreadable)
                {
                    Add(link, DriftKind.Unreadable, $"cannot be read: {entry.Problem}", null, null, unit.Name, unit.SourcePath, source);
                }
                else if (enable && !present)
                {
                    Add(link, DriftKind.NotEnabled, $"{unit.Name} is not enabled: its [Install] section links it here ({Install(link)})",
                        "link", entry.Kind == NodeEntryKind.Missing ? null : Describe(entry), unit.Name, unit.SourcePath, source);
                }
                else if (!enable && present)
                {
                    Add(link, DriftKind.Enabled, $"{unit.Name} has enable: false but is enabled ({Install(link)})", null, Describe(entry), unit.Name, unit.SourcePath, source);
                }
            }
        }

        /// <summary>The text of an OS unit's file (first in systemd's search path), or null after reporting it missing or masked.</summary>
        private string? FindOsUnit(MergedUnit unit, SourceSpan? source)
        {
            var candidates = new List<string> { unit.Name };
            if (TemplateOf(unit.Name) is { } template)
            {
                candidates.Add(template);
            }
            foreach (var directory in UnitSearchPath)
            {
                foreach (var name in candidates)
                {
                    var path = $"{directory}/{name}";
                    var (entry, at) = Follow(path, MaxUnitFileBytes);
                    switch (entry.Kind)
                    {
                        case NodeEntryKind.RegularFile:
                            return Encoding.UTF8.GetString(entry.Content ?? []);
                        case NodeEntryKind.CharacterDevice when at == "/dev/null":
                        case NodeEntryKind.Missing when at == "/dev/null":
                            Add(path, DriftKind.Masked, $"{unit.Name} is masked (a link to /dev/null): systemd will not start it", "unit file", "link to /dev/null", unit.Name, unit.SourcePath, source);
                            return null;
                        case NodeEntryKind.Unreadable:
                            Add(path, DriftKind.Unreadable, $"cannot be read: {entry.Problem}", "unit file", null, unit.Name, unit.SourcePath, source);
                            return null;
                        case NodeEntryKind.SymbolicLink:
                            Add(path, DriftKind.Type, $"a chain of more than {MaxLinkHops} symbolic links, or one that leads nowhere (last: {at})", "unit file", Describe(entry), unit.Name, unit.SourcePath, source);
                            return null;
                    }
                }
            }
            Add($"{UnitDirectory}/{unit.Name}", DriftKind.Missing,
                $"no unit file for {unit.Name} in {string.Join(", ", UnitSearchPath)}: its drop-ins apply to nothing, and enabling or starting it fails",
                "unit file", null, unit.Name, unit.SourcePath, source);
            return null;
        }

        /// <summary>Reads a path, following symbolic links within the root (at most <see cref="MaxLinkHops"/>): what is at the end, and its path.</summary>
        private (NodeEntry Entry, string Path) Follow(string path, int maxBytes)
        {
            var entry = root.Read(path, maxBytes);
            for (var hop = 0; hop < MaxLinkHops && entry is { Kind: NodeEntryKind.SymbolicLink, LinkTarget: { } target }; hop++)
            {
                path = target.StartsWith('/') ? target : path[..(path.LastIndexOf('/') + 1)] + target;
                if (path == "/dev/null")
                {
                    // A masked unit; /dev/null of an unpacked image may be absent or a plain file.
                    return (root.Read(path, 0) is { Kind: NodeEntryKind.CharacterDevice } device ? device : NodeEntry.Missing, path);
                }
                entry = root.Read(path, maxBytes);
            }
            return (entry, path);
        }

        /// <summary>The spec and status files with imageRef content on this host: the view leaves them out (their bytes come from an image), but their path and mode are known.</summary>
        private IEnumerable<(string Path, uint Mode, string Source)> ImageRefFiles()
        {
            var osc = document.Value;
            var inView = rendered.Rootfs.Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
            if (osc.Spec.Purpose != Purpose.Reconcile)
            {
                yield break;
            }
            var entries = (osc.Spec.Files ?? []).Select((f, i) => (File: f, Source: $"$.spec.files[{i}]"))
                .Concat((osc.Status?.ExtensionFiles ?? []).Select((f, i) => (File: f, Source: $"$.status.extensionFiles[{i}]")));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (file, source) in entries)
            {
                var path = NodeFilesRenderer.NodePath(file.Path);
                if (file.Content.ImageRef is not null && (file.HostName is null || file.HostName == options.NodeHostName) && !inView.Contains(path) && seen.Add(path))
                {
                    yield return (path, NodeFilesRenderer.ModeOf(file.Permissions), source);
                }
            }
        }

        private SourceSpan? Locate(string sourcePath, string? sourceDocument) => sourceDocument is null
            ? document.Positions.Locate(sourcePath)
            : input.Documents.FirstOrDefault(d => d.DisplayName == sourceDocument)?.Positions.Locate(sourcePath);

        private void Add(string path, DriftKind kind, string message, string? expected, string? actual, string? unit = null, string? sourcePath = null, SourceSpan? source = null) =>
            drifts.Add(new NodeDrift(_object, path, kind, message, expected, actual, unit,
                sourcePath is null ? null : OscPath.Rebase(sourcePath, document.Positions.RootPath), source));
    }

    private static bool SameBytes(NodeEntry entry, byte[] expected) =>
        entry.Size == expected.Length && (entry.Content ?? []).AsSpan().SequenceEqual(expected);

    private static bool IsTemplate(string name) => name.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 && at + 1 < name.Length && name[at + 1] == '.';

    /// <summary>foo@bar.service → foo@.service (the template an instance is loaded from).</summary>
    private static string? TemplateOf(string name)
    {
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var dot = name.LastIndexOf('.');
        return at > 0 && dot > at + 1 ? name[..(at + 1)] + name[dot..] : null;
    }

    private static string Install(string link)
    {
        var relative = link[(UnitDirectory.Length + 1)..];
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return $"Alias={relative}";
        }
        var target = relative[..slash];
        var dot = target.LastIndexOf('.');
        var key = target[(dot + 1)..] switch
        {
            "wants" => "WantedBy",
            "requires" => "RequiredBy",
            _ => "UpheldBy",
        };
        return $"{key}={target[..dot]}";
    }

    private static string Describe(NodeEntry entry) => entry.Kind switch
    {
        NodeEntryKind.SymbolicLink => $"a symbolic link to {entry.LinkTarget}",
        NodeEntryKind.Directory => "a directory",
        NodeEntryKind.RegularFile => "a regular file",
        NodeEntryKind.Fifo => "a FIFO",
        NodeEntryKind.CharacterDevice => "a character device",
        NodeEntryKind.BlockDevice => "a block device",
        NodeEntryKind.Socket => "a socket",
        NodeEntryKind.Missing => "nothing",
        _ => "something unreadable",
    };

    private static string Octal(uint mode) => "0" + Convert.ToString(mode, 8).PadLeft(3, '0');

    private static string Bytes(long count) => count == 1 ? "1 byte" : count.ToString(CultureInfo.InvariantCulture) + " bytes";
}
