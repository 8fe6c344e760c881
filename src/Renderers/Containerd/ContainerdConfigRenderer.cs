// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;
using Osc.Renderers.Toml;

namespace Osc.Renderers.Containerd;

/// <summary>Inputs of the containerd config renderer beyond the OSC.</summary>
public sealed record ContainerdConfigOptions
{
    /// <summary>The node's config.toml before the patch (gardener-node-agent writes <c>containerd config default</c> when it is missing); null: Osc's shipped default of <see cref="DefaultConfigVersion"/>.</summary>
    public string? BaseConfig { get; init; }

    /// <summary>Which shipped default to start from when <see cref="BaseConfig"/> is null: 2 (containerd 1.6/1.7), 3 (2.0–2.2) or 4 (2.3+).</summary>
    public int DefaultConfigVersion { get; init; } = 2;

    /// <summary>The node's containerd version; for config version 3 it decides CNI <c>bin_dirs</c> (≥ 2.2) over <c>bin_dir</c>. Null: below 2.2.</summary>
    public Version? ContainerdVersion { get; init; }
}

/// <summary>
/// /etc/containerd/config.toml as gardener-node-agent leaves it: the base config patched with the
/// registry config path, imports, sandbox image, CNI directory, SystemdCgroup and every plugin
/// operation, in upstream's order, written as go-toml v1 writes it.
/// </summary>
internal static class ContainerdConfigRenderer
{
    public const string ConfigPath = "/etc/containerd/config.toml";
    public const string CertsDirectory = "/etc/containerd/certs.d";
    public const string ImportsGlob = "/etc/containerd/conf.d/*.toml";
    public const string CniBinDirectory = "/opt/cni/bin";
    private const string CriConfigPath = "$.spec.criConfig";

    /// <summary>Each shipped default parsed once; every render patches its own deep copy.</summary>
    private static readonly ConcurrentDictionary<int, ConfigTable?> ParsedDefaults = new();

    /// <summary>The rendered file, or null when a finding (error) in <paramref name="report"/> says why not.</summary>
    public static string? Render(CriConfig criConfig, ContainerdConfigOptions options, Report report, SourceMap positions)
    {
        ArgumentNullException.ThrowIfNull(criConfig);
        ArgumentNullException.ThrowIfNull(options);
        var containerd = criConfig.Containerd ?? throw new ArgumentException("criConfig.containerd is not set", nameof(criConfig));
        var error = "";
        var config = options.BaseConfig is null
            ? ParsedDefaults.GetOrAdd(options.DefaultConfigVersion, static v => TomlModelReader.TryRead(DefaultBase(v), out _))?.DeepCopy()
            : null;
        config ??= TomlModelReader.TryRead(options.BaseConfig ?? DefaultBase(options.DefaultConfigVersion), out error);
        if (config is null)
        {
            report.Add(DiagnosticCatalog.ContainerdBaseInvalid, $"the base config.toml is not valid TOML: {error}", CriConfigPath,
                positions.Locate(CriConfigPath), "pass a config.toml that containerd reads (containerd config default)");
            return null;
        }
        var version = config.TryGetValue("version", out var v) && v is long number ? number : 1;
        if (!ContainerdKeyPaths.ByVersion.TryGetValue(version, out var keys))
        {
            report.Add(DiagnosticCatalog.ContainerdVersionUnsupported, $"the base config.toml has version = {version}; gardener-node-agent handles 1 to 4",
                CriConfigPath, positions.Locate(CriConfigPath), "use a base config of containerd 1.6 to 2.3");
            return null;
        }
        var patch = new Patcher(config, report, positions);
        patch.Set(keys.RegistryConfigPath, CertsDirectory, CriConfigPath);
        AddImport(config);
        patch.Set(keys.SandboxImage, containerd.SandboxImage, CriConfigPath + ".containerd.sandboxImage");
        if (keys.CniBinDirs is not null && (version >= 4 || options.ContainerdVersion >= new Version(2, 2)))
        {
            patch.Set(keys.CniBinDirs, new List<object> { CniBinDirectory }, CriConfigPath);
            patch.Remove(keys.CniBinDir, CriConfigPath);
        }
        else
        {
            patch.Set(keys.CniBinDir, CniBinDirectory, CriConfigPath);
        }
        if (criConfig.CgroupDriver is { } driver)
        {
            patch.Set(keys.SystemdCgroup, driver == CgroupDriver.Systemd, CriConfigPath + ".cgroupDriver");
        }
        var plugins = containerd.Plugins ?? [];
        for (var i = 0; i < plugins.Count; i++)
        {
            var path = OscPath.Index(CriConfigPath + ".containerd.plugins", i);
            var keyPath = new List<string> { "plugins" };
            keyPath.AddRange(ContainerdKeyPaths.RewritePluginPath(version, plugins[i].Path));
            if (plugins[i].Op == PluginOperation.Remove)
            {
                patch.Remove(keyPath, path + ".path");
            }
            else
            {
                patch.Merge(keyPath, plugins[i].Values as JsonObject, path);
                var ignored = ContainerdKeyPaths.IgnoredByContainerd2(version, plugins[i].Path, (plugins[i].Values as JsonObject)?.Select(p => p.Key) ?? []);
                if (ignored.Count > 0)
                {
                    report.Add(DiagnosticCatalog.PluginPathIgnored,
                        $"the base config.toml has version = {version}: {string.Join(", ", ignored)} stays under io.containerd.grpc.v1.cri, which containerd 2.x "
                        + "does not read there (gardener-node-agent moves only ...containerd.runtimes to io.containerd.cri.v1.runtime), so the setting has no effect",
                        path + ".path", positions.Locate(path + ".path"),
                        "write it under io.containerd.cri.v1.images (registry, image pulls) or io.containerd.cri.v1.runtime (containerd runtimes, cni)");
                }
            }
        }
        if (patch.Failed)
        {
            return null;
        }
        var deviations = new List<string>();
        var text = GoTomlWriter.Write(config, deviations);
        foreach (var deviation in deviations.Distinct())
        {
            report.Add(DiagnosticCatalog.TomlEscapeDeviation, $"config.toml: {deviation}", CriConfigPath, positions.Locate(CriConfigPath),
                "Osc's file is valid TOML; gardener-node-agent's would not load");
        }
        return text;
    }

    /// <summary>Osc's shipped base config for a config version (embedded resource).</summary>
    public static string DefaultBase(int configVersion)
    {
        return EmbeddedText.Resource($"Osc.Renderers.Containerd.Defaults.containerd-config-v{configVersion}.toml")
            ?? throw new ArgumentOutOfRangeException(nameof(configVersion), configVersion, "Osc ships base configs for versions 2, 3 and 4");
    }

    /// <summary>imports gets the conf.d glob appended once; a non-array imports becomes the glob alone.</summary>
    private static void AddImport(ConfigTable config)
    {
        if (config.TryGetValue("imports", out var imports) && imports is List<object> list)
        {
            if (!list.OfType<string>().Contains(ImportsGlob))
            {
                list.Add(ImportsGlob);
            }
            return;
        }
        config["imports"] = new List<object> { ImportsGlob };
    }

    /// <summary>Walks and edits key paths the way the agent does, reporting a non-table on the way.</summary>
    private sealed class Patcher(ConfigTable root, Report report, SourceMap positions)
    {
        public bool Failed { get; private set; }

        public void Set(IReadOnlyList<string> keyPath, object value, string inputPath)
        {
            if (Parent(keyPath, inputPath) is { } parent)
            {
                parent[keyPath[^1]] = value;
            }
        }

        public void Remove(IReadOnlyList<string> keyPath, string inputPath)
        {
            Parent(keyPath, inputPath)?.Remove(keyPath[^1]);
        }

        /// <summary>add: the value at the path becomes a table; top-level keys of values overwrite, null deletes, nested objects replace.</summary>
        public void Merge(IReadOnlyList<string> keyPath, JsonObject? values, string inputPath)
        {
            if (Parent(keyPath, inputPath + ".path") is not { } parent)
            {
                return;
            }
            if (!parent.TryGetValue(keyPath[^1], out var existing) || existing is not ConfigTable table)
            {
                table = new ConfigTable();
                parent[keyPath[^1]] = table;
            }
            var integerKeys = new List<string>();
            foreach (var (key, value) in values ?? [])
            {
                if (value is null)
                {
                    table.Remove(key);
                }
                else
                {
                    table[key] = FromJson(value, key, integerKeys);
                }
            }
            if (integerKeys.Count > 0)
            {
                var valuesPath = inputPath + ".values";
                report.Add(DiagnosticCatalog.IntegerValuesDeviation,
                    $"{string.Join(", ", integerKeys)}: written as TOML integers; gardener-node-agent writes JSON numbers as floats (16384 becomes 16384.0), which containerd rejects for integer settings",
                    valuesPath, positions.Locate(valuesPath), "write 16384.0 in values if a float is really meant");
            }
        }

        private ConfigTable? Parent(IReadOnlyList<string> keyPath, string inputPath)
        {
            var table = root;
            for (var i = 0; i < keyPath.Count - 1; i++)
            {
                if (!table.TryGetValue(keyPath[i], out var next))
                {
                    next = new ConfigTable();
                    table[keyPath[i]] = next;
                }
                if (next is not ConfigTable child)
                {
                    Failed = true;
                    var where = string.Join('.', keyPath.Take(i + 1));
                    report.Add(DiagnosticCatalog.ContainerdPathConflict, $"config.toml has a {Describe(next)} at {where}, so {string.Join('.', keyPath)} cannot be set",
                        inputPath, positions.Locate(inputPath), "fix the base config, or the plugin path");
                    return null;
                }
                table = child;
            }
            return table;
        }

        private static string Describe(object value) => value switch
        {
            string => "string",
            long or double => "number",
            bool => "boolean",
            _ => "list",
        };

        private static object FromJson(JsonNode node, string key, List<string> integerKeys)
        {
            switch (node)
            {
                case JsonObject obj:
                    var table = new ConfigTable();
                    foreach (var (k, v) in obj)
                    {
                        if (v is not null)
                        {
                            table[k] = FromJson(v, key + "." + k, integerKeys);
                        }
                    }
                    return table;
                case JsonArray array:
                    return array.Where(i => i is not null).Select(i => FromJson(i!, key + "[]", integerKeys)).ToList();
                default:
                    var value = node.AsValue();
                    if (value.TryGetValue<string>(out var s))
                    {
                        return s;
                    }
                    if (value.TryGetValue<bool>(out var b))
                    {
                        return b;
                    }
                    if (value.TryGetValue<long>(out var l))
                    {
                        integerKeys.Add(key);
                        return l;
                    }
                    if (value.TryGetValue<double>(out var d))
                    {
                        return d;
                    }
                    return value.ToString();
            }
        }
    }
}
