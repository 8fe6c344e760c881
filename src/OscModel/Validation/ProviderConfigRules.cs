// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Shared;

namespace Osc.Model.Validation;

/// <summary>
/// spec.providerConfig is free-form in the API; for OS types whose extension reads a typed config
/// (memoryone, coreos/flatcar) it is bound with that config's schema so its mistakes are located too.
/// The extensions decode it leniently (serializer.NewCodecFactory without EnableStrict) into a typed
/// object: an unknown field is ignored (a warning), a wrong type or an unknown apiVersion/kind fails
/// the decode (an error), and a missing apiVersion or kind takes the target type's own.
/// </summary>
internal static class ProviderConfigRules
{
    private const string ProviderConfigPath = "$.spec.providerConfig";

    /// <summary>Reports the providerConfig's findings and returns it bound (null when the OS type reads none or it is absent).</summary>
    public static object? Check(LoadedDocument<OperatingSystemConfig> document, Report report)
    {
        var type = document.Value.Spec?.Type ?? "";
        // Absent, null, or not an object (the OSC binder reported that already).
        if (ProviderConfigNode.Of(document) is not YamlMapping node)
        {
            return null;
        }
        // A scratch map: the paths below providerConfig already have their positions from the OSC binding.
        var scratch = new Report();
        var ctx = new BindContext(scratch, new SourceMap(document.Positions.File)) { UnknownFieldsIgnored = true };
        var config = OsTypes.Find(type)?.ProviderConfig?.Invoke(node, ctx, ProviderConfigPath);
        foreach (var diagnostic in scratch.Items)
        {
            // runtime.Decode into a typed object defaults a missing apiVersion or kind from that type.
            if (diagnostic.Code == DiagnosticCatalog.MissingRequired.Code
                && diagnostic.Path is ProviderConfigPath + ".apiVersion" or ProviderConfigPath + ".kind")
            {
                continue;
            }
            report.Add(diagnostic);
        }
        return config;
    }
}
