// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Loading;

namespace Osc.Renderers.Node;

/// <summary>The documents besides the OSC that shape a node: Osc's NodeConfig and the OS extensions' configs.</summary>
internal sealed record NodeSettings(
    LoadedDocument<OscNodeConfig>? NodeConfig,
    LoadedDocument<UbuntuExtensionConfig>? Ubuntu,
    LoadedDocument<CoreosExtensionConfig>? Coreos);
