// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>
/// spec.providerConfig is free-form in the API; for OS types whose extension reads a typed config
/// (memoryone, coreos/flatcar) it is bound with that config's schema so its mistakes are located too.
/// </summary>
internal static class ProviderConfigRules
{
    private const string ProviderConfigPath = "$.spec.providerConfig";

    public static void Check(LoadedDocument<OperatingSystemConfig> document, Report report)
    {
        var type = document.Value.Spec?.Type ?? "";
        var node = ProviderConfigNode.Of(document);
        if (node is null || BindContext.IsNull(node))
        {
            return;
        }
        // A scratch map: the paths below providerConfig already have their positions from the OSC binding.
        var ctx = new BindContext(report, new SourceMap(document.Positions.File));
        if (type == "memoryone-gardenlinux")
        {
            MemoryOneGardenLinuxConfigurationBinder.BindMemoryOneGardenLinuxConfiguration(node, ctx, ProviderConfigPath);
        }
        else if (type == "memoryone-chost")
        {
            MemoryOneChostConfigurationBinder.BindMemoryOneChostConfiguration(node, ctx, ProviderConfigPath);
        }
        else if (type == "coreos" || type.StartsWith("flatcar", System.StringComparison.Ordinal))
        {
            CoreosExtensionConfigBinder.BindCoreosExtensionConfig(node, ctx, ProviderConfigPath);
        }
    }
}
