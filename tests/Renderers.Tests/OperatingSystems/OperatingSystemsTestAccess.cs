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
        Osc.Renderers.OperatingSystems.ProvisionFiles.Resolve(document.Value, [], new Report(), document.Positions);
}
