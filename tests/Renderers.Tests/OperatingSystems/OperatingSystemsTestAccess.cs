// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Bash;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>The files a provision script declares, as the renderer resolves them (for comparing with the sandbox).</summary>
internal static class OperatingSystemsTestAccess
{
    /// <summary>
    /// The OSC every OS extension's own provision test renders: one unit "some-unit" with content
    /// "foo" and one plain file "/some/file" with "bar". Rendered by the OS renderer directly,
    /// because "some-unit" has no type suffix and Osc's validation rejects it (OSC1225).
    /// <paramref name="trailer"/> follows the spec (a providerConfig) or the document (more documents).
    /// </summary>
    public static OscInput LoadUpstreamTestInput(string type, string trailer = "") => OscLoader.LoadText("in.yaml", $"""
        apiVersion: extensions.gardener.cloud/v1alpha1
        kind: OperatingSystemConfig
        metadata: {"{"}name: a, namespace: b{"}"}
        spec:
          type: {type}
          purpose: provision
          units: [{"{"}name: some-unit, content: foo{"}"}]
          files: [{"{"}path: /some/file, content: {"{"}inline: {"{"}encoding: "", data: bar{"}"}{"}"}{"}"}]
        {trailer}
        """);

    public static List<ScriptFile> ProvisionFiles(LoadedDocument<OperatingSystemConfig> document) =>
        Osc.Renderers.OperatingSystems.ProvisionFiles.Resolve(document.Value, [], new Report(), document.Positions);

    /// <summary>The text/x-shellscript part of a #cloud-config-archive, read back with Osc's YAML loader.</summary>
    public static string ShellPartOfArchive(string archive)
    {
        var report = new Report();
        var root = (Osc.Model.Syntax.YamlSequence)YamlLoader.Load("user-data", archive, report).Single().Root;
        Assert.False(report.HasErrors, string.Join("\n", report.Items));
        var part = root.Items.Cast<Osc.Model.Syntax.YamlMapping>().Single(p => ((Osc.Model.Syntax.YamlScalar)p.Get("type")!).Value == "text/x-shellscript");
        return ((Osc.Model.Syntax.YamlScalar)part.Get("content")!).Value;
    }
}
