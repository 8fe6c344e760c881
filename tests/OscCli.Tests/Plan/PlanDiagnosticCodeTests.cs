// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;
using Osc.Model.Diagnostics;

namespace Osc.Cli.Tests.Plan;

/// <summary>
/// Every code of <c>osc plan</c> (OSC2016..OSC2022) triggered through the CLI: its severity, the exit code
/// (1 and no plan for an error), and the place in FILE it points at (file:line:column).
/// </summary>
public sealed partial class PlanDiagnosticCodeTests
{
    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: kube-system}\n";
    private const string Kubelet = "  - path: /var/lib/kubelet/config/kubelet\n    content: {inline: {encoding: '', data: \"apiVersion: kubelet.config.k8s.io/v1beta1\\nkind: KubeletConfiguration\\n";

    private static string InPlace(string os = "1.2.3", string kubelet = "1.31.3", string kubeletBody = "", bool kubeletFile = true) =>
        Head + "spec:\n  type: ''\n  purpose: reconcile\n"
        + $"  inPlaceUpdates: {{operatingSystemVersion: '{os}', kubelet: '{kubelet}'}}\n"
        + (kubeletFile ? "  files:\n" + Kubelet + kubeletBody + "\"}}\n" : "");

    /// <summary>code, last-applied (null: none), new, extra arguments, the line:column in new.yaml it points at.</summary>
    public static TheoryData<string, string?, string, string, string> Cases => new()
    {
        { "OSC2016", null, InPlace(), "", "7:44" },
        { "OSC2017", InPlace(), InPlace(os: "one.two"), "--current-os-version 1.2.3", "7:44" },
        { "OSC2018", InPlace(), InPlace(kubelet: "1.x"), "--current-os-version 1.2.3", "7:62" },
        { "OSC2019", InPlace(), InPlace(kubeletFile: false), "--current-os-version 1.2.3", "7:19" },
        { "OSC2020", InPlace(kubeletBody: "kubeReserved: {cpu: '100m'}\\n"), InPlace(kubeletBody: "kubeReserved: {cpu: lots}\\n"), "--current-os-version 1.2.3", "10:14" },
        { "OSC2021", Head.Replace("name: osc", "name: other", StringComparison.Ordinal) + "spec: {type: '', purpose: reconcile}\n", Head + "spec: {type: '', purpose: reconcile}\n---\n"
            + Head.Replace("name: osc", "name: osc-b", StringComparison.Ordinal) + "spec: {type: '', purpose: reconcile}\n", "", "3:18" },
        { "OSC2022", null, Head + "spec: {type: ubuntu, purpose: provision}\n---\n" + Head.Replace("name: osc", "name: osc-reconcile", StringComparison.Ordinal) + "spec: {type: '', purpose: reconcile}\n", "", "4:31" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Code_is_reported_at_its_place_in_FILE(string code, string? old, string updated, string arguments, string lineColumn)
    {
        var dir = Directory.CreateTempSubdirectory("osc-plan-code-");
        try
        {
            var newPath = Path.Combine(dir.FullName, "new.yaml");
            File.WriteAllText(newPath, updated);
            var args = new List<string> { "plan", newPath };
            if (old is not null)
            {
                File.WriteAllText(Path.Combine(dir.FullName, "old.yaml"), old);
                args.AddRange(["--last-applied", Path.Combine(dir.FullName, "old.yaml")]);
            }
            args.AddRange(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

            var result = CliRunner.Run([.. args]);

            var severity = DiagnosticCatalog.All.Single(d => d.Code == code).Severity;
            var label = severity == Severity.Error ? "error" : "warning";
            Assert.Matches($@"{label}\[{code}\][^\n]*\n  --> {Regex.Escape(newPath)}:{lineColumn}\n", result.Stderr);
            Assert.Equal(severity == Severity.Error ? 1 : 0, result.ExitCode);
            if (severity == Severity.Error)
            {
                Assert.Empty(result.Stdout);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Table_covers_every_planning_code()
    {
        var planning = DiagnosticCatalog.All.Select(d => d.Code).Where(c => string.CompareOrdinal(c, "OSC2016") >= 0 && string.CompareOrdinal(c, "OSC2022") <= 0).Order();
        Assert.Equal(planning, Cases.Select(row => (string)row[0]).Order());
    }
}
