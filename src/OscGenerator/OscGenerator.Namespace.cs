// SPDX-License-Identifier: Apache-2.0
using Microsoft.CodeAnalysis.Diagnostics;
using Osc.Generator.Helpers;
using Osc.Generator.Model;

namespace Osc.Generator;

public sealed partial class OscGenerator
{
    /// <summary>The namespace to generate into, and a diagnostic when the configured one was unusable.</summary>
    internal sealed record NamespaceResult(string Namespace, DiagnosticInfo? Diagnostic);

    /// <summary>The <c>OscGeneratorNamespace</c> build property, falling back to RootNamespace and then Osc.Schemas (OSC0008).</summary>
    internal static class NamespaceOption
    {
        private const string DefaultNamespace = "Osc.Schemas";

        public static NamespaceResult Read(AnalyzerConfigOptions options)
        {
            options.TryGetValue("build_property.OscGeneratorNamespace", out var configured);
            options.TryGetValue("build_property.RootNamespace", out var root);
            var fallback = !string.IsNullOrWhiteSpace(root) && Naming.IsValidNamespace(root!) ? root! : DefaultNamespace;
            if (string.IsNullOrWhiteSpace(configured))
            {
                return new NamespaceResult(fallback, null);
            }
            var trimmed = configured!.Trim();
            if (Naming.IsValidNamespace(trimmed))
            {
                return new NamespaceResult(trimmed, null);
            }
            return new NamespaceResult(fallback, new DiagnosticInfo(DiagnosticDescriptors.InvalidNamespace.Id, null,
                new[] { trimmed, fallback }.ToEquatableArray()));
        }
    }
}
