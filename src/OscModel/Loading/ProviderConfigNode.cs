// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Syntax;

namespace Osc.Model.Loading;

/// <summary>spec.providerConfig as written, for binding it with the schema of the OS extension that reads it.</summary>
public static class ProviderConfigNode
{
    public static YamlNode? Of(LoadedDocument<OperatingSystemConfig> document)
    {
        System.ArgumentNullException.ThrowIfNull(document);
        return ((document.Source.Root as YamlMapping)?.Get("spec") as YamlMapping)?.Get("providerConfig");
    }
}
