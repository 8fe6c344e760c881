// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using CsCheck;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;
using Osc.Renderers.Containerd;
using Osc.Renderers.Toml;

namespace Osc.Renderers.Tests.Properties;

/// <summary>
/// Random registries and plugin patches always give TOML that parses back to exactly the declared
/// values: no input string can break out of its TOML string or add a key.
/// </summary>
public sealed class ContainerdPropertyTests
{
    // Quotes, backslashes, TOML syntax, tabs, newlines and non-ASCII; C0 controls other than tab and
    // newline are left out only because Tomlyn, the reader used here, rejects their \u escapes.
    private const string Characters = "abcXYZ019 -_.:/=[]{}#\"'\\\t\nåé日,";

    private static readonly Gen<string> Text = Gen.String[Gen.Char[Characters], 0, 12];

    private static readonly Gen<string> Host = Gen.Select(Gen.String[Gen.Char["abcdefghij"], 1, 8], Gen.Int[0, 3], (label, n) => label + (n == 0 ? "" : "." + label + n));

    private static readonly Gen<RegistryHost> RegistryHostGen = Gen.Select(
        Text, Gen.Enum<RegistryCapability>().Array[0, 3], Text.Array[0, 2], Gen.Bool,
        (path, capabilities, caCerts, overridePath) => new RegistryHost
        {
            Url = "https://mirror.local/" + path,
            Capabilities = capabilities,
            CaCerts = caCerts,
            OverridePath = overridePath,
        });

    // Host URLs are distinct within a registry, as validation (OSC1219) requires.
    private static readonly Gen<RegistryConfig> RegistryGen = Gen.Select(
        Host, Gen.Int[0, 70000], Text, RegistryHostGen.Array[0, 3],
        (host, port, serverPath, hosts) => new RegistryConfig
        {
            Upstream = port is > 0 and < 65536 ? $"{host}:{port}" : host,
            Server = "https://" + host + "/" + serverPath,
            Hosts = hosts.DistinctBy(h => h.Url).ToArray(),
        });

    private static readonly Gen<JsonNode> Scalar = Gen.OneOf<JsonNode>(
        Text.Select(s => (JsonNode)JsonValue.Create(s)!),
        Gen.Bool.Select(b => (JsonNode)JsonValue.Create(b)),
        Gen.Long.Select(l => (JsonNode)JsonValue.Create(l)));

    private static readonly Gen<JsonObject> Values = Gen.Select(
        Text.Array[0, 4], Scalar.Array[4], Text, Scalar.Array[0, 3],
        (keys, scalars, nestedKey, list) =>
        {
            var values = new JsonObject();
            for (var i = 0; i < keys.Length; i++)
            {
                values[keys[i]] = scalars[i].DeepClone();
            }
            values["nested." + nestedKey] = new JsonObject { ["inner"] = scalars[0].DeepClone() };
            values["list"] = new JsonArray(list.Select(n => n.DeepClone()).ToArray());
            return values;
        });

    private static readonly Gen<(string[] Path, JsonObject Values)> Plugin = Gen.Select(Text.Array[0, 3], Values, (path, values) => (path, values));

    [Fact]
    public void Hosts_toml_parses_back_to_the_declared_values()
    {
        RegistryGen.Sample(registry =>
        {
            var parsed = TomlModelReader.TryRead(HostsTomlRenderer.Render(registry), out var error) ?? throw new InvalidOperationException(error);

            Assert.Equal(registry.Server, parsed["server"]);
            var hosts = registry.Hosts ?? [];
            var tables = parsed.TryGetValue("host", out var h) ? (ConfigTable)h : new ConfigTable();
            Assert.Equal(hosts.Count, tables.Count);
            foreach (var host in hosts)
            {
                var table = (ConfigTable)tables[host.Url];
                var expected = host.Capabilities is { Count: > 0 } c ? c.Select(x => x.ToWire()).ToList() : ["pull", "resolve"];
                Assert.Equal(expected, ((List<object>)table["capabilities"]).Cast<string>());
                Assert.Equal(host.CaCerts is { Count: > 0 } ? host.CaCerts : null, table.TryGetValue("ca", out var ca) ? ((List<object>)ca).Cast<string>().ToList() : null);
                Assert.Equal(host.OverridePath == true, table.ContainsKey("override_path"));
                Assert.Equal(host.OverridePath == true ? 3 : 2, table.Count + (host.CaCerts is { Count: > 0 } ? 0 : 1));
            }
        }, iter: 300);
    }

    [Fact]
    public void Config_toml_holds_exactly_the_declared_plugin_values()
    {
        Gen.Select(Plugin.Array[1, 3], Gen.Int[2, 4], (plugins, version) => (plugins, version)).Sample(input =>
        {
            // Each plugin under its own prefix, so later plugins cannot overwrite earlier ones.
            var configs = input.plugins.Select((p, i) => new PluginConfig { Path = [$"test.{i}", .. p.Path], Values = p.Values }).ToList();
            var cri = new CriConfig { Name = CriName.Containerd, Containerd = new ContainerdConfig { SandboxImage = "pause", Plugins = configs } };
            var report = new Report();

            var text = ContainerdConfigRenderer.Render(cri, new ContainerdConfigOptions { DefaultConfigVersion = input.version }, report, new SourceMap("p"));

            Assert.True(text is not null, string.Join("\n", report.Items));
            var parsed = TomlModelReader.TryRead(text!, out var error) ?? throw new InvalidOperationException(error + "\n" + text);
            foreach (var plugin in configs)
            {
                object node = parsed["plugins"];
                foreach (var key in plugin.Path)
                {
                    node = ((ConfigTable)node)[key];
                }
                AssertSame((JsonObject)plugin.Values!, (ConfigTable)node);
            }
        }, iter: 200);
    }

    private static void AssertSame(JsonObject expected, ConfigTable actual)
    {
        Assert.Equal(expected.Select(e => e.Key).Order(StringComparer.Ordinal), actual.Keys.Where(k => expected.ContainsKey(k)).Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected)
        {
            AssertSameValue(value!, actual[key]);
        }
    }

    private static void AssertSameValue(JsonNode expected, object actual)
    {
        switch (expected)
        {
            case JsonObject obj:
                AssertSame(obj, (ConfigTable)actual);
                break;
            case JsonArray array:
                var items = (List<object>)actual;
                Assert.Equal(array.Count, items.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    AssertSameValue(array[i]!, items[i]);
                }
                break;
            default:
                var v = expected.AsValue();
                object want = v.TryGetValue<string>(out var s) ? s : v.TryGetValue<bool>(out var b) ? b : v.GetValue<long>();
                Assert.Equal(want, actual);
                break;
        }
    }
}
