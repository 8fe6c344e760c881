// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Binding;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;
using Osc.Shared;

namespace Osc.Model.Loading;

/// <summary>The document kinds Osc reads, told apart by apiVersion and kind.</summary>
public static class DocumentKinds
{
    /// <summary>
    /// A kind Osc reads. <see cref="UnknownFieldsIgnored"/>: its reader upstream decodes leniently
    /// (gardener-extension-os-coreos and the memoryone configs use serializer.NewCodecFactory without
    /// EnableStrict); the OSC and Secret go through kubectl's strict field validation, the Ubuntu
    /// extension decodes its config with EnableStrict, and Osc's own NodeConfig is strict by choice.
    /// </summary>
    internal sealed record Kind(string ApiVersion, string KindName, Func<YamlNode, BindContext, object> Bind, bool UnknownFieldsIgnored = false);

    private static readonly Kind[] Known =
    [
        new(OperatingSystemConfigBinder.ApiVersion, OperatingSystemConfigBinder.Kind, OperatingSystemConfigBinder.Bind),
        new(Secret.ApiVersion, Secret.Kind, SecretBinder.Bind),
        new(UbuntuExtensionConfigBinder.ApiVersion, UbuntuExtensionConfigBinder.Kind, UbuntuExtensionConfigBinder.Bind),
        new(CoreosExtensionConfigBinder.ApiVersion, CoreosExtensionConfigBinder.Kind, CoreosExtensionConfigBinder.Bind, UnknownFieldsIgnored: true),
        new(MemoryOneGardenLinuxConfigurationBinder.ApiVersion, MemoryOneGardenLinuxConfigurationBinder.Kind, MemoryOneGardenLinuxConfigurationBinder.Bind,
            UnknownFieldsIgnored: true),
        new(MemoryOneChostConfigurationBinder.ApiVersion, MemoryOneChostConfigurationBinder.Kind, MemoryOneChostConfigurationBinder.Bind, UnknownFieldsIgnored: true),
        new(OscNodeConfigBinder.ApiVersion, OscNodeConfigBinder.Kind, OscNodeConfigBinder.Bind),
    ];

    /// <summary>"apiVersion/kind" of every kind Osc reads, for messages.</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => $"{k.ApiVersion} {k.KindName}").ToArray();

    internal static Kind? Find(string apiVersion, string kind) =>
        Known.FirstOrDefault(k => k.ApiVersion == apiVersion && k.KindName == kind);

    internal static string? SuggestApiVersion(string apiVersion, string kind)
    {
        var sameKind = Known.Where(k => k.KindName == kind).Select(k => k.ApiVersion).ToList();
        return DidYouMean.Name(apiVersion, sameKind) ?? (sameKind.Count == 1 ? sameKind[0] : null);
    }

    internal static string? SuggestKind(string kind) => DidYouMean.Name(kind, Known.Select(k => k.KindName).Distinct());
}
