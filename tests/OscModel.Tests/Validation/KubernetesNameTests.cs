// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Validation;

namespace Osc.Model.Tests.Validation;

/// <summary>
/// metadata.namespace is a DNS-1123 label and metadata.name (and generateName, as a prefix) a DNS-1123
/// subdomain, as the API server requires. These strings become output paths, so every value that
/// could leave DIR or name something other than one folder must be refused here.
/// </summary>
public sealed class KubernetesNameTests
{
    private static string Osc(string metadata) =>
        "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: " + metadata + "\nspec: {type: ubuntu, purpose: reconcile}\n";

    public static TheoryData<string> HostileNamespaces => new()
    {
        "../../ESCAPED", "/", "//", "/etc", ".", "..", "a/../..", "a/b", "a\\b", "a\u0000b", new string('a', 300), new string('a', 64),
        "Upper", "-a", "a-", "a.b", "a_b", "ä", " a", "a\u001b[2J",
    };

    [Theory]
    [MemberData(nameof(HostileNamespaces))]
    public void A_namespace_that_is_not_a_DNS_label_is_an_error_at_its_line(string ns)
    {
        var report = DiagnosticCodeTests.Check(Osc($"{{name: osc, namespace: \"{Escape(ns)}\"}}"), requireSecrets: false);

        var diagnostic = Assert.Single(report.Items, d => d.Code == "OSC1204");
        Assert.Equal(("$.metadata.namespace", 3), (diagnostic.Path, diagnostic.Span!.Value.Start.Line));
        Assert.True(report.HasErrors);
    }

    [Theory]
    [InlineData("shoot--dev--demo")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("garden")]
    public void A_DNS_label_namespace_passes(string ns)
    {
        var report = DiagnosticCodeTests.Check(Osc($"{{name: osc, namespace: \"{ns}\"}}"), requireSecrets: false);

        Assert.DoesNotContain(report.Items, d => d.Path?.StartsWith("$.metadata", StringComparison.Ordinal) == true);
        Assert.True(Names.IsDnsLabel(new string('a', 63)));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("../x")]
    [InlineData("Etc")]
    [InlineData("a..b")]
    [InlineData("")]
    public void A_name_that_is_not_a_DNS_subdomain_is_an_error(string name)
    {
        var report = DiagnosticCodeTests.Check(Osc($"{{name: \"{name}\", namespace: ns}}"), requireSecrets: false);

        Assert.Contains(report.Items, d => d.Code == "OSC1201" && d.Path == "$.metadata.name");
    }

    [Theory]
    [InlineData("worker-", true)]
    [InlineData("worker", true)]
    [InlineData("a-", true)]
    [InlineData("-", false)]
    [InlineData("../", false)]
    [InlineData("Worker-", false)]
    [InlineData("a.-", true)] // apimachinery's maskTrailingDash drops the last two characters and appends "a": "aa" passes there too
    public void GenerateName_is_checked_as_a_DNS_subdomain_prefix(string generateName, bool valid)
    {
        var report = DiagnosticCodeTests.Check(Osc($"{{generateName: \"{generateName}\", namespace: ns}}"), requireSecrets: false);

        Assert.Equal(valid, !report.Items.Any(d => d.Path == "$.metadata.generateName"));
        Assert.Equal(valid, Names.IsDnsSubdomainPrefix(generateName));
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\u0000", "\\0", StringComparison.Ordinal)
        .Replace("\u001b", "\\e", StringComparison.Ordinal);
}
