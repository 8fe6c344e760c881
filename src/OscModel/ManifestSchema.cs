// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Osc.Model;

/// <summary>
/// Derives the combined editor schema (<c>osc schema</c>) from the document schemas: every document
/// schema becomes a definition, a document is checked against the one whose apiVersion and kind it
/// carries (<c>if</c>/<c>then</c> on their <c>const</c> values), and Lists (<c>v1 List</c>, and
/// <c>&lt;Kind&gt;List</c> of each kind) check their items the same way. Written as JSON Schema
/// draft-07, which yaml-language-server implements: <c>definitions</c>, and a <c>$ref</c> with other
/// keywords beside it wrapped in <c>allOf</c>, since draft-07 ignores what stands beside a <c>$ref</c>.
/// </summary>
internal static class ManifestSchema
{
    private const string Draft07 = "http://json-schema.org/draft-07/schema#";
    private const string Id = "https://osc.dev/schemas/manifest.schema.json";

    private sealed record Document(string Name, string ApiVersion, string Kind, JsonObject Root);

    /// <summary>Keywords that only annotate; beside a <c>$ref</c> they may stay (editors show them on hover).</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "description", "title", "default", "examples", "$comment", "deprecated" };

    public static string Build(IEnumerable<(string Name, string Text)> schemas)
    {
        var documents = new List<Document>();
        var definitions = new JsonObject();
        foreach (var (name, text) in schemas)
        {
            var root = JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException($"schema {name} is not a JSON object");
            var id = DefinitionName(name);
            var body = new JsonObject();
            foreach (var (key, value) in root)
            {
                if (key is not ("$schema" or "$id" or "$defs"))
                {
                    body[key] = Rewrite(value, name);
                }
            }
            definitions[id] = body;
            if (root["$defs"] is JsonObject defs)
            {
                foreach (var (key, value) in defs)
                {
                    definitions[id + "." + key] = Rewrite(value, name);
                }
            }
            documents.Add(new Document(name, Const(root, "apiVersion", name), Const(root, "kind", name), body));
        }
        definitions["ListMeta"] = ListMeta();
        definitions["List"] = List("v1", "List", Ref("#"), "A list of documents, as kubectl get -o yaml|json prints several objects; each item is read as a document of its own.");
        foreach (var document in documents)
        {
            var id = DefinitionName(document.Name);
            definitions[id + ":list-item"] = ListItem(document.Root);
            // Items of a typed list may leave out apiVersion and kind: they are the list's (apimachinery fills them in).
            var item = new JsonObject
            {
                ["if"] = new JsonObject { ["anyOf"] = new JsonArray(Required("apiVersion"), Required("kind")) },
                ["then"] = Ref("#"),
                ["else"] = Ref($"#/definitions/{id}:list-item"),
            };
            definitions[id + ":list"] = List(document.ApiVersion, document.Kind + "List", item,
                $"A list of {document.Kind} objects, as the API serves them; each item is read as a document of its own.");
        }

        var kinds = new List<(string ApiVersion, string Kind, string Definition)> { ("v1", "List", "#/definitions/List") };
        foreach (var document in documents)
        {
            var id = DefinitionName(document.Name);
            kinds.Add((document.ApiVersion, document.Kind, $"#/definitions/{id}"));
            kinds.Add((document.ApiVersion, document.Kind + "List", $"#/definitions/{id}:list"));
        }
        var allOf = new JsonArray();
        foreach (var (apiVersion, kind, definition) in kinds)
        {
            allOf.Add((JsonNode)new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["apiVersion"] = new JsonObject { ["const"] = apiVersion }, ["kind"] = new JsonObject { ["const"] = kind } },
                    ["required"] = new JsonArray("apiVersion", "kind"),
                },
                ["then"] = Ref(definition),
            });
        }
        // A known kind with another apiVersion matches no document schema above: name the apiVersions it has.
        foreach (var group in kinds.GroupBy(k => k.Kind, StringComparer.Ordinal))
        {
            allOf.Add((JsonNode)new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = group.Key } },
                    ["required"] = new JsonArray("kind"),
                },
                ["then"] = new JsonObject
                {
                    ["properties"] = new JsonObject { ["apiVersion"] = Enum(group.Select(k => k.ApiVersion)) },
                },
            });
        }
        var manifest = new JsonObject
        {
            ["$schema"] = Draft07,
            ["$id"] = Id,
            ["$comment"] = "Derived by Osc (osc schema) from its document schemas; regenerate it rather than editing it.",
            ["title"] = "Osc input document",
            ["description"] = "Any document Osc reads, checked against the schema of its apiVersion and kind: "
                + string.Join("; ", documents.Select(d => $"{d.ApiVersion} {d.Kind}")) + "; and Lists of them (v1 List, <Kind>List).",
            ["type"] = "object",
            ["required"] = new JsonArray("apiVersion", "kind"),
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = WithDescription(Enum(kinds.Select(k => k.ApiVersion)), "The API version of this document."),
                ["kind"] = WithDescription(Enum(kinds.Select(k => k.Kind)), "The kind of this document; with apiVersion it decides which schema applies."),
            },
            ["allOf"] = allOf,
            ["definitions"] = definitions,
        };
        return Write(manifest);
    }

    private static string DefinitionName(string schemaName) => schemaName.Replace('/', '.');

    /// <summary>A copy of <paramref name="node"/> with its references resolved into the combined schema's definitions.</summary>
    private static JsonNode? Rewrite(JsonNode? node, string schemaName)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    // Values of const, enum, default and examples are data, not schemas.
                    copy[key] = key == "$ref" ? JsonValue.Create(Reference(value!.GetValue<string>(), schemaName))
                        : key is "const" or "enum" or "default" or "examples" ? value?.DeepClone()
                        : Rewrite(value, schemaName);
                }
                if (copy["$ref"] is { } reference && copy.Any(entry => entry.Key != "$ref" && !Annotations.Contains(entry.Key) && !entry.Key.StartsWith("x-", StringComparison.Ordinal)))
                {
                    copy.Remove("$ref");
                    copy["allOf"] = new JsonArray(new JsonObject { ["$ref"] = reference });
                }
                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => Rewrite(item, schemaName)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>A reference of schema <paramref name="schemaName"/> (<c>#</c>, <c>#/$defs/X</c>, <c>../other.schema.json#/$defs/X</c>) in the combined schema.</summary>
    private static string Reference(string reference, string schemaName)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        var target = schemaName;
        if (file.Length > 0)
        {
            if (!file.EndsWith(".schema.json", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"schema {schemaName}: $ref {reference} names no schema file");
            }
            var segments = schemaName.Split('/').SkipLast(1).ToList();
            foreach (var segment in file[..^".schema.json".Length].Split('/'))
            {
                if (segment == "..")
                {
                    if (segments.Count == 0)
                    {
                        throw new InvalidOperationException($"schema {schemaName}: $ref {reference} leaves schemas/");
                    }
                    segments.RemoveAt(segments.Count - 1);
                }
                else if (segment != ".")
                {
                    segments.Add(segment);
                }
            }
            target = string.Join('/', segments);
        }
        if (pointer.Length == 0)
        {
            return $"#/definitions/{DefinitionName(target)}";
        }
        const string defs = "/$defs/";
        if (!pointer.StartsWith(defs, StringComparison.Ordinal) || pointer.IndexOf('/', defs.Length) >= 0)
        {
            throw new InvalidOperationException($"schema {schemaName}: $ref {reference} is not '#' or '#/$defs/Name'");
        }
        return $"#/definitions/{DefinitionName(target)}.{pointer[defs.Length..]}";
    }

    private static string Const(JsonObject root, string property, string schemaName) =>
        root["properties"]?[property]?["const"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"schema {schemaName} has no const {property}, so no document can be matched to it");

    /// <summary>A document as the item of a typed list: apiVersion and kind may be left out.</summary>
    private static JsonObject ListItem(JsonObject root)
    {
        var item = root.DeepClone().AsObject();
        if (item["required"] is JsonArray required)
        {
            item["required"] = new JsonArray(required.Select(r => r!.GetValue<string>()).Where(r => r is not ("apiVersion" or "kind")).Select(r => (JsonNode)r).ToArray());
        }
        return item;
    }

    private static JsonObject List(string apiVersion, string kind, JsonNode item, string description) => new()
    {
        ["type"] = "object",
        ["description"] = description,
        ["additionalProperties"] = false,
        ["required"] = new JsonArray("apiVersion", "kind", "items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string", ["const"] = apiVersion },
            ["kind"] = new JsonObject { ["type"] = "string", ["const"] = kind },
            ["metadata"] = Ref("#/definitions/ListMeta"),
            ["items"] = new JsonObject { ["type"] = "array", ["description"] = "The documents.", ["items"] = item },
        },
    };

    private static JsonObject ListMeta() => new()
    {
        ["type"] = "object",
        ["description"] = "Standard list metadata.",
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["resourceVersion"] = new JsonObject { ["type"] = "string", ["description"] = "The version of the list the server returned (kubectl prints \"\")." },
            ["continue"] = new JsonObject { ["type"] = "string", ["description"] = "Token to read the next page of a paginated list." },
            ["remainingItemCount"] = new JsonObject { ["type"] = "integer", ["description"] = "How many items the following pages hold." },
            ["selfLink"] = new JsonObject { ["type"] = "string", ["description"] = "Deprecated: the list's URL." },
        },
    };

    private static JsonObject Ref(string target) => new() { ["$ref"] = target };

    private static JsonObject Required(string property) => new() { ["required"] = new JsonArray(property) };

    private static JsonObject Enum(IEnumerable<string> values) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray(values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(v => (JsonNode)v).ToArray()),
    };

    private static JsonObject WithDescription(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }

    private static string Write(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            node.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
