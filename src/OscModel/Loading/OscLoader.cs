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
/// Secrets and OS extension configs, told apart by apiVersion and kind. Never throws for bad input.
/// </summary>
public static class OscLoader
{
    /// <summary>Reads files from disk; an unreadable file is reported (OSC1010), not thrown.</summary>
    public static OscInput LoadFiles(IEnumerable<string> paths, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var report = new Report();
        var inputs = new List<InputFile>();
        foreach (var path in paths)
        {
            if (ReadFile(path, report, limits) is { } input)
            {
                inputs.Add(input);
            }
        }
        return Load(inputs, limits, report);
    }

    /// <summary>Reads one file's bytes, or reports why it cannot (missing, unreadable, over the size limit) and returns null.</summary>
    public static InputFile? ReadFile(string path, Report report, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var start = new SourceSpan(path, new SourcePosition(1, 1), new SourcePosition(1, 1));
        try
        {
            var info = new FileInfo(path);
            var max = (limits ?? LoadLimits.Default).MaxInputBytes;
            if (info.Exists && info.Length > max)
            {
                report.Add(DiagnosticCatalog.InputTooLarge, $"{path} has {info.Length} bytes; the limit is {max}", null, start,
                    "split the input into several files");
                return null;
            }
            return new InputFile(path, File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            report.Add(DiagnosticCatalog.CannotRead, $"cannot read {path}: {ex.Message}", null, start, "check the path and its permissions");
            return null;
        }
    }

    public static OscInput LoadText(string displayName, string text, LoadLimits? limits = null) =>
        Load([new InputFile(displayName, Encoding.UTF8.GetBytes(text))], limits);

    public static OscInput Load(IEnumerable<InputFile> inputs, LoadLimits? limits = null, Report? report = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        report ??= new Report();
        var documents = new List<LoadedDocument>();
        // Documents of one shape have the same paths: their source maps share the strings.
        var pathPool = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            foreach (var source in YamlLoader.Load(input.DisplayName, input.Content, report, limits))
            {
                var document = Bind(source, report, pathPool);
                if (document is not null)
                {
                    documents.Add(document);
                }
            }
        }
        ReportDuplicateObjects(documents, report);
        return new OscInput(documents, report);
    }

    private static LoadedDocument? Bind(YamlDocumentSource source, Report report, Dictionary<string, string> pathPool)
    {
        // Binding records about one value per node (a mapping entry's key shares its value's row).
        var (nodes, _) = CountNodes(source.Root, 0, 0);
        var positions = new SourceMap(source.File, Math.Min(nodes, MaxPresize), pathPool);
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
        var bind = DocumentKinds.Find(apiVersion, kind);
        if (bind is null)
        {
            var kindNode = mapping.Get("kind")!;
            var suggestion = DocumentKinds.SuggestKind(kind) is { } k && k != kind
                ? $"did you mean kind {k}?"
                : DocumentKinds.SuggestApiVersion(apiVersion, kind) is { } a ? $"did you mean apiVersion {a}?" : null;
            report.Add(DiagnosticCatalog.UnknownDocumentKind, $"Osc does not read {apiVersion} {kind} documents",
                OscPath.Root, kindNode.Span,
                (suggestion is null ? "" : suggestion + " ") + "Osc reads: " + string.Join("; ", DocumentKinds.Names));
            return null;
        }
        var ctx = new BindContext(report, positions);
        return bind(source.Root, ctx) switch
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
