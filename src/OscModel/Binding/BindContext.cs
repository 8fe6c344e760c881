// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;
using Osc.Shared;

namespace Osc.Model.Binding;

/// <summary>
/// What generated binders call while they turn a positioned YAML tree into records: it reads
/// scalars the Kubernetes way, records every path's position, and reports type errors, unknown
/// fields and missing required fields instead of throwing. Binding never fails: a bad value is
/// reported and replaced by the type's default, so validation still sees the whole document.
/// </summary>
public sealed class BindContext
{
    public BindContext(Report report, SourceMap positions)
    {
        Report = report ?? throw new ArgumentNullException(nameof(report));
        Positions = positions ?? throw new ArgumentNullException(nameof(positions));
    }

    public Report Report { get; }

    public SourceMap Positions { get; }

    /// <summary>
    /// The reader upstream decodes leniently (serializer.NewCodecFactory without EnableStrict: the
    /// CoreOS and memoryone configs): an unknown field is ignored there, so Osc warns (OSC1107) instead
    /// of refusing it (OSC1103, what kubectl's strict field validation and strict decoders do).
    /// </summary>
    public bool UnknownFieldsIgnored { get; init; }

    /// <summary>True for an absent value or a YAML null; the API server treats both as "not set".</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null || (node is YamlScalar scalar && ScalarResolver.Resolve(scalar).Kind == ScalarKind.Null);

    /// <summary>Starts an object: records its position and returns its mapping, or null (absent, null or reported as the wrong type).</summary>
    public YamlMapping? BeginObject(YamlNode? node, string path, string typeName)
    {
        if (node is null)
        {
            return null;
        }
        Positions.SetValue(path, node.Span);
        if (node is YamlMapping mapping)
        {
            return mapping;
        }
        if (!IsNull(node))
        {
            WrongType(node, path, $"an object ({typeName})", "write its fields indented on the lines below the key, as name: value pairs");
        }
        return null;
    }

    /// <summary>Enters a mapping entry: records the key's and the value's position and returns the entry's path.</summary>
    public string EnterField(YamlMappingEntry entry, string parentPath)
    {
        var path = OscPath.Property(parentPath, entry.Key.Value);
        Positions.SetKey(path, entry.Key.Span);
        Positions.SetValue(path, entry.Value.Span);
        return path;
    }

    public string? ReadString(YamlNode node, string path)
    {
        Positions.SetValue(path, node.Span);
        if (node is YamlScalar scalar)
        {
            var resolved = ScalarResolver.Resolve(scalar);
            switch (resolved.Kind)
            {
                case ScalarKind.String:
                    return scalar.Value;
                case ScalarKind.Null:
                    return null;
                default:
                    Report.Add(DiagnosticCatalog.WrongType,
                        $"expected a string, found the {resolved.KindName} {scalar.Value}",
                        path, node.Span, $"quote it: \"{scalar.Value}\" (unquoted, YAML reads it as a {resolved.KindName})");
                    return scalar.Value;
            }
        }
        WrongType(node, path, "a string", "write the text on the same line; quote it if YAML would read it as something else");
        return null;
    }

    public bool? ReadBoolean(YamlNode node, string path)
    {
        Positions.SetValue(path, node.Span);
        if (node is YamlScalar scalar)
        {
            var resolved = ScalarResolver.Resolve(scalar);
            if (resolved.Kind == ScalarKind.Bool)
            {
                return resolved.Bool;
            }
            if (resolved.Kind == ScalarKind.Null)
            {
                return null;
            }
        }
        WrongType(node, path, "a boolean (true or false)", "write true or false (unquoted)");
        return null;
    }

    public long? ReadInteger(YamlNode node, string path, long min, long max)
    {
        Positions.SetValue(path, node.Span);
        if (node is YamlScalar scalar)
        {
            var resolved = ScalarResolver.Resolve(scalar);
            long? value = resolved.Kind switch
            {
                ScalarKind.Int => resolved.Int,
                ScalarKind.Float when double.IsFinite(resolved.Float) && Math.Floor(resolved.Float) == resolved.Float
                    && resolved.Float >= long.MinValue && resolved.Float <= long.MaxValue => (long)resolved.Float,
                _ => null,
            };
            if (resolved.Kind == ScalarKind.Null)
            {
                return null;
            }
            if (value is { } v)
            {
                if (v < min || v > max)
                {
                    Report.Add(DiagnosticCatalog.IntegerOutOfRange,
                        $"{scalar.Value} is outside the range {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}",
                        path, node.Span, "use a value inside the range");
                    return null;
                }
                return v;
            }
            if (resolved.Kind == ScalarKind.String && scalar.Style != ScalarStyle.Plain
                && ScalarResolver.TryGoParseInt(scalar.Value, out _))
            {
                Report.Add(DiagnosticCatalog.WrongType, $"expected an integer, found the string \"{scalar.Value}\"",
                    path, node.Span, "remove the quotes");
                return null;
            }
        }
        WrongType(node, path, "an integer", "write a whole number such as 420, or an octal one with a leading 0 such as 0644");
        return null;
    }

    public double? ReadNumber(YamlNode node, string path)
    {
        Positions.SetValue(path, node.Span);
        if (node is YamlScalar scalar)
        {
            var resolved = ScalarResolver.Resolve(scalar);
            switch (resolved.Kind)
            {
                case ScalarKind.Int: return resolved.Int;
                case ScalarKind.Float: return resolved.Float;
                case ScalarKind.Null: return null;
            }
        }
        WrongType(node, path, "a number", "write a number such as 1 or 0.5 (unquoted)");
        return null;
    }

    /// <summary>
    /// Reads a free-form object (providerConfig, providerStatus, state: <c>type: object</c> with preserved
    /// unknown fields in the CRD): any mapping, or null; anything else is reported, as the API server does.
    /// </summary>
    public JsonNode? ReadAnyObject(YamlNode node, string path)
    {
        if (node is YamlMapping || IsNull(node))
        {
            return ReadAny(node, path);
        }
        Positions.SetValue(path, node.Span);
        WrongType(node, path, "an object", "write its fields indented on the lines below the key, as name: value pairs");
        return null;
    }

    /// <summary>Reads an arbitrary value (providerConfig, plugin values) as JSON, keeping every position.</summary>
    public JsonNode? ReadAny(YamlNode node, string path)
    {
        Positions.SetValue(path, node.Span);
        switch (node)
        {
            case YamlMapping mapping:
                var obj = new JsonObject();
                foreach (var entry in mapping.Entries)
                {
                    obj[entry.Key.Value] = ReadAny(entry.Value, EnterField(entry, path));
                }
                return obj;
            case YamlSequence sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    array.Add(ReadAny(sequence.Items[i], OscPath.Index(path, i)));
                }
                return array;
            case YamlScalar scalar:
                var resolved = ScalarResolver.Resolve(scalar);
                return resolved.Kind switch
                {
                    ScalarKind.Null => null,
                    ScalarKind.Bool => JsonValue.Create(resolved.Bool),
                    ScalarKind.Int => JsonValue.Create(resolved.Int),
                    // JSON has no NaN or infinity; keep the text so nothing is lost
                    ScalarKind.Float => double.IsFinite(resolved.Float) ? JsonValue.Create(resolved.Float) : JsonValue.Create(scalar.Value),
                    _ => JsonValue.Create(scalar.Value),
                };
            default:
                return null;
        }
    }

    /// <summary>Reads a sequence; each item is read by <paramref name="readItem"/>. Null or absent gives null.</summary>
    public IReadOnlyList<T>? ReadList<T>(YamlNode node, string path, Func<YamlNode, string, T> readItem)
    {
        Positions.SetValue(path, node.Span);
        if (node is YamlSequence sequence)
        {
            var items = new T[sequence.Items.Count];
            for (var i = 0; i < items.Length; i++)
            {
                var itemPath = OscPath.Index(path, i);
                Positions.SetValue(itemPath, sequence.Items[i].Span);
                items[i] = readItem(sequence.Items[i], itemPath);
            }
            return items;
        }
        if (!IsNull(node))
        {
            WrongType(node, path, "a list", "write each item on its own line starting with '- ', or [a, b] on one line");
        }
        return null;
    }

    /// <summary>Reads a mapping of names to values (labels, annotations, vsmpConfiguration).</summary>
    public IReadOnlyDictionary<string, T>? ReadMap<T>(YamlNode node, string path, Func<YamlNode, string, T> readValue)
    {
        Positions.SetValue(path, node.Span);
        if (node is YamlMapping mapping)
        {
            var map = new SortedDictionary<string, T>(StringComparer.Ordinal);
            foreach (var entry in mapping.Entries)
            {
                map[entry.Key.Value] = readValue(entry.Value, EnterField(entry, path));
            }
            return map;
        }
        if (!IsNull(node))
        {
            WrongType(node, path, "a mapping of names to values", "write name: value pairs indented below the key");
        }
        return null;
    }

    /// <summary>A list item or map value that must not be null: reports a null and returns "".</summary>
    public string ReadRequiredString(YamlNode node, string path)
    {
        if (IsNull(node))
        {
            Positions.SetValue(path, node.Span);
            Report.Add(DiagnosticCatalog.WrongType, "expected a string, found null", path, node.Span, "write a value or remove the item");
            return "";
        }
        return ReadString(node, path) ?? "";
    }

    /// <summary>Parses an enum's wire value; the generated <c>…Wire.TryParse</c> methods fit it.</summary>
    public delegate bool WireParser<T>(string? text, out T value);

    /// <summary>
    /// Reads an enum by its wire names; a value outside them is reported and gives null.
    /// <paramref name="emptyIsUnset"/>: the Go field has no omitempty, so <c>""</c> is its zero value and
    /// reads as unset (Go's decoder, then the type's defaulting). <paramref name="unknownValueMeans"/>:
    /// upstream accepts any value here (no CRD enum, no validation); another value reads as unset and
    /// is a warning (OSC1108) that says what it means on the node.
    /// </summary>
    public T? ReadEnum<T>(YamlNode node, string path, WireParser<T> tryParse, IReadOnlyList<string> allowed, bool required,
        bool emptyIsUnset = false, string? unknownValueMeans = null)
        where T : struct
    {
        var text = ReadString(node, path);
        if (text is null || (emptyIsUnset && text.Length == 0))
        {
            return null;
        }
        if (tryParse(text, out var value))
        {
            return value;
        }
        if (unknownValueMeans is not null)
        {
            Report.Add(DiagnosticCatalog.UnknownEnumValue, $"\"{text}\" is not one of {Quoted(allowed)}; {unknownValueMeans}", path, node.Span,
                (DidYouMean.Name(text, allowed) is { } suggestion ? $"did you mean \"{suggestion}\"? " : "") + "use one of: " + Quoted(allowed));
            return null;
        }
        UnsupportedValue(node, path, text, allowed, required);
        return null;
    }

    /// <summary>Reads a field that has exactly one allowed value (apiVersion, kind); another value is reported but kept.</summary>
    public string? ReadConst(YamlNode node, string path, string expected)
    {
        var text = ReadString(node, path);
        if (text is not null && text != expected)
        {
            UnsupportedValue(node, path, text, new[] { expected }, required: true);
        }
        return text;
    }

    /// <summary>Reports a value outside an enum; an empty value of a required field counts as missing.</summary>
    public void UnsupportedValue(YamlNode node, string path, string value, IReadOnlyList<string> allowed, bool required)
    {
        if (value.Length == 0 && required && !allowed.Contains(""))
        {
            Report.Add(DiagnosticCatalog.MissingRequired, "required field is empty", path, node.Span,
                "set one of: " + Quoted(allowed));
            return;
        }
        var hint = "use one of: " + Quoted(allowed);
        var suggestion = DidYouMean.Name(value, allowed);
        if (suggestion is not null)
        {
            hint = $"did you mean \"{suggestion}\"? " + hint;
        }
        Report.Add(DiagnosticCatalog.UnsupportedValue, $"\"{value}\" is not supported", path, node.Span, hint);
    }

    public void UnknownField(YamlMappingEntry entry, string path, string typeName, IReadOnlyList<string> known, IReadOnlyDictionary<string, string>? removed)
    {
        var name = entry.Key.Value;
        if (removed is not null && removed.TryGetValue(name, out var why))
        {
            Report.Add(DiagnosticCatalog.RemovedField, $"'{name}' no longer exists in {typeName}: {why}; kubectl apply's strict field validation refuses it",
                path, entry.Key.Span, "remove it");
            return;
        }
        var suggestion = DidYouMean.Name(name, known);
        var hint = suggestion is not null
            ? $"did you mean '{suggestion}'?"
            : known.Count == 0 ? "remove it" : "known fields: " + string.Join(", ", known);
        if (UnknownFieldsIgnored)
        {
            Report.Add(DiagnosticCatalog.UnknownFieldIgnored, $"unknown field '{name}' in {typeName}; the OS extension's decoder ignores it, so it has no effect",
                path, entry.Key.Span, hint);
            return;
        }
        Report.Add(DiagnosticCatalog.UnknownField, $"unknown field '{name}' in {typeName}; kubectl apply's strict field validation and the API server refuse it",
            path, entry.Key.Span, hint);
    }

    public void MissingRequired(YamlMapping mapping, string path, string field)
    {
        Report.Add(DiagnosticCatalog.MissingRequired, $"required field '{field}' is missing", OscPath.Property(path, field), mapping.Span,
            $"add '{field}:' here");
    }

    private void WrongType(YamlNode node, string path, string expected, string hint)
    {
        var found = node switch
        {
            YamlScalar s => $"the {ScalarResolver.Resolve(s).KindName} {Shorten(s.Value)}",
            _ => "a " + node.KindName,
        };
        Report.Add(DiagnosticCatalog.WrongType, $"expected {expected}, found {found}", path, node.Span, hint);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => "\"" + v + "\""));
}
