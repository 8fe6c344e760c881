// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using CoreScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace Osc.Model.Loading;

/// <summary>
/// Reads YAML (or JSON) text into positioned <see cref="YamlNode"/> trees, one per document.
/// Never throws for bad input: every problem is a located diagnostic. Bounded: size, nesting depth
/// and alias expansion are limited, so a hostile file costs little.
/// </summary>
public static class YamlLoader
{
    public static IReadOnlyList<YamlDocumentSource> Load(string file, string text, Report report, LoadLimits? limits = null) =>
        Load(file, Encoding.UTF8.GetBytes(text), report, limits);

    public static IReadOnlyList<YamlDocumentSource> Load(string file, byte[] bytes, Report report, LoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(report);
        limits ??= LoadLimits.Default;
        var text = TextChecks.Decode(file, bytes, report, limits);
        if (text is null)
        {
            return [];
        }
        var errorsBefore = report.ErrorCount;
        var documents = LooksLikeJson(text)
            ? JsonSyntaxReader.Read(file, text, report, limits)
            : new YamlEventReader(file, text, report, limits).ReadAll();
        // Empty, unless this file's own syntax error is why no document came out (the report may hold other files' findings).
        if (documents.Count == 0 && report.ErrorCount == errorsBefore)
        {
            report.Add(DiagnosticCatalog.EmptyInput, "the input holds no YAML document", null, TextChecks.At(file, 1, 1),
                "an input holds one or more documents such as an OperatingSystemConfig, separated by ---");
        }
        return documents;
    }

    private static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
            {
                continue;
            }
            return c is '{' or '[';
        }
        return false;
    }

    /// <summary>Walks YamlDotNet's parser events (the parser keeps its own stack; only our node builder recurses, bounded by MaxDepth).</summary>
    private sealed class YamlEventReader
    {
        private const string MergeKey = "<<";
        private readonly string _file;
        private readonly string _text;
        private readonly Report _report;
        private readonly LoadLimits _limits;
        private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
        private readonly Dictionary<YamlNode, long> _sizes = new(ReferenceEqualityComparer.Instance);
        // The path of the node being read, as segments (a key, or an index when Key is null); the
        // string is built only when a diagnostic needs it, not once per node.
        private readonly List<(string? Key, int Index)> _path = new();
        private long _expanded;
        // Over the whole input, not per document: the nodes aliases add, and the scalar bytes of the expanded text.
        private long _aliasNodes;
        private long _expandedBytes;
        // The height (levels of nesting) of the node read last, so an alias can be checked at the depth it is used.
        private int _lastHeight;
        private Mark _lastGood = Mark.Empty;

        public YamlEventReader(string file, string text, Report report, LoadLimits limits)
        {
            _file = file;
            _text = text;
            _report = report;
            _limits = limits;
        }

        public List<YamlDocumentSource> ReadAll()
        {
            var documents = new List<YamlDocumentSource>();
            var index = 0;
            try
            {
                var parser = new Parser(new Scanner(new StringReader(_text), skipComments: true));
                parser.Consume<StreamStart>();
                while (!parser.Accept<StreamEnd>(out _))
                {
                    parser.Consume<DocumentStart>();
                    _anchors.Clear();
                    _sizes.Clear();
                    _expanded = 0;
                    _path.Clear();
                    var root = ReadNode(parser, 1);
                    parser.Consume<DocumentEnd>();
                    if (!(root is YamlScalar { Style: Syntax.ScalarStyle.Plain, Tag: null } scalar && ScalarResolver.Resolve(scalar).Kind == ScalarKind.Null))
                    {
                        documents.Add(new YamlDocumentSource(_file, index, root));
                    }
                    index++;
                    if (index > _limits.MaxDocuments)
                    {
                        _report.Add(DiagnosticCatalog.InputTooLarge, $"the input has more than {_limits.MaxDocuments} documents", null,
                            Span(root), "split the input into several files");
                        return documents;
                    }
                }
            }
            catch (LoadAbortedException)
            {
                // already reported
            }
            catch (YamlException ex)
            {
                ReportSyntaxError(ex.Start, ex.Message);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
            {
                // YamlDotNet fails on some broken structures without a position; point after the last node it read.
                ReportSyntaxError(_lastGood, "the YAML structure is broken after this point (an unclosed '[' or '{', or a stray '...' or '---'?)");
            }
            return documents;
        }

        /// <summary>The JSON path of the node being read, for a diagnostic.</summary>
        private string CurrentPath()
        {
            var path = OscPath.Root;
            foreach (var (key, index) in _path)
            {
                path = key is null ? OscPath.Index(path, index) : OscPath.Property(path, key);
            }
            return path;
        }

        private YamlNode ReadNode(IParser parser, int depth)
        {
            var current = parser.Current ?? throw new YamlException("unexpected end of the input");
            _lastGood = current.End;
            if (depth > _limits.MaxDepth)
            {
                _report.Add(DiagnosticCatalog.NestingTooDeep, $"the input nests deeper than {_limits.MaxDepth} levels", CurrentPath(),
                    Span(current.Start, current.End), "flatten the document; no OperatingSystemConfig needs this depth");
                throw new LoadAbortedException();
            }
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        _report.Add(DiagnosticCatalog.YamlSyntax, $"alias *{alias.Value.Value} refers to no anchor defined before it", CurrentPath(),
                            Span(alias.Start, alias.End), $"define &{alias.Value.Value} earlier in the same document");
                        throw new LoadAbortedException();
                    }
                    if (depth + anchored.Height - 1 > _limits.MaxDepth)
                    {
                        // Anchors nested in anchors: each is shallow, their expansion is not (and the binder walks the expansion).
                        _report.Add(DiagnosticCatalog.NestingTooDeep, $"alias *{alias.Value.Value} expands to a nesting deeper than {_limits.MaxDepth} levels here",
                            CurrentPath(), Span(alias.Start, alias.End), "flatten the document; no OperatingSystemConfig needs this depth");
                        throw new LoadAbortedException();
                    }
                    Count(anchored.Size, alias.Start, alias.End);
                    _aliasNodes += anchored.Size;
                    if (_aliasNodes > _limits.MaxNodes)
                    {
                        ReportExpansion($"the input's YAML aliases add more than {_limits.MaxNodes} nodes (a 'billion laughs' input?)", alias.Start, alias.End);
                    }
                    CountBytes(anchored.Bytes, alias.Start, alias.End);
                    _lastHeight = anchored.Height;
                    return anchored.Node;
                case Scalar scalar:
                    parser.MoveNext();
                    Count(1, scalar.Start, scalar.End);
                    var bytes = Encoding.UTF8.GetByteCount(scalar.Value);
                    CountBytes(bytes, scalar.Start, scalar.End);
                    var node = new YamlScalar(scalar.Value, MapStyle(scalar.Style), Span(scalar.Start, scalar.End), TagOf(scalar.Tag));
                    _lastHeight = 1;
                    Remember(scalar.Anchor, new Anchored(node, 1, bytes, 1));
                    return node;
                case SequenceStart start:
                    return ReadSequence(parser, start, depth);
                case MappingStart start:
                    return ReadMapping(parser, start, depth);
                default:
                    throw new YamlException(current.Start, current.End, "unexpected " + current.GetType().Name);
            }
        }

        private YamlSequence ReadSequence(IParser parser, SequenceStart start, int depth)
        {
            parser.MoveNext();
            Count(1, start.Start, start.End);
            var before = _expanded;
            var bytesBefore = _expandedBytes;
            var height = 0;
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                _path.Add((null, items.Count));
                items.Add(ReadNode(parser, depth + 1));
                height = Math.Max(height, _lastHeight);
                _path.RemoveAt(_path.Count - 1);
            }
            var node = new YamlSequence(items, SpanTo(start.Start, items), TagOf(start.Tag));
            _lastHeight = height + 1;
            Remember(start.Anchor, new Anchored(node, 1 + _expanded - before, _expandedBytes - bytesBefore, height + 1));
            return node;
        }

        private YamlMapping ReadMapping(IParser parser, MappingStart start, int depth)
        {
            parser.MoveNext();
            Count(1, start.Start, start.End);
            var before = _expanded;
            var bytesBefore = _expandedBytes;
            var height = 0;
            var keys = new MappingKeys();
            List<YamlMappingEntry>? merged = null;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                var keyNode = ReadNode(parser, depth + 1);
                if (keyNode is not YamlScalar key)
                {
                    _report.Add(DiagnosticCatalog.ComplexKey, $"a mapping key is a {keyNode.KindName}; keys must be plain values", CurrentPath(),
                        Span(keyEvent.Start, keyEvent.End), "use a string key");
                    throw new LoadAbortedException();
                }
                _path.Add((key.Value, 0));
                var value = ReadNode(parser, depth + 1);
                height = Math.Max(height, _lastHeight);
                if (key.Value == MergeKey && key.Style == Syntax.ScalarStyle.Plain && key.Tag is null)
                {
                    AddMergeSources(value, merged ??= []);
                    _path.RemoveAt(_path.Count - 1);
                    continue;
                }
                if (keys.Find(key.Value) is { } first)
                {
                    _report.Add(DiagnosticCatalog.DuplicateKey, $"key '{key.Value}' appears twice in this mapping (first on line {first.Span.Start.Line})",
                        CurrentPath(), key.Span, "keep one of them; Kubernetes rejects duplicate fields");
                    throw new LoadAbortedException();
                }
                _path.RemoveAt(_path.Count - 1);
                keys.Add(new YamlMappingEntry(key, value));
            }
            // Merge keys (YAML 1.1, as go-yaml v2): explicit keys win, then earlier merge sources.
            if (merged is not null)
            {
                foreach (var entry in merged)
                {
                    if (keys.Find(entry.Key.Value) is null)
                    {
                        keys.Add(entry);
                    }
                }
            }
            var entries = keys.Entries;
            var node = new YamlMapping(entries, SpanTo(start.Start, entries.Count == 0 ? null : entries[^1].Value), TagOf(start.Tag));
            _lastHeight = height + 1;
            Remember(start.Anchor, new Anchored(node, 1 + _expanded - before, _expandedBytes - bytesBefore, height + 1));
            return node;
        }

        /// <summary>
        /// A mapping's entries with a key lookup: small mappings (nearly all of them) are searched
        /// linearly, without a dictionary per mapping; large ones get a dictionary so a hostile
        /// file cannot make the duplicate check quadratic.
        /// </summary>
        private struct MappingKeys
        {
            private const int LinearLimit = 16;
            private Dictionary<string, YamlScalar>? _index;

            public MappingKeys()
            {
                Entries = [];
            }

            public List<YamlMappingEntry> Entries { get; }

            public readonly YamlScalar? Find(string key)
            {
                if (_index is not null)
                {
                    return _index.GetValueOrDefault(key);
                }
                foreach (var entry in Entries)
                {
                    if (entry.Key.Value == key)
                    {
                        return entry.Key;
                    }
                }
                return null;
            }

            public void Add(YamlMappingEntry entry)
            {
                Entries.Add(entry);
                if (_index is not null)
                {
                    _index[entry.Key.Value] = entry.Key;
                }
                else if (Entries.Count > LinearLimit)
                {
                    _index = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
                    foreach (var e in Entries)
                    {
                        _index[e.Key.Value] = e.Key;
                    }
                }
            }
        }

        private void AddMergeSources(YamlNode value, List<YamlMappingEntry> merged)
        {
            var sources = value is YamlSequence sequence ? sequence.Items : [value];
            foreach (var source in sources)
            {
                if (source is not YamlMapping mapping)
                {
                    _report.Add(DiagnosticCatalog.YamlSyntax, "a merge key '<<' needs a mapping or a list of mappings", CurrentPath(), source.Span,
                        "write <<: *anchor where &anchor names a mapping");
                    throw new LoadAbortedException();
                }
                merged.AddRange(mapping.Entries);
            }
        }

        private void Count(long nodes, Mark start, Mark end)
        {
            _expanded += nodes;
            if (_expanded > _limits.MaxNodes)
            {
                ReportExpansion($"the document expands YAML aliases to more than {_limits.MaxNodes} nodes (a 'billion laughs' document?)", start, end);
            }
        }

        private void CountBytes(long bytes, Mark start, Mark end)
        {
            _expandedBytes += bytes;
            if (_expandedBytes > _limits.MaxExpandedBytes)
            {
                ReportExpansion($"the input's YAML aliases expand its text to more than {_limits.MaxExpandedBytes} bytes", start, end);
            }
        }

        private void ReportExpansion(string message, Mark start, Mark end)
        {
            _report.Add(DiagnosticCatalog.AliasExpansionLimit, message, CurrentPath(), Span(start, end),
                "use aliases sparingly; no OperatingSystemConfig repeats this much");
            throw new LoadAbortedException();
        }

        private void Remember(AnchorName anchor, Anchored anchored)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = anchored;
            }
        }

        /// <summary>What an alias of an anchor costs: its nodes, scalar bytes and height, all as expanded.</summary>
        private readonly record struct Anchored(YamlNode Node, long Size, long Bytes, int Height);

        private void ReportSyntaxError(Mark start, string message)
        {
            // The scanner may report a tab at the start of the construct, before the tab's own line.
            var tab = FindIndentingTab(message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? long.MaxValue : start.Line);
            if (tab is { } at)
            {
                _report.Add(DiagnosticCatalog.TabIndentation, "a tab character is used for indentation", null, TextChecks.At(_file, at.Line, at.Column),
                    "YAML indents with spaces only; replace the tab with spaces");
                return;
            }
            _report.Add(DiagnosticCatalog.YamlSyntax, CleanMessage(message), null,
                TextChecks.At(_file, Math.Max(1, (int)start.Line), Math.Max(1, (int)start.Column)),
                "the YAML cannot be read from here on; look for an unclosed quote or bracket, or an indentation change, at or above this line");
        }

        /// <summary>The first tab in the leading whitespace of a line up to the error line, where block YAML cannot have one.</summary>
        private (int Line, int Column)? FindIndentingTab(long errorLine)
        {
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i <= _text.Length && line <= errorLine; i++)
            {
                if (i == _text.Length || _text[i] == '\n')
                {
                    for (var j = lineStart; j < i && (_text[j] == ' ' || _text[j] == '\t'); j++)
                    {
                        if (_text[j] == '\t' && j + 1 < i)
                        {
                            return (line, j - lineStart + 1);
                        }
                    }
                    line++;
                    lineStart = i + 1;
                }
            }
            return null;
        }

        /// <summary>YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (…): "; the span says that already.</summary>
        private static string CleanMessage(string message)
        {
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            var text = message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0 ? message[(cut + 3)..] : message;
            return text.Length == 0 ? "YAML syntax error" : char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.');
        }

        private SourceSpan Span(Mark start, Mark end) =>
            new(_file, new SourcePosition((int)start.Line, (int)start.Column), new SourcePosition((int)end.Line, (int)end.Column));

        private static SourceSpan Span(YamlNode node) => node.Span;

        /// <summary>A collection's span runs from its start to the end of its last child.</summary>
        private SourceSpan SpanTo(Mark start, IReadOnlyList<YamlNode> children) => SpanTo(start, children.Count == 0 ? null : children[^1]);

        private SourceSpan SpanTo(Mark start, YamlNode? last)
        {
            var startPosition = new SourcePosition((int)start.Line, (int)start.Column);
            var end = last is null ? new SourcePosition(startPosition.Line, startPosition.Column + 1) : last.Span.End;
            return new SourceSpan(_file, startPosition, end);
        }

        private static Syntax.ScalarStyle MapStyle(CoreScalarStyle style) => style switch
        {
            CoreScalarStyle.SingleQuoted => Syntax.ScalarStyle.SingleQuoted,
            CoreScalarStyle.DoubleQuoted => Syntax.ScalarStyle.DoubleQuoted,
            CoreScalarStyle.Literal => Syntax.ScalarStyle.Literal,
            CoreScalarStyle.Folded => Syntax.ScalarStyle.Folded,
            _ => Syntax.ScalarStyle.Plain,
        };

        private static string? TagOf(TagName tag) => tag.IsEmpty ? null : tag.Value;
    }
}
