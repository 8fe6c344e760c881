// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Osc.Generator;

public sealed partial class OscGenerator
{
    /// <summary>
    /// The generator's diagnostics, reported on the schema file. Keep in sync with
    /// AnalyzerReleases.Shipped.md and docs/diagnostics.md (a test checks the docs).
    /// </summary>
    public static class DiagnosticDescriptors
    {
        private const string Category = "Osc.Generator";

        public static readonly DiagnosticDescriptor InvalidJson = new(
            "OSC0001", "Schema is not valid JSON", "Schema '{0}' is not valid JSON: {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
            "OSC0002", "Unsupported schema construct", "Schema '{0}': {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnresolvedReference = new(
            "OSC0003", "Unresolved $ref", "Schema '{0}': '$ref' '{1}' names no entry of $defs; use \"#/$defs/<Name>\"",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor InvalidTypeName = new(
            "OSC0004", "Invalid type name", "Schema '{0}': '{1}' is not a valid C# type name; set a PascalCase 'title' or $defs key",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor DuplicateTypeName = new(
            "OSC0005", "Duplicate type name", "Type '{0}' is generated twice (from {1}); rename one $defs entry or title",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor BadEnumNames = new(
            "OSC0006", "Enum member names cannot be made", "Schema '{0}': enum '{1}': {2}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ImplicitUsingCollision = new(
            "OSC0007", "Type name hides a common BCL type", "Schema '{0}': type '{1}' has the name of a type that implicit usings import (System, System.IO, ...); callers will need to qualify it. Prefer another title.",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor InvalidNamespace = new(
            "OSC0008", "Invalid OscGeneratorNamespace", "OscGeneratorNamespace '{0}' is not a valid C# namespace; using '{1}'",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor RequiredNotDeclared = new(
            "OSC0009", "Required property not declared", "Schema '{0}': '{1}' is listed in 'required' but is not in 'properties'",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor KeywordNotEnforced = new(
            "OSC0010", "Schema keyword not enforced", "Schema '{0}': keyword '{1}' is accepted but the generated binder does not enforce it",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor TypeNameCollision = new(
            "OSC0011", "Two schema objects emit one type", "Schema '{0}': type '{1}' would be generated from {2} and from {3}, one replacing the other; give one a different 'title' or $defs key",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>Every descriptor, in id order (docs and tests enumerate it). Declared after the fields it lists.</summary>
        public static readonly DiagnosticDescriptor[] All =
        {
            InvalidJson, UnsupportedConstruct, UnresolvedReference, InvalidTypeName, DuplicateTypeName,
            BadEnumNames, ImplicitUsingCollision, InvalidNamespace, RequiredNotDeclared, KeywordNotEnforced,
            TypeNameCollision,
        };

        private static readonly Dictionary<string, DiagnosticDescriptor> Ids = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

        /// <summary>The descriptor of a pipeline <c>DiagnosticInfo</c> (which carries only the id, to stay equatable).</summary>
        internal static DiagnosticDescriptor ById(string id) =>
            Ids.TryGetValue(id, out var descriptor) ? descriptor : throw new ArgumentOutOfRangeException(nameof(id), id, "unknown descriptor");
    }
}
