// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Model.Loading;

/// <summary>
/// Reads YAML or JSON inputs (several documents each) into typed documents: OperatingSystemConfigs,
/// Secrets and OS extension configs, told apart by apiVersion and kind; Lists are read item by item,
/// and a gardener-node-agent Secret gives the OperatingSystemConfig in its osc.yaml. Never throws for bad input.
/// </summary>
public static class OscLoader
{
    /// <summary>The file name endings a directory input is read for, as <c>kubectl apply -f DIR</c> reads them.</summary>
    public static IReadOnlyList<string> DirectoryInputExtensions { get; } = [".json", ".yaml", ".yml"];

    /// <summary>Reads files (or directories, see <see cref="ExpandDirectory"/>) from disk; an unreadable one is reported (OSC1010), not thrown.</summary>
    public static OscInput LoadFiles(IEnumerable<string> paths, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var report = new Report();
        var inputs = new List<InputFile>();
        foreach (var path in paths)
        {
            foreach (var file in ExpandDirectory(path, report))
            {
                if (ReadFile(file, report, limits) is { } input)
                {
                    inputs.Add(input);
                }
            }
        }
        return Load(inputs, limits, report);
    }

    /// <summary>
    /// The files an input path stands for: the path itself, or for a directory its <c>*.json</c>,
    /// <c>*.yaml</c> and <c>*.yml</c> entries in ordinal name order, not descending into subdirectories
    /// (what <c>kubectl apply -f DIR</c> reads without <c>-R</c>). A directory without such files, or one
    /// that cannot be listed, is reported.
    /// </summary>
    public static IReadOnlyList<string> ExpandDirectory(string path, Report report)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(report);
        if (!Directory.Exists(path))
        {
            return [path];
        }
        var start = new SourceSpan(path, new SourcePosition(1, 1), new SourcePosition(1, 1));
        try
        {
            var files = new DirectoryInfo(path).EnumerateFileSystemInfos()
                .Where(entry => entry is not DirectoryInfo && DirectoryInputExtensions.Contains(Path.GetExtension(entry.Name), StringComparer.Ordinal))
                .Select(entry => Path.Join(path, entry.Name))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                report.Add(DiagnosticCatalog.EmptyInput, $"the directory {path} holds no *.json, *.yaml or *.yml file", null, start,
                    "name the files to read, or put the manifests in this directory (subdirectories are not read)");
            }
            return files;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            report.Add(DiagnosticCatalog.CannotRead, $"cannot list the directory {path}: {ex.Message}", null, start, "check the path and its permissions");
            return [];
        }
    }

    /// <summary>
    /// Reads one file's bytes, or reports why it cannot (missing, unreadable, over the size limit) and returns null.
    /// Character devices (/dev/zero), FIFOs and pipes report no length, so the read itself stops at the limit.
    /// </summary>
    public static InputFile? ReadFile(string path, Report report, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var start = new SourceSpan(path, new SourcePosition(1, 1), new SourcePosition(1, 1));
        try
        {
            var max = (limits ?? LoadLimits.Default).MaxInputBytes;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            var length = stream.CanSeek ? stream.Length : 0;
            if (length > max)
            {
                report.Add(DiagnosticCatalog.InputTooLarge, $"{path} has {length} bytes; the limit is {max}", null, start,
                    "split the input into several files");
                return null;
            }
            return ReadBounded(path, stream, length, report, max);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            report.Add(DiagnosticCatalog.CannotRead, $"cannot read {path}: {ex.Message}", null, start, "check the path and its permissions");
            return null;
        }
    }

    /// <summary>
    /// Reads one input from a stream such as stdin or a pipe, stopping once it holds more than the
    /// size limit (OSC1004): an endless producer (<c>yes</c>, <c>/dev/zero</c>) costs the limit, no more.
    /// </summary>
    public static InputFile? ReadStream(string displayName, Stream stream, Report report, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            return ReadBounded(displayName, stream, 0, report, (limits ?? LoadLimits.Default).MaxInputBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            report.Add(DiagnosticCatalog.CannotRead, $"cannot read {displayName}: {ex.Message}", null,
                new SourceSpan(displayName, new SourcePosition(1, 1), new SourcePosition(1, 1)), "check what feeds the input");
            return null;
        }
    }

    private static InputFile? ReadBounded(string displayName, Stream stream, long lengthHint, Report report, long max)
    {
        using var content = new MemoryStream((int)Math.Clamp(lengthHint, 0, Math.Min(max, Array.MaxLength)));
        var chunk = new byte[64 * 1024];
        long total = 0;
        while (true)
        {
            // Never ask for more than one byte past the limit: that byte is enough to know the input is too large.
            var read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, max + 1 - total));
            if (read == 0)
            {
                return new InputFile(displayName, content.ToArray());
            }
            total += read;
            if (total > max)
            {
                report.Add(DiagnosticCatalog.InputTooLarge, $"{displayName} has more than {max} bytes (reading stopped there); the limit is {max}", null,
                    new SourceSpan(displayName, new SourcePosition(1, 1), new SourcePosition(1, 1)), "split the input into several files");
                return null;
            }
            content.Write(chunk, 0, read);
        }
    }

    public static OscInput LoadText(string displayName, string text, LoadLimits? limits = null) =>
        Load([new InputFile(displayName, Encoding.UTF8.GetBytes(text))], limits);

    public static OscInput Load(IEnumerable<InputFile> inputs, LoadLimits? limits = null, Report? report = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        report ??= new Report();
        limits ??= LoadLimits.Default;
        var reader = new DocumentReader(report, limits);
        foreach (var input in inputs)
        {
            reader.BeginInput();
            foreach (var source in YamlLoader.Load(input.DisplayName, input.Content, report, limits))
            {
                reader.Read(source);
            }
        }
        ReportDuplicateObjects(reader.Documents, report);
        return new OscInput(reader.Documents, report, reader.EmbeddedInputs);
    }

    /// <summary>
    /// Binds one document by its apiVersion and kind, or reports why it cannot be (and returns null).
    /// <paramref name="pathPool"/> is shared by the documents of one load: documents of one shape have the
    /// same paths, so their source maps share the strings.
    /// </summary>
    internal static LoadedDocument? Bind(YamlDocumentSource source, Report report, Dictionary<string, string>? pathPool)
    {
        // Binding records about one value per node (a mapping entry's key shares its value's row).
        var (nodes, _) = CountNodes(source.Root, 0, 0);
        var positions = new SourceMap(source.File, Math.Min(nodes, MaxPresize), pathPool, source.RootPath);
        positions.SetValue(OscPath.Root, source.Root.Span);
        if (source.Root is not YamlMapping mapping)
        {
            report.Add(DiagnosticCatalog.NotAnObject, $"the document is a {source.Root.KindName}, not a Kubernetes object",
                OscPath.Root, source.Root.Span, "an input document is a mapping with apiVersion, kind, metadata and spec");
            return null;
        }
        var apiVersion = (mapping.Get("apiVersion") as YamlScalar)?.Value;
        var kind = (mapping.Get("kind") as YamlScalar)?.Value;
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            var missing = string.IsNullOrEmpty(apiVersion) ? "apiVersion" : "kind";
            report.Add(DiagnosticCatalog.NotAnObject, $"the document has no {missing}, so Osc cannot tell what it is",
                OscPath.Property(OscPath.Root, missing), mapping.Span,
                "add apiVersion: extensions.gardener.cloud/v1alpha1 and kind: OperatingSystemConfig (or v1 Secret)");
            return null;
        }
        var known = DocumentKinds.Find(apiVersion, kind);
        if (known is null)
        {
            var kindNode = mapping.Get("kind")!;
            var suggestion = DocumentKinds.SuggestKind(kind) is { } k && k != kind
                ? $"did you mean kind {k}?"
                : DocumentKinds.SuggestApiVersion(apiVersion, kind) is { } a ? $"did you mean apiVersion {a}?" : null;
            report.Add(DiagnosticCatalog.UnknownDocumentKind, $"Osc does not read {apiVersion} {kind} documents",
                OscPath.Root, kindNode.Span,
                (suggestion is null ? "" : suggestion + " ") + "Osc reads: " + string.Join("; ", DocumentKinds.Names) + "; and a List or *List of them");
            return null;
        }
        var ctx = new BindContext(report, positions) { UnknownFieldsIgnored = known.UnknownFieldsIgnored };
        return known.Bind(source.Root, ctx) switch
        {
            OperatingSystemConfig osc => new LoadedDocument<OperatingSystemConfig>(osc, KeepProviderConfigOnly(source, mapping), positions),
            Secret secret => new LoadedDocument<Secret>(secret, source, positions),
            UbuntuExtensionConfig ubuntu => new LoadedDocument<UbuntuExtensionConfig>(ubuntu, source, positions),
            CoreosExtensionConfig coreos => new LoadedDocument<CoreosExtensionConfig>(coreos, source, positions),
            MemoryOneGardenLinuxConfiguration m => new LoadedDocument<MemoryOneGardenLinuxConfiguration>(m, source, positions),
            MemoryOneChostConfiguration m => new LoadedDocument<MemoryOneChostConfiguration>(m, source, positions),
            OscNodeConfig node => new LoadedDocument<OscNodeConfig>(node, source, positions),
            var other => throw new InvalidOperationException("no document wrapper for " + other.GetType().Name),
        };
    }

    /// <summary>
    /// An OSC's tree is bound into its typed value and its SourceMap; only spec.providerConfig (whose
    /// schema is the OS extension's, bound later by <see cref="ProviderConfigNode"/>) is read again. The
    /// rest is let go, so a batch of many OSCs does not keep every tree alive (about 1.5 KB each for
    /// a minimal OSC; see docs/performance.md).
    /// </summary>
    private static YamlDocumentSource KeepProviderConfigOnly(YamlDocumentSource source, YamlMapping root)
    {
        var spec = root.Entries.FirstOrDefault(e => e.Key.Value == "spec");
        IReadOnlyList<YamlMappingEntry> kept = spec?.Value is YamlMapping specMapping && specMapping.Entries.FirstOrDefault(e => e.Key.Value == "providerConfig") is { } providerConfig
            ? [spec with { Value = new YamlMapping([providerConfig], specMapping.Span, specMapping.Tag) }]
            : [];
        return source with { Root = new YamlMapping(kept, root.Span, root.Tag) };
    }

    private const int MaxPresize = 1 << 14;

    private static (int Nodes, int Entries) CountNodes(YamlNode node, int nodes, int entries)
    {
        nodes++;
        if (nodes > MaxPresize)
        {
            return (nodes, entries); // enough for the estimate; an alias-heavy document need not be walked in full
        }
        switch (node)
        {
            case YamlMapping mapping:
                entries += mapping.Entries.Count;
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    (nodes, entries) = CountNodes(mapping.Entries[i].Value, nodes, entries);
                }
                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    (nodes, entries) = CountNodes(sequence.Items[i], nodes, entries);
                }
                break;
        }
        return (nodes, entries);
    }

    /// <summary>Two objects of one kind with the same namespace and name would overwrite each other's output.</summary>
    private static void ReportDuplicateObjects(List<LoadedDocument> documents, Report report)
    {
        var seen = new Dictionary<(Type, string?, string?), LoadedDocument>();
        foreach (var document in documents)
        {
            var (type, ns, name) = document switch
            {
                LoadedDocument<OperatingSystemConfig> o => (typeof(OperatingSystemConfig), o.Value.Metadata?.Namespace, o.Value.Metadata?.Name),
                LoadedDocument<Secret> s => (typeof(Secret), s.Value.Metadata.Namespace, s.Value.Metadata.Name),
                _ => (null, null, null),
            };
            if (type is null || string.IsNullOrEmpty(name))
            {
                continue;
            }
            if (seen.TryGetValue((type, ns, name), out var first))
            {
                var path = "$.metadata.name";
                report.Add(DiagnosticCatalog.DuplicateObject,
                    $"{type.Name} {(string.IsNullOrEmpty(ns) ? "" : ns + "/")}{name} is also defined in {first.DisplayName}",
                    path, document.Positions.Locate(path), "give each object its own name, or drop one");
            }
            else
            {
                seen[(type, ns, name)] = document;
            }
        }
    }
}
