// SPDX-License-Identifier: Apache-2.0
namespace Osc.Generator.Tests;

/// <summary>Small schemas written for the generator tests: each exercises one construct.</summary>
internal static class TinySchemas
{
    public const string Widget = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Widget",
          "description": "A test document.",
          "type": "object",
          "additionalProperties": false,
          "required": ["apiVersion", "kind", "name"],
          "properties": {
            "apiVersion": { "type": "string", "const": "test.osc/v1" },
            "kind": { "type": "string", "const": "Widget" },
            "name": { "type": "string", "description": "The <name> & more." },
            "mode": { "type": "integer", "format": "uint32" },
            "size": { "type": "integer", "minimum": 1, "maximum": 10 },
            "enabled": { "type": "boolean", "default": true },
            "ratio": { "type": "number" },
            "color": { "$ref": "#/$defs/Color" },
            "parts": { "type": "array", "items": { "$ref": "#/$defs/Part" } },
            "tags": { "type": "array", "items": { "type": "string" } },
            "labels": { "type": "object", "additionalProperties": { "type": "string" } },
            "extra": { "x-kubernetes-preserve-unknown-fields": true },
            "grid": { "type": "array", "items": { "type": "array", "items": { "type": "integer", "format": "int32" } } }
          },
          "x-osc-removed": { "legacy": "removed in v2" },
          "$defs": {
            "Color": { "type": "string", "enum": ["dark-red", "", "b64"], "x-enumNames": ["DarkRed", "Plain", "B64"], "description": "A color." },
            "Part": {
              "type": "object",
              "additionalProperties": false,
              "required": ["id"],
              "properties": { "id": { "type": "string" }, "weight": { "type": "integer", "format": "int64" } }
            }
          }
        }
        """;
}
