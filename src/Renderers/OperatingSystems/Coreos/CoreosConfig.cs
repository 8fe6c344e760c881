// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Renderers.OperatingSystems.Coreos;

/// <summary>
/// The CoreOS extension's effective config for one OSC: the extension-wide ExtensionConfig, with an
/// ExtensionConfig in spec.providerConfig on top (its apiVersion and kind may be left out: upstream decodes
/// into the typed object, which supplies them; a set ntp replaces the whole NTP block, a set
/// enableDocker the flag). Upstream's decoder defaults a missing ntp, which silently resets an
/// extension-wide ntpd setting; Osc keeps it and says so.
/// </summary>
internal static class CoreosConfig
{
    public static CoreosExtensionConfig? Effective(LoadedDocument<OperatingSystemConfig> document, CoreosExtensionConfig? extensionWide, Report report)
    {
        var node = ProviderConfigNode.Of(document);
        if (node is not YamlMapping mapping || (mapping.Get("apiVersion") is { } apiVersion && apiVersion is not YamlScalar { Value: CoreosExtensionConfigBinder.ApiVersion }))
        {
            return extensionWide;
        }
        var perOsc = CoreosExtensionConfigBinder.BindCoreosExtensionConfig(node, new BindContext(new Report(), new SourceMap(document.Positions.File)), "$.spec.providerConfig");
        if (perOsc.Ntp is null && extensionWide?.Ntp is { } wide && (wide.Enabled == false || wide.Daemon == CoreosNtpDaemon.Ntpd))
        {
            report.Add(DiagnosticCatalog.ProviderConfigNtpDeviation,
                "spec.providerConfig sets no ntp, so the extension-wide NTP settings stay; upstream's decoder would reset them to systemd-timesyncd",
                "$.spec.providerConfig", document.Positions.Locate("$.spec.providerConfig"), "set ntp in providerConfig to choose explicitly");
        }
        return new CoreosExtensionConfig
        {
            ApiVersion = CoreosExtensionConfigBinder.ApiVersion,
            Kind = CoreosExtensionConfigBinder.Kind,
            EnableDocker = perOsc.EnableDocker ?? extensionWide?.EnableDocker,
            Ntp = perOsc.Ntp ?? extensionWide?.Ntp,
        };
    }
}
