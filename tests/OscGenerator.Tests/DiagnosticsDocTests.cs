// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;
using Osc.Model.Diagnostics;
using Osc.TestUtil;

namespace Osc.Generator.Tests;

/// <summary>docs/diagnostics.md lists exactly the codes that exist, with their severities.</summary>
public sealed partial class DiagnosticsDocTests
{
    [GeneratedRegex(@"^\| (OSC\d{4}) \| (error|warning|info) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [Fact]
    public void Diagnostics_page_lists_exactly_the_codes_that_exist()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        var documented = Row().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

        var existing = OscGenerator.DiagnosticDescriptors.All
            .Select(d => (d.Id, d.DefaultSeverity.ToString().ToLowerInvariant()))
            .Concat(DiagnosticCatalog.All.Select(d => (d.Code, d.Severity.ToString().ToLowerInvariant())))
            .ToList();

        Assert.Equal(existing.Order(), documented.Order());
    }
}
