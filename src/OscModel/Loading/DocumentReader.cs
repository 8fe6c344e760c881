// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Model.Loading;

/// <summary>
/// Turns the parsed documents of the inputs into typed documents, reading what surrounds them as
/// kubectl and gardener-node-agent do: a <c>List</c> or <c>*List</c> gives its items (nested Lists
/// flattened, bounded), and a <c>v1</c> Secret whose <c>osc.yaml</c> key holds an OperatingSystemConfig
/// gives that OperatingSystemConfig, located in the decoded text.
/// </summary>
internal sealed class DocumentReader
{
    /// <summary>The key gardenlet writes the OperatingSystemConfig under, and gardener-node-agent reads it from.</summary>
    public const string NodeAgentDataKey = "osc.yaml";

    /// <summary>gardenlet's label and annotation on that Secret: they mark it even when its osc.yaml cannot be read.</summary>
    public const string RoleLabel = "gardener.cloud/role";
    public const string RoleLabelValue = "operating-system-config";
    public const string ChecksumAnnotation = "checksum/data-script";

    private readonly Report _report;
    private readonly LoadLimits _limits;
    private readonly List<InputFile> _embedded = [];
    // Documents of one shape have the same paths: their source maps share the strings.
    private readonly Dictionary<string, string> _pathPool = new(StringComparer.Ordinal);
    // List items already read: an item repeated through a YAML alias is the same object, read once.
    private readonly Dictionary<YamlNode, string> _items = new(ReferenceEqualityComparer.Instance);
    private long _decodedBytes;
    private long _decodedNodes;

    public DocumentReader(Report report, LoadLimits limits)
    {
        _report = report;
        _limits = limits;
    }

    public List<LoadedDocument> Documents { get; } = [];

    public IReadOnlyList<InputFile> EmbeddedInputs => _embedded;

    /// <summary>Starts a new input: the decoded-bytes budget is per input, as the input size limit is.</summary>
    public void BeginInput()
    {
        _decodedBytes = 0;
        _decodedNodes = 0;
        _items.Clear();
    }

    public void Read(YamlDocumentSource source) => Read(source, 0);

    private void Read(YamlDocumentSource source, int listDepth)
    {
        if (AsList(source.Root) is { } list)
        {
            ReadList(source, list, listDepth);
            return;
        }
        if (source.RootPath != OscPath.Root)
        {
            _report.AddDocumentScope(source.Root.Span, source.RootPath);
        }
        if (OscLoader.Bind(source, _report, _pathPool) is not { } document)
        {
            return;
        }
        Documents.Add(document);
        if (document is LoadedDocument<Secret> secret)
        {
            ReadNodeAgentSecret(secret);
        }
    }

    /// <summary>
    /// A List as apimachinery recognises one: <c>kind</c> <c>List</c> or <c>…List</c> with an apiVersion
    /// (kubectl prints <c>v1 List</c>; the API serves typed lists such as <c>OperatingSystemConfigList</c>).
    /// </summary>
    private static YamlMapping? AsList(YamlNode root) =>
        root is YamlMapping mapping
        && mapping.Get("kind") is YamlScalar { Value: { } kind } && kind.EndsWith("List", StringComparison.Ordinal)
        && mapping.Get("apiVersion") is YamlScalar { Value.Length: > 0 }
            ? mapping
            : null;

    private void ReadList(YamlDocumentSource source, YamlMapping list, int listDepth)
    {
        var root = source.RootPath;
        var apiVersion = ((YamlScalar)list.Get("apiVersion")!).Value;
        var kind = ((YamlScalar)list.Get("kind")!).Value;
        if (listDepth >= _limits.MaxListNesting)
        {
            Add(DiagnosticCatalog.NestingTooDeep, $"Lists nest deeper than {_limits.MaxListNesting} levels", root, list.Span,
                "put the objects in one List; no input needs Lists this deep");
            return;
        }
        foreach (var entry in list.Entries)
        {
            if (entry.Key.Value is not ("apiVersion" or "kind" or "metadata" or "items"))
            {
                Add(DiagnosticCatalog.UnknownField, $"unknown field '{entry.Key.Value}' in {kind}", OscPath.Property(root, entry.Key.Value), entry.Key.Span,
                    "a List has apiVersion, kind, metadata and items");
            }
        }
        var itemsPath = OscPath.Property(root, "items");
        var items = list.Get("items");
        if (items is null)
        {
            Add(DiagnosticCatalog.MissingRequired, $"required field 'items' is missing in {kind}", itemsPath, list.Span,
                "add items: with the objects, as kubectl get -o yaml prints them");
            return;
        }
        if (items is not YamlSequence sequence)
        {
            if (!Binding.BindContext.IsNull(items))
            {
                Add(DiagnosticCatalog.WrongType, $"expected a list of objects, found a {items.KindName}", itemsPath, items.Span,
                    "write each object as an item (- apiVersion: …) under items:");
            }
            return;
        }
        // Items of a typed list may leave out apiVersion and kind: they are the list's own, as apimachinery fills them in.
        var itemKind = kind == "List" ? null : kind[..^"List".Length];
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var itemPath = OscPath.Index(itemsPath, i);
            if (_items.TryGetValue(item, out var first))
            {
                Add(DiagnosticCatalog.DuplicateObject, $"this item is the object at {first} again (a YAML alias); it is read once", itemPath, item.Span,
                    "list each object once");
                continue;
            }
            _items[item] = itemPath;
            if (itemKind is not null && item is YamlMapping fields && fields.Get("apiVersion") is null && fields.Get("kind") is null)
            {
                item = WithTypeOf(fields, apiVersion, itemKind);
            }
            Read(source with { Root = item, RootPath = itemPath }, listDepth + 1);
        }
    }

    private static YamlMapping WithTypeOf(YamlMapping item, string apiVersion, string kind)
    {
        var at = new SourceSpan(item.Span.File, item.Span.Start, item.Span.Start);
        var entries = new List<YamlMappingEntry>(item.Entries.Count + 2)
        {
            new(new YamlScalar("apiVersion", ScalarStyle.Plain, at), new YamlScalar(apiVersion, ScalarStyle.DoubleQuoted, at)),
            new(new YamlScalar("kind", ScalarStyle.Plain, at), new YamlScalar(kind, ScalarStyle.DoubleQuoted, at)),
        };
        entries.AddRange(item.Entries);
        return new YamlMapping(entries, item.Span, item.Tag);
    }

    /// <summary>
    /// The Secret gardenlet writes for gardener-node-agent (kube-system, key osc.yaml): its OperatingSystemConfig is
    /// read from the decoded text. A Secret is taken for one when its osc.yaml holds an OperatingSystemConfig, or
    /// when it carries gardenlet's role label or checksum annotation (then an unreadable osc.yaml is an error).
    /// </summary>
    private void ReadNodeAgentSecret(LoadedDocument<Secret> secret)
    {
        if (!secret.Value.Data.TryGetValue(NodeAgentDataKey, out var bytes))
        {
            return;
        }
        var mapping = (YamlMapping)secret.Source.Root;
        var field = (mapping.Get("stringData") as YamlMapping)?.Get(NodeAgentDataKey) is not null ? "stringData" : "data";
        var keyPath = OscPath.Property(OscPath.Property(OscPath.Root, field), NodeAgentDataKey);
        var metadata = secret.Value.Metadata;
        var marked = (metadata.Labels?.TryGetValue(RoleLabel, out var role) == true && role == RoleLabelValue)
            || metadata.Annotations?.ContainsKey(ChecksumAnnotation) == true;
        // The decoded texts of one input share one byte budget and one node budget (a List may repeat a small
        // Secret whose osc.yaml expands aliases: each text alone would be within the limits).
        _decodedBytes += bytes.LongLength;
        if (_decodedBytes > _limits.MaxDecodedBytes || _decodedNodes >= _limits.MaxNodes)
        {
            _report.Add(DiagnosticCatalog.InputTooLarge,
                $"the osc.yaml texts of gardener-node-agent Secrets in this input decode to more than {_limits.MaxDecodedBytes} bytes or {_limits.MaxNodes} YAML nodes",
                keyPath, secret.Positions.Locate(keyPath), "split the input into several files");
            return;
        }
        var name = $"{secret.DisplayName}: Secret {Printable(metadata.Namespace, metadata.Name)} {field}[{NodeAgentDataKey}]";
        var scratch = new Report();
        var remainingNodes = _limits.MaxNodes - _decodedNodes;
        var sources = YamlLoader.Load(name, bytes, scratch, _limits with { MaxNodes = remainingNodes });
        foreach (var parsed in sources)
        {
            _decodedNodes += ExpandedNodes(parsed.Root, remainingNodes + 1);
        }
        var osc = sources.Count == 1 && sources[0].Root is YamlMapping root
            && (root.Get("apiVersion") as YamlScalar)?.Value == OperatingSystemConfigBinder.ApiVersion
            && (root.Get("kind") as YamlScalar)?.Value == OperatingSystemConfigBinder.Kind
                ? sources[0]
                : null;
        if (osc is null && !marked)
        {
            return; // an ordinary Secret whose key happens to be called osc.yaml (file content for a secretRef)
        }
        _embedded.Add(new InputFile(name, bytes));
        _report.AddRange(scratch.Items);
        if (osc is null)
        {
            if (!scratch.HasErrors)
            {
                var what = sources.Count == 0 ? "no document" : sources.Count > 1 ? $"{sources.Count} documents" : "a " + Describe(sources[0].Root);
                _report.Add(DiagnosticCatalog.NotNodeAgentOsc,
                    $"{field}['{NodeAgentDataKey}'] of this gardener-node-agent Secret holds {what}, not one OperatingSystemConfig; gardener-node-agent fails to decode it",
                    keyPath, secret.Positions.Locate(keyPath),
                    $"put the OperatingSystemConfig (apiVersion: {OperatingSystemConfigBinder.ApiVersion}, kind: {OperatingSystemConfigBinder.Kind}) in {NodeAgentDataKey}, and nothing else");
            }
            return;
        }
        ReadNodeAgentOsc(secret, osc);
    }

    /// <summary>
    /// Binds the OperatingSystemConfig of a node-agent Secret as gardener-node-agent reads it. gardenlet keeps
    /// only units, files, criConfig and inPlaceUpdates (spec) and extensionUnits, extensionFiles and inPlaceUpdates
    /// (status); metadata, type and purpose are left empty on purpose and node-agent never reads them. So a missing
    /// or empty type or purpose is no finding, the object is a reconcile one, and it is named after its Secret.
    /// </summary>
    private void ReadNodeAgentOsc(LoadedDocument<Secret> secret, YamlDocumentSource source)
    {
        var bound = new Report();
        if (OscLoader.Bind(source, bound, _pathPool) is not LoadedDocument<OperatingSystemConfig> document)
        {
            _report.AddRange(bound.Items);
            return;
        }
        _report.AddRange(bound.Items.Where(d => !(d.Code == DiagnosticCatalog.MissingRequired.Code && d.Path is "$.spec.type" or "$.spec.purpose")));
        var osc = document.Value;
        var metadata = (osc.Metadata ?? new ObjectMeta()) with { Name = secret.Value.Metadata.Name, Namespace = secret.Value.Metadata.Namespace };
        Documents.Add(document with
        {
            Value = osc with { Metadata = metadata, Spec = osc.Spec with { Purpose = Purpose.Reconcile } },
            NodeAgentSecret = secret,
        });
    }

    /// <summary>How many nodes <paramref name="node"/> stands for with its aliases expanded, counted up to <paramref name="limit"/>.</summary>
    private static long ExpandedNodes(YamlNode node, long limit)
    {
        long count = 0;
        var pending = new Stack<YamlNode>();
        pending.Push(node);
        while (pending.Count > 0 && count < limit)
        {
            count++;
            switch (pending.Pop())
            {
                case YamlMapping mapping:
                    count += mapping.Entries.Count; // the keys, as the YAML loader counts them
                    foreach (var entry in mapping.Entries)
                    {
                        pending.Push(entry.Value);
                    }
                    break;
                case YamlSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        pending.Push(item);
                    }
                    break;
            }
        }
        return count;
    }

    private static string Describe(YamlNode node) =>
        node is YamlMapping mapping && mapping.Get("kind") is YamlScalar { Value: { Length: > 0 } kind }
            ? $"{Printable((mapping.Get("apiVersion") as YamlScalar)?.Value)} {Printable(kind)}".TrimStart()
            : node.KindName;

    /// <summary><c>namespace/name</c> as a finding may show it: names that are not plain DNS names are quoted and escaped.</summary>
    private static string Printable(string? ns, string? name) =>
        (string.IsNullOrEmpty(ns) ? "" : Printable(ns) + "/") + (string.IsNullOrEmpty(name) ? "(no name)" : Printable(name));

    private static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (text.Length <= 253 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
        {
            return text;
        }
        var builder = new StringBuilder("\"");
        foreach (var c in text.Length > 253 ? text[..253] : text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
                    => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return builder.Append(text.Length > 253 ? "…\"" : "\"").ToString();
    }

    private void Add(DiagnosticDescriptor descriptor, string message, string path, SourceSpan span, string hint) =>
        _report.AddAsLocated(new OscDiagnostic(descriptor.Code, descriptor.Severity, message, path, span, hint));
}
