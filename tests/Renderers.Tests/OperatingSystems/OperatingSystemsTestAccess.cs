// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Bash;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>The files a provision script declares, as the renderer resolves them (for comparing with the sandbox).</summary>
internal static class OperatingSystemsTestAccess
{
    public static List<ScriptFile> ProvisionFiles(LoadedDocument<OperatingSystemConfig> document) =>
        Osc.Renderers.OperatingSystems.Bash.ProvisionFiles.Resolve(document.Value, [], new Report(), document.Positions);

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
