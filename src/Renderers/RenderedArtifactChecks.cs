// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;
using Osc.Renderers.Toml;

namespace Osc.Renderers;

/// <summary>
/// Parses back every rendered TOML file (Butane's "generated config invalid" check). A failure is
/// Osc's bug; it is reported at the input that produced the file (the artifact's translation).
/// </summary>
internal static class RenderedArtifactChecks
{
    /// <summary>Reports OSC9002 for each artifact that does not parse back; <paramref name="locate"/> finds the span of an artifact's source.</summary>
    public static void Check(IEnumerable<RenderedArtifact> artifacts, Report report, Func<RenderedArtifact, SourceSpan?> locate)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(locate);
        foreach (var artifact in artifacts)
        {
            if (!artifact.Path.EndsWith(".toml", StringComparison.Ordinal))
            {
                continue;
            }
            if (TomlModelReader.TryRead(Encoding.UTF8.GetString(artifact.Content), out var error) is null)
            {
                report.Add(DiagnosticCatalog.RenderedArtifactInvalid, $"{artifact.Path} is not valid TOML after rendering: {error}",
                    artifact.SourcePath, locate(artifact), "this is a bug in Osc; please report it with this input");
            }
        }
    }
}
