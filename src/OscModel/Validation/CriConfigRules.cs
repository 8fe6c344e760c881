// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>spec.criConfig: containerd only for reconcile, sandbox image, registries and plugins (gardener C2–P4).</summary>
internal static class CriConfigRules
{
    private const string ContainerdPath = "$.spec.criConfig.containerd";

    /// <summary>
    /// Deepest nesting of tables and arrays a plugin may write into config.toml: the plugins table, each
    /// path element, then the levels of values. TOML readers stop at about this depth (toml-rs,
    /// BurntSushi/toml and tomli at 128), and Osc reads its rendered config back with the same bound.
    /// </summary>
    internal const int MaxPluginNesting = 128;

    public static void Check(OperatingSystemConfig osc, RuleContext ctx)
    {
        var containerd = osc.Spec?.CriConfig?.Containerd;
        if (containerd is null)
        {
            return;
        }
        if (osc.Spec!.Purpose == Purpose.Provision && ctx.IsValid("$.spec.purpose"))
        {
            // As upstream: once forbidden, nothing below is checked.
            ctx.Add(DiagnosticCatalog.ContainerdForbiddenForProvision, ContainerdPath,
                "containerd config is not allowed for OperatingSystemConfig with purpose 'provision'",
                "move registries, sandboxImage and plugins to the reconcile OperatingSystemConfig (gardener-node-agent applies them)");
            return;
        }
        if (ctx.IsPresentButEmpty(ContainerdPath + ".sandboxImage", containerd.SandboxImage))
        {
            ctx.Add(DiagnosticCatalog.SandboxImageRequired, ContainerdPath + ".sandboxImage", "sandboxImage is empty",
                "set the pause image, e.g. registry.k8s.io/pause:3.10");
        }
        CheckRegistries(containerd.Registries, ctx);
        CheckPlugins(containerd.Plugins, ctx);
    }

    private static void CheckRegistries(IReadOnlyList<RegistryConfig>? registries, RuleContext ctx)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (registries?.Count ?? 0); i++)
        {
            var registry = registries![i];
            var path = OscPath.Index(ContainerdPath + ".registries", i);
            var upstreamPath = path + ".upstream";
            if (!seen.Add(registry.Upstream))
            {
                ctx.Add(DiagnosticCatalog.DuplicateRegistry, upstreamPath, $"registry \"{registry.Upstream}\" is configured twice",
                    "merge the hosts of both entries into one registry");
            }
            else if (registry.Upstream != "_default" && UpstreamProblem(registry.Upstream) is { } problem)
            {
                ctx.Add(DiagnosticCatalog.InvalidRegistryUpstream, upstreamPath, $"\"{registry.Upstream}\" {problem}",
                    "write the registry host with an optional port, e.g. docker.io or registry.local:5000, or _default; no scheme, no path");
            }
            if (registry.Server is { } server)
            {
                CheckUrl(server, path + ".server", requireHttp: true, DiagnosticCatalog.InvalidRegistryServer, ctx);
            }
            var urls = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < (registry.Hosts?.Count ?? 0); j++)
            {
                var urlPath = OscPath.Index(path + ".hosts", j) + ".url";
                CheckUrl(registry.Hosts![j].Url, urlPath, requireHttp: false, DiagnosticCatalog.InvalidRegistryHostUrl, ctx);
                if (!urls.Add(registry.Hosts[j].Url))
                {
                    // hosts.toml would define [host."url"] twice, which containerd cannot load.
                    ctx.Add(DiagnosticCatalog.DuplicateRegistryHost, urlPath, $"host \"{registry.Hosts[j].Url}\" is listed twice for \"{registry.Upstream}\"",
                        "list each mirror once; merge their capabilities and CA certificates");
                }
            }
        }
    }

    /// <summary>Gardener's rule: split at the last ':'; an all-digit suffix is a port 1–65535; the host is a DNS subdomain.</summary>
    private static string? UpstreamProblem(string upstream)
    {
        var host = upstream;
        string? portProblem = null;
        var colon = upstream.LastIndexOf(':');
        if (colon >= 0)
        {
            var suffix = upstream[(colon + 1)..];
            if (suffix.Length > 0 && IsAllDigits(suffix))
            {
                host = upstream[..colon];
                if (!int.TryParse(suffix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
                    || port is < 1 or > 65535)
                {
                    portProblem = $"has port '{suffix}', which is outside 1 to 65535";
                }
            }
        }
        var hostProblem = Names.IsDnsSubdomain(host) ? null : "is not a lowercase RFC 1123 host name";
        return (hostProblem, portProblem) switch
        {
            (null, null) => null,
            ({ } h, null) => h,
            (null, { } p) => p,
            var (h, p) => h + " and " + p,
        };
    }

    private static bool IsAllDigits(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static void CheckUrl(string url, string path, bool requireHttp, DiagnosticDescriptor descriptor, RuleContext ctx)
    {
        const string format = "desired format: https://host[:port]";
        if (!GoUrl.TryParse(url, out var parsed, out var error))
        {
            ctx.Add(descriptor, path, $"\"{url}\" is not a valid URL: {error}", format);
            return;
        }
        if (requireHttp && parsed.Scheme is not ("http" or "https"))
        {
            ctx.Add(descriptor, path, $"scheme \"{parsed.Scheme}\" is not supported; only http and https are", format);
            return;
        }
        if (parsed.Host.Length == 0)
        {
            ctx.Add(descriptor, path, $"\"{url}\" has no host", format);
        }
    }

    private static void CheckPlugins(IReadOnlyList<PluginConfig>? plugins, RuleContext ctx)
    {
        for (var i = 0; i < (plugins?.Count ?? 0); i++)
        {
            var plugin = plugins![i];
            var path = OscPath.Index(ContainerdPath + ".plugins", i);
            if (plugin.Path.Count == 0 && ctx.Positions.Contains(path + ".path"))
            {
                ctx.Add(DiagnosticCatalog.PluginPathRequired, path + ".path", "path is empty",
                    "give the path below containerd's plugins table, e.g. [io.containerd.grpc.v1.cri, registry]");
            }
            var nesting = 1 + plugin.Path.Count + (plugin.Values is null ? 0 : Nesting(plugin.Values, MaxPluginNesting + 1));
            if (nesting > MaxPluginNesting)
            {
                ctx.Add(DiagnosticCatalog.PluginNestingTooDeep, plugin.Path.Count + 1 > MaxPluginNesting ? path + ".path" : path + ".values",
                    $"the plugin nests tables and arrays more than {MaxPluginNesting} levels deep in config.toml (plugins, {plugin.Path.Count} path elements, then the values)",
                    "no containerd plugin reads settings this deep; shorten the path or flatten the values");
            }
            if (plugin.Values is null || IsEmptyValue(plugin.Values))
            {
                continue;
            }
            if (plugin.Op == PluginOperation.Remove)
            {
                ctx.Add(DiagnosticCatalog.PluginValuesWithRemove, path + ".values", "values must not be given when op is remove",
                    "drop values, or use op: add");
            }
            else if (plugin.Values is not JsonObject)
            {
                ctx.Add(DiagnosticCatalog.PluginValuesNotObject, path + ".values",
                    $"values must be a JSON object, found {Describe(plugin.Values)}",
                    "write values as a mapping of TOML keys to values, e.g. {SystemdCgroup: true}");
            }
        }
    }

    /// <summary>Levels of objects and arrays in <paramref name="node"/> (a scalar is 0), counted up to <paramref name="cap"/>.</summary>
    private static int Nesting(JsonNode node, int cap)
    {
        if (cap <= 0)
        {
            return 0;
        }
        var deepest = 0;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    deepest = Math.Max(deepest, child is null ? 0 : Nesting(child, cap - 1));
                }
                return 1 + deepest;
            case JsonArray array:
                foreach (var child in array)
                {
                    deepest = Math.Max(deepest, child is null ? 0 : Nesting(child, cap - 1));
                }
                return 1 + deepest;
            default:
                return 0;
        }
    }

    /// <summary>Upstream skips the checks when the raw values are empty; of what YAML can write, only "" is.</summary>
    private static bool IsEmptyValue(JsonNode node) => node is JsonValue value && value.TryGetValue<string>(out var s) && s.Length == 0;

    private static string Describe(JsonNode node) => node switch
    {
        JsonArray => "a list",
        JsonValue v when v.TryGetValue<string>(out _) => "a string",
        _ => "a " + node.GetValueKind().ToString().ToLowerInvariant(),
    };
}
