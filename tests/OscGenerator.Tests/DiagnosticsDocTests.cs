// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;
using Osc.Model.Diagnostics;
using Osc.TestUtil;

namespace Osc.Generator.Tests;

/// <summary>
/// docs/diagnostics.md against the catalogs: every code with its severity and title, and for each the
/// columns of the severity contract (DESIGN.md "Diagnostics"): does Gardener refuse it, and where upstream.
/// </summary>
public sealed partial class DiagnosticsDocTests
{
    [GeneratedRegex(@"^\| (OSC\d{4}) \| ([^|]*) \| ([^|]*) \| ((?:[^|\\]|\\\|)*) \| ([^|]*) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();

    private sealed record DocRow(string Code, string Severity, string Refuses, string Upstream, string Meaning);

    private static List<DocRow> Rows()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        return Row().Matches(text).Select(m => new DocRow(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value.Trim(), m.Groups[5].Value)).ToList();
    }

    [Fact]
    public void Diagnostics_page_lists_exactly_the_codes_that_exist()
    {
        var documented = Rows().Select(r => (r.Code, r.Severity)).ToList();

        var existing = OscGenerator.DiagnosticDescriptors.All
            .Select(d => (d.Id, d.DefaultSeverity.ToString().ToLowerInvariant()))
            .Concat(DiagnosticCatalog.All.Select(d => (d.Code, d.Severity.ToString().ToLowerInvariant())))
            .ToList();

        Assert.Equal(existing.Order(), documented.Order());
    }

    [Fact]
    public void Run_time_codes_are_documented_with_their_titles()
    {
        var meanings = Rows().ToDictionary(r => r.Code, r => r.Meaning);

        Assert.All(DiagnosticCatalog.All, d => Assert.Equal(d.Title, meanings[d.Code]));
    }

    [Fact]
    public void Every_severity_follows_the_contract()
    {
        var problems = new List<string>();
        foreach (var row in Rows())
        {
            if (row.Refuses is not ("yes" or "no" or "n.a."))
            {
                problems.Add($"{row.Code}: 'Gardener refuses' is '{row.Refuses}', not yes, no or n.a.");
            }
            if (row.Upstream.Length == 0)
            {
                problems.Add($"{row.Code}: no upstream source");
            }
            var oscOnly = row.Upstream.StartsWith("Osc only: ", StringComparison.Ordinal);
            // Gardener refuses it: an error. Gardener accepts it: a warning, unless Osc cannot produce correct output and says why.
            if (row.Refuses == "yes" && row.Severity != "error")
            {
                problems.Add($"{row.Code}: Gardener refuses it, so it must be an error");
            }
            if (row.Severity == "error" && row.Refuses != "yes" && !oscOnly)
            {
                problems.Add($"{row.Code}: an error Gardener does not refuse needs 'Osc only: <why Osc cannot produce correct output>'");
            }
            if (row.Refuses == "yes" && oscOnly)
            {
                problems.Add($"{row.Code}: Gardener refuses it, so the rule lives upstream, not 'Osc only'");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
