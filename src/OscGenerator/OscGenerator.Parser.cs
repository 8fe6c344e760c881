// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Osc.Generator.Helpers;
using Osc.Generator.Model;

namespace Osc.Generator;

public sealed partial class OscGenerator
{
    /// <summary>Schema text → <see cref="SchemaSpec"/> and diagnostics. Never throws for a bad schema.</summary>
    internal sealed class Parser
    {
        private readonly string _filePath;
        private readonly string _fileName;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly Dictionary<string, JsonObjectNode> _defs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TypeRefSpec> _resolvedDefs = new(StringComparer.Ordinal);
        private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RecordSpec> _records = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EnumSpec> _enums = new(StringComparer.Ordinal);

        /// <summary>Every record and enum name this file emits, with the schema object it comes from (the first one).</summary>
        private readonly Dictionary<string, JsonObjectNode> _typeSources = new(StringComparer.Ordinal);
        private JsonObjectNode? _root;

        private Parser(string filePath)
        {
            _filePath = filePath;
            _fileName = Path.GetFileName(filePath);
        }

        public static ParseResult Parse(string filePath, string text, string @namespace, CancellationToken cancellationToken)
        {
            var parser = new Parser(filePath);
            var spec = parser.ParseSchema(text, @namespace, cancellationToken);
            return new ParseResult(spec, parser._diagnostics.ToEquatableArray());
        }

        private SchemaSpec? ParseSchema(string text, string @namespace, CancellationToken cancellationToken)
        {
            JsonValueNode rootNode;
            try
            {
                rootNode = SchemaJsonReader.Parse(text);
            }
            catch (SchemaJsonException ex)
            {
                Report(DiagnosticDescriptors.InvalidJson.Id, new LocationInfo(_filePath, ex.Offset, 0, ex.Line, ex.Column), _fileName, ex.Message);
                return null;
            }
            if (rootNode is not JsonObjectNode root)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct.Id, At(rootNode), _fileName, "the schema root must be an object");
                return null;
            }

            var rootName = StringOf(root, "title") ?? Naming.ToPascalCase(StripSchemaSuffix(_fileName));
            if (!CheckTypeName(rootName, root))
            {
                return null;
            }

            if (root.Get("$defs") is { } defsNode)
            {
                if (defsNode is JsonObjectNode defs)
                {
                    foreach (var member in defs.Members)
                    {
                        if (member.Value is JsonObjectNode def)
                        {
                            _defs[member.Key] = def;
                        }
                        else
                        {
                            Unsupported(member.Value, "$defs entry '" + member.Key + "' must be an object");
                        }
                    }
                }
                else
                {
                    Unsupported(defsNode, "'$defs' must be an object");
                }
            }

            foreach (var name in _defs.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ResolveDef(name);
            }

            var rootType = StringOf(root, "type");
            if (rootType != "object" || root.Get("properties") is not JsonObjectNode)
            {
                Unsupported(root, "the schema root must have \"type\": \"object\" and \"properties\"");
                return null;
            }
            CheckKeywords(root, isRoot: true);
            _root = root;
            BuildRecord(rootName, root);
            CheckHelperTypeNames(rootName + "Binder", "the binder of " + rootName);
            foreach (var name in _enums.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                CheckHelperTypeNames(name + "Wire", "the wire helpers of enum " + name);
            }

            var properties = (JsonObjectNode)root.Get("properties")!;
            var apiVersion = ConstOf(properties.Get("apiVersion"));
            var kind = ConstOf(properties.Get("kind"));

            return new SchemaSpec(
                _filePath,
                _fileName,
                @namespace,
                rootName,
                rootName + "Binder",
                apiVersion,
                kind,
                _records.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToEquatableArray(),
                _enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray());
        }

        private static string StripSchemaSuffix(string fileName)
        {
            const string suffix = ".schema.json";
            return fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? fileName.Substring(0, fileName.Length - suffix.Length) : fileName;
        }

        private static string? ConstOf(JsonValueNode? node) =>
            node is JsonObjectNode obj && obj.Get("const") is JsonStringNode s ? s.Value : null;

        private bool CheckTypeName(string name, JsonValueNode at)
        {
            if (!Naming.IsValidIdentifier(name))
            {
                Report(DiagnosticDescriptors.InvalidTypeName.Id, At(at), _fileName, name);
                return false;
            }
            if (Naming.ImplicitUsingTypeNames.Contains(name))
            {
                Report(DiagnosticDescriptors.ImplicitUsingCollision.Id, At(at), _fileName, name);
            }
            return true;
        }

        /// <summary>The type a $defs entry stands for; records and enums are built once.</summary>
        private TypeRefSpec? ResolveDef(string name)
        {
            if (_resolvedDefs.TryGetValue(name, out var known))
            {
                return known;
            }
            var def = _defs[name];
            if (IsRecordSchema(def) || def.Get("enum") is not null)
            {
                // Named types are referenced by name, so recursion through them is fine.
                if (!CheckTypeName(name, def))
                {
                    return null;
                }
                var named = new TypeRefSpec(def.Get("enum") is not null ? TypeKind.Enum : TypeKind.Record, name);
                _resolvedDefs[name] = named;
                if (named.Kind == TypeKind.Enum)
                {
                    BuildEnum(name, def);
                }
                else
                {
                    CheckKeywords(def, isRoot: false);
                    BuildRecord(name, def);
                }
                return named;
            }
            if (!_resolving.Add(name))
            {
                Unsupported(def, "$defs entry '" + name + "' refers to itself without an object in between");
                return null;
            }
            var alias = ResolveType(def, name, string.Empty);
            _resolving.Remove(name);
            if (alias is not null)
            {
                _resolvedDefs[name] = alias;
            }
            return alias;
        }

        private static bool IsRecordSchema(JsonObjectNode schema) => schema.Get("properties") is JsonObjectNode;

        private void BuildRecord(string name, JsonObjectNode schema)
        {
            if (!ClaimTypeName(name, schema))
            {
                return;
            }
            var properties = (JsonObjectNode)schema.Get("properties")!;
            var required = new HashSet<string>(StringComparer.Ordinal);
            if (schema.Get("required") is { } requiredNode)
            {
                if (requiredNode is JsonArrayNode list)
                {
                    foreach (var item in list.Items)
                    {
                        if (item is JsonStringNode s)
                        {
                            required.Add(s.Value);
                            if (properties.Get(s.Value) is null)
                            {
                                Report(DiagnosticDescriptors.RequiredNotDeclared.Id, At(item), _fileName, s.Value);
                            }
                        }
                        else
                        {
                            Unsupported(item, "'required' must list property names");
                        }
                    }
                }
                else
                {
                    Unsupported(requiredNode, "'required' must be an array");
                }
            }

            var allowsUnknown = schema.Get("additionalProperties") is JsonLiteralNode { Text: "true" };
            if (schema.Get("additionalProperties") is JsonObjectNode)
            {
                Unsupported(schema.Get("additionalProperties")!, "an object with 'properties' cannot also have an 'additionalProperties' schema");
            }

            var props = new List<PropertySpec>();
            var usedNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in properties.Members)
            {
                if (member.Value is not JsonObjectNode propSchema)
                {
                    Unsupported(member.Value, "property '" + member.Key + "' must have a schema object");
                    continue;
                }
                var csName = Naming.ToPascalCase(member.Key);
                if (csName.Length == 0)
                {
                    csName = "Value";
                }
                if (csName == name)
                {
                    csName += "Value";
                }
                while (!usedNames.Add(csName))
                {
                    csName += "_";
                }
                var type = ResolveType(propSchema, name, member.Key);
                if (type is null)
                {
                    continue;
                }
                props.Add(new PropertySpec(
                    member.Key,
                    csName,
                    type,
                    required.Contains(member.Key),
                    DescriptionOf(propSchema),
                    propSchema.Get("default") is { } d ? RawText(d) : null,
                    propSchema.Get("const") is JsonStringNode c ? c.Value : null));
            }

            var removed = new List<RemovedFieldSpec>();
            if (schema.Get("x-osc-removed") is { } removedNode)
            {
                if (removedNode is JsonObjectNode removedObj)
                {
                    foreach (var member in removedObj.Members)
                    {
                        removed.Add(new RemovedFieldSpec(member.Key, (member.Value as JsonStringNode)?.Value ?? "removed"));
                    }
                }
                else
                {
                    Unsupported(removedNode, "'x-osc-removed' must map field names to hints");
                }
            }

            _records[name] = new RecordSpec(name, DescriptionOf(schema), props.ToEquatableArray(),
                removed.OrderBy(r => r.JsonName, StringComparer.Ordinal).ToEquatableArray(), allowsUnknown);
        }

        private void BuildEnum(string name, JsonObjectNode schema)
        {
            if (!ClaimTypeName(name, schema))
            {
                return;
            }
            CheckKeywords(schema, isRoot: false);
            if (schema.Get("type") is { } typeNode && (typeNode as JsonStringNode)?.Value != "string")
            {
                Unsupported(typeNode, "enum '" + name + "' must have \"type\": \"string\"");
                return;
            }
            if (schema.Get("enum") is not JsonArrayNode values || values.Items.Count == 0)
            {
                Unsupported(schema, "enum '" + name + "' must list at least one string value");
                return;
            }
            var wireNames = new List<string>();
            foreach (var item in values.Items)
            {
                if (item is JsonStringNode s)
                {
                    wireNames.Add(s.Value);
                }
                else
                {
                    Unsupported(item, "enum '" + name + "' may only hold strings");
                    return;
                }
            }
            List<string> csNames;
            if (schema.Get("x-enumNames") is { } namesNode)
            {
                csNames = (namesNode as JsonArrayNode)?.Items.OfType<JsonStringNode>().Select(s => s.Value).ToList() ?? new List<string>();
                if (csNames.Count != wireNames.Count)
                {
                    Report(DiagnosticDescriptors.BadEnumNames.Id, At(namesNode), _fileName, name,
                        "'x-enumNames' must hold one string per enum value (" + wireNames.Count.ToString(CultureInfo.InvariantCulture) + ")");
                    return;
                }
            }
            else
            {
                csNames = wireNames.Select(Naming.ToPascalCase).ToList();
            }
            for (var i = 0; i < csNames.Count; i++)
            {
                if (!Naming.IsValidIdentifier(csNames[i]))
                {
                    Report(DiagnosticDescriptors.BadEnumNames.Id, At(values.Items[i]), _fileName, name,
                        "value \"" + wireNames[i] + "\" gives no C# member name; add 'x-enumNames'");
                    return;
                }
            }
            if (csNames.Distinct(StringComparer.Ordinal).Count() != csNames.Count || wireNames.Distinct(StringComparer.Ordinal).Count() != wireNames.Count)
            {
                Report(DiagnosticDescriptors.BadEnumNames.Id, At(values), _fileName, name, "values or member names repeat");
                return;
            }
            string? unknownValueMeans = null;
            if (schema.Get("x-osc-unknown-value") is { } unknownNode)
            {
                if (unknownNode is not JsonStringNode { Value.Length: > 0 } unknownText)
                {
                    Unsupported(unknownNode, "'x-osc-unknown-value' must be a string saying what another value means");
                    return;
                }
                unknownValueMeans = unknownText.Value;
            }
            var emptyIsUnset = false;
            if (schema.Get("x-osc-empty-is-unset") is { } emptyNode)
            {
                if (emptyNode is not JsonLiteralNode { Text: "true" or "false" } emptyLiteral)
                {
                    Unsupported(emptyNode, "'x-osc-empty-is-unset' must be true or false");
                    return;
                }
                emptyIsUnset = emptyLiteral.Text == "true";
            }
            _enums[name] = new EnumSpec(name, DescriptionOf(schema),
                wireNames.Select((w, i) => new EnumMemberSpec(w, csNames[i])).ToEquatableArray(), unknownValueMeans, emptyIsUnset);
        }

        /// <summary>The C# type of a property schema, building inline records/enums as needed.</summary>
        private TypeRefSpec? ResolveType(JsonObjectNode schema, string owner, string propertyName)
        {
            if (schema.Get("$ref") is { } refNode)
            {
                foreach (var member in schema.Members)
                {
                    if (member.Key != "$ref" && member.Key != "description" && member.Key != "$comment" && member.Key != "default")
                    {
                        Unsupported(member.Value, "'" + member.Key + "' beside '$ref' is not supported; put it on the $defs entry");
                    }
                }
                var target = (refNode as JsonStringNode)?.Value ?? string.Empty;
                const string prefix = "#/$defs/";
                if (!target.StartsWith(prefix, StringComparison.Ordinal) || !_defs.ContainsKey(target.Substring(prefix.Length)))
                {
                    Report(DiagnosticDescriptors.UnresolvedReference.Id, At(refNode), _fileName, target);
                    return null;
                }
                return ResolveDef(target.Substring(prefix.Length));
            }

            var inlineName = StringOf(schema, "title") ?? owner + Naming.ToPascalCase(propertyName);
            if (schema.Get("enum") is not null)
            {
                if (!CheckTypeName(inlineName, schema))
                {
                    return null;
                }
                BuildEnum(inlineName, schema);
                return new TypeRefSpec(TypeKind.Enum, inlineName);
            }

            CheckKeywords(schema, isRoot: false);
            var typeNode = schema.Get("type");
            if (typeNode is null)
            {
                return new TypeRefSpec(TypeKind.Any);
            }
            if (typeNode is not JsonStringNode typeName)
            {
                Unsupported(typeNode, "'type' must be a single type name (type lists such as [\"string\", \"null\"] are not supported)");
                return null;
            }
            switch (typeName.Value)
            {
                case "string":
                    return new TypeRefSpec(TypeKind.String);
                case "boolean":
                    return new TypeRefSpec(TypeKind.Boolean);
                case "number":
                    return new TypeRefSpec(TypeKind.Number);
                case "integer":
                    var format = StringOf(schema, "format");
                    var kind = format switch
                    {
                        "int32" => TypeKind.Int32,
                        "uint32" => TypeKind.UInt32,
                        _ => TypeKind.Int64,
                    };
                    return new TypeRefSpec(kind, Minimum: IntegerOf(schema, "minimum"), Maximum: IntegerOf(schema, "maximum"));
                case "array":
                    if (schema.Get("items") is not JsonObjectNode items)
                    {
                        Unsupported(schema, "an array needs an 'items' schema object");
                        return null;
                    }
                    var element = ResolveType(items, owner, propertyName + "Item");
                    return element is null ? null : new TypeRefSpec(TypeKind.List, Element: element);
                case "object":
                    if (IsRecordSchema(schema))
                    {
                        if (!CheckTypeName(inlineName, schema))
                        {
                            return null;
                        }
                        BuildRecord(inlineName, schema);
                        return new TypeRefSpec(TypeKind.Record, inlineName);
                    }
                    if (schema.Get("additionalProperties") is JsonObjectNode valueSchema)
                    {
                        var value = ResolveType(valueSchema, owner, propertyName + "Value");
                        return value is null ? null : new TypeRefSpec(TypeKind.Map, Element: value);
                    }
                    return new TypeRefSpec(TypeKind.Any, ObjectOnly: true);
                default:
                    Unsupported(typeNode, "type '" + typeName.Value + "' is not supported (string, boolean, integer, number, array, object)");
                    return null;
            }
        }

        private void CheckKeywords(JsonObjectNode schema, bool isRoot)
        {
            foreach (var member in schema.Members)
            {
                var key = member.Key;
                if (SchemaKeywords.Annotation.Contains(key) || SchemaKeywords.Structural.Contains(key))
                {
                    if (key == "$defs" && !isRoot)
                    {
                        Unsupported(member.Value, "'$defs' is only supported at the schema root");
                    }
                    continue;
                }
                if (SchemaKeywords.Unenforced.Contains(key))
                {
                    Report(DiagnosticDescriptors.KeywordNotEnforced.Id, At(member.Value), _fileName, key);
                    continue;
                }
                if (key.StartsWith("x-", StringComparison.Ordinal))
                {
                    continue;
                }
                Unsupported(member.Value, "keyword '" + key + "' is not supported");
            }
        }

        private long? IntegerOf(JsonObjectNode schema, string key)
        {
            if (schema.Get(key) is not { } node)
            {
                return null;
            }
            if (node is JsonLiteralNode literal && long.TryParse(literal.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            Unsupported(node, "'" + key + "' must be an integer");
            return null;
        }

        private static string? StringOf(JsonObjectNode obj, string key) => (obj.Get(key) as JsonStringNode)?.Value;

        private static string? DescriptionOf(JsonObjectNode obj) => StringOf(obj, "description");

        private static string RawText(JsonValueNode node) => node switch
        {
            JsonStringNode s => "\"" + s.Value + "\"",
            JsonLiteralNode l => l.Text,
            JsonArrayNode a => "[" + string.Join(", ", a.Items.Select(RawText)) + "]",
            JsonObjectNode o => "{" + string.Join(", ", o.Members.Select(m => "\"" + m.Key + "\": " + RawText(m.Value))) + "}",
            _ => string.Empty,
        };

        /// <summary>
        /// Records that <paramref name="schema"/> emits type <paramref name="name"/>; false (OSC0011 on <paramref name="schema"/>)
        /// when another schema object already does, so neither silently replaces the other.
        /// </summary>
        private bool ClaimTypeName(string name, JsonObjectNode schema)
        {
            if (!_typeSources.TryGetValue(name, out var first))
            {
                _typeSources[name] = schema;
                return true;
            }
            if (ReferenceEquals(first, schema))
            {
                return true;
            }
            Report(DiagnosticDescriptors.TypeNameCollision.Id, At(schema), _fileName, name, Describe(first), Describe(schema));
            return false;
        }

        /// <summary>A generated helper type (binder, enum wire helpers) whose name a record or enum of this file takes already.</summary>
        private void CheckHelperTypeNames(string helperName, string helper)
        {
            if (_typeSources.TryGetValue(helperName, out var taken))
            {
                Report(DiagnosticDescriptors.TypeNameCollision.Id, At(taken), _fileName, helperName, Describe(taken), helper);
            }
        }

        private string Describe(JsonObjectNode schema)
        {
            // The reader counts lines and columns from 0; people and editors count from 1.
            var where = " (line " + (schema.Line + 1).ToString(CultureInfo.InvariantCulture) + ", column " + (schema.Column + 1).ToString(CultureInfo.InvariantCulture) + ")";
            if (ReferenceEquals(schema, _root))
            {
                return "the schema root" + where;
            }
            foreach (var def in _defs)
            {
                if (ReferenceEquals(def.Value, schema))
                {
                    return "$defs entry '" + def.Key + "'" + where;
                }
            }
            return "an inline schema" + where;
        }

        private LocationInfo At(JsonValueNode node) => new(_filePath, node.Offset, node.Length, node.Line, node.Column);

        private void Unsupported(JsonValueNode node, string message) =>
            Report(DiagnosticDescriptors.UnsupportedConstruct.Id, At(node), _fileName, message);

        private void Report(string id, LocationInfo? location, params string[] args) =>
            _diagnostics.Add(new DiagnosticInfo(id, location, args.ToEquatableArray()));
    }
}
