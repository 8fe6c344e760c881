// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;

namespace Osc.Generator.Helpers;

/// <summary>The JSON Schema keywords the generator knows: each is read, enforced or said to be unenforced (OSC0010); any other is OSC0002.</summary>
internal static class SchemaKeywords
{
    /// <summary>Documentation only: nothing to emit or check.</summary>
    public static readonly HashSet<string> Annotation = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "format", "deprecated", "readOnly", "writeOnly",
    };

    /// <summary>Shape the generated types and binders follow.</summary>
    public static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "$defs", "$ref", "items", "enum", "const",
        "minimum", "maximum", "x-enumNames", "x-kubernetes-preserve-unknown-fields", "x-osc-removed", "x-osc-unknown-value",
        "x-osc-empty-is-unset",
    };

    /// <summary>Accepted, but the binder does not enforce them (OSC0010 warns).</summary>
    public static readonly HashSet<string> Unenforced = new(StringComparer.Ordinal)
    {
        "pattern", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minProperties", "maxProperties",
    };
}
