// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;

namespace Osc.Renderers.Containerd;

/// <summary>
/// /etc/containerd/certs.d/&lt;upstream&gt;/hosts.toml for one registry, in gardener-node-agent's
/// template layout: a "managed by" line, the server, then one [host."url"] table per mirror with
/// capabilities (default pull, resolve), ca and override_path. Quoting as upstream: server and
/// URLs through Go's %q, lists through Go's json.Marshal (HTML characters escaped).
/// </summary>
internal static class HostsTomlRenderer
{
    private static readonly string[] DefaultCapabilities = ["pull", "resolve"];

    /// <summary>Where the file lands: one directory per upstream (host[:port] or _default, both validated).</summary>
    public static string PathOf(RegistryConfig registry) =>
        $"{ContainerdConfigRenderer.CertsDirectory}/{registry.Upstream}/hosts.toml";

    public static string Render(RegistryConfig registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var text = new StringBuilder("# managed by gardener-node-agent");
        if (!string.IsNullOrEmpty(registry.Server))
        {
            text.Append("\nserver = ").Append(GoQuote(registry.Server)).Append('\n');
        }
        foreach (var host in registry.Hosts ?? [])
        {
            var capabilities = host.Capabilities is { Count: > 0 } given ? given.Select(c => c.ToWire()).ToArray() : DefaultCapabilities;
            text.Append("\n[host.").Append(GoQuote(host.Url)).Append("]\n  capabilities = ").Append(GoJsonList(capabilities));
            if (host.CaCerts is { Count: > 0 } caCerts)
            {
                text.Append("\n  ca = ").Append(GoJsonList(caCerts));
            }
            if (host.OverridePath == true)
            {
                text.Append("\n  override_path = true");
            }
            text.Append('\n');
        }
        return text.Append('\n').ToString();
    }

    /// <summary>Go's %q for the strings validation lets through (no control characters): quotes and backslashes escaped.</summary>
    internal static string GoQuote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case < 0x20 or 0x7F:
                    // Not reachable after validation (URLs with control characters are rejected); \u keeps it valid TOML.
                    builder.Append("\\u").Append(rune.Value.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(utf16[..rune.EncodeToUtf16(utf16)]); break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Go's json.Marshal of a []string: no spaces; &amp; &lt; &gt; U+2028 U+2029 and control characters as lowercase \u escapes.</summary>
    internal static string GoJsonList(IEnumerable<string> items) => "[" + string.Join(",", items.Select(GoJson.String)) + "]";
}
