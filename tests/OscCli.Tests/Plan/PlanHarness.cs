// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.Json.Nodes;

namespace Osc.Cli.Tests.Plan;

/// <summary>
/// Runs <c>osc plan NEW [--last-applied OLD] --format json</c> through the CLI on inputs written to a
/// temporary folder, and condenses node-agent's change set (read by its JSON field names) into one line.
/// </summary>
internal static class PlanHarness
{
    public sealed record Outcome(int ExitCode, IReadOnlyList<JsonObject> ChangeSets, string Stdout, string Stderr)
    {
        public JsonObject Single => Assert.Single(ChangeSets);

        public string Summary => PlanHarness.Summary(Single);
    }

    /// <summary>Plans <paramref name="updated"/> against <paramref name="old"/> (null: first reconcile) with extra CLI arguments.</summary>
    public static Outcome Run(string? old, string updated, params string[] arguments)
    {
        var dir = Directory.CreateTempSubdirectory("osc-plan-");
        try
        {
            var newPath = Path.Combine(dir.FullName, "new.yaml");
            File.WriteAllText(newPath, updated);
            var args = new List<string> { "plan", newPath, "--format", "json" };
            if (old is not null)
            {
                var oldPath = Path.Combine(dir.FullName, "old.yaml");
                File.WriteAllText(oldPath, old);
                args.AddRange(["--last-applied", oldPath]);
            }
            args.AddRange(arguments);
            var result = CliRunner.Run([.. args]);
            var sets = result.ExitCode == 0
                ? result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList()
                : [];
            return new Outcome(result.ExitCode, sets, result.Stdout, result.Stderr.Replace(dir.FullName + "/", "", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The change set in one line, only what is set: <c>files+[…]</c> written, <c>files-[…]</c> deleted,
    /// <c>units~[name(+dropIn -dropIn)]</c> changed, <c>cmd[name:command]</c>, <c>units-[…]</c> deleted,
    /// <c>config.toml</c>, <c>desired[…]</c>, <c>probe[…]</c>, <c>registries-[…]</c>, <c>restart-self</c>,
    /// <c>inplace[…]</c>, <c>checksum=…</c>.
    /// </summary>
    public static string Summary(JsonObject changes)
    {
        var parts = new List<string>();
        void List(string label, JsonNode? array, Func<JsonNode, string> item)
        {
            if (array is JsonArray items && items.Count > 0)
            {
                parts.Add($"{label}[{string.Join(' ', items.Select(i => item(i!)))}]");
            }
        }
        List("files+", changes["files"]!["changed"], f => Str(f["path"]));
        List("files-", changes["files"]!["deleted"], f => Str(f["path"]));
        List("units~", changes["units"]!["changed"], u =>
        {
            var dropIns = new List<string>();
            dropIns.AddRange(((u["dropInsChanges"]!["changed"] as JsonArray) ?? []).Select(d => "+" + Str(d!["name"])));
            dropIns.AddRange(((u["dropInsChanges"]!["deleted"] as JsonArray) ?? []).Select(d => "-" + Str(d!["name"])));
            return Str(u["name"]) + (dropIns.Count > 0 ? "(" + string.Join(' ', dropIns) + ")" : "");
        });
        List("cmd", changes["units"]!["commands"], c => Str(c["name"]) + ":" + Str(c["command"]));
        List("units-", changes["units"]!["deleted"], u => Str(u["name"]));
        if (changes["containerd"]!["configFileChanged"]!.GetValue<bool>())
        {
            parts.Add("config.toml");
        }
        var registries = changes["containerd"]!["registries"]!;
        List("desired", registries["desired"], r => Str(r["upstream"]));
        List("probe", registries["upstreamsToProbe"], Str);
        List("registries-", registries["deleted"], r => Str(r["upstream"]));
        if (changes["mustRestartNodeAgent"]!.GetValue<bool>())
        {
            parts.Add("restart-self");
        }
        var inPlace = changes["inPlaceUpdates"]!;
        var flags = new List<string>();
        void Flag(string name, JsonNode? value)
        {
            if (value!.GetValue<bool>())
            {
                flags.Add(name);
            }
        }
        Flag("operatingSystem", inPlace["operatingSystem"]);
        Flag("kubelet.minorVersion", inPlace["kubelet"]!["minorVersion"]);
        Flag("kubelet.config", inPlace["kubelet"]!["config"]);
        Flag("kubelet.cpuManagerPolicy", inPlace["kubelet"]!["cpuManagerPolicy"]);
        Assert.Equal(inPlace["certificateAuthoritiesRotation"]!["kubelet"]!.GetValue<bool>(), inPlace["certificateAuthoritiesRotation"]!["nodeAgent"]!.GetValue<bool>());
        Flag("certificateAuthoritiesRotation", inPlace["certificateAuthoritiesRotation"]!["kubelet"]);
        Flag("serviceAccountKeyRotation", inPlace["serviceAccountKeyRotation"]);
        if (flags.Count > 0)
        {
            parts.Add($"inplace[{string.Join(' ', flags)}]");
        }
        if (Str(changes["operatingSystemConfigChecksum"]) is { Length: > 0 } checksum)
        {
            parts.Add("checksum=" + checksum);
        }
        return string.Join(' ', parts);
    }

    private static string Str(JsonNode? node) => node!.GetValue<string>();
}

/// <summary>OperatingSystemConfigs as JSON (which osc reads as YAML), built from parts.</summary>
internal static class OscJson
{
    public static JsonArray A(params JsonNode[] items) => new(items);

    /// <summary>A reconcile OSC (type "" unless given: no OS extension adds units or files).</summary>
    public static string Doc(JsonArray? units = null, JsonArray? files = null, JsonObject? cri = null, JsonArray? statusUnits = null,
        JsonArray? statusFiles = null, JsonObject? inPlace = null, string name = "osc", string type = "", JsonObject? metadata = null)
    {
        var meta = metadata ?? new JsonObject();
        meta["name"] ??= name;
        meta["namespace"] ??= "kube-system";
        var spec = new JsonObject { ["type"] = type, ["purpose"] = "reconcile" };
        Put(spec, "units", units);
        Put(spec, "files", files);
        Put(spec, "criConfig", cri);
        Put(spec, "inPlaceUpdates", inPlace);
        var osc = new JsonObject
        {
            ["apiVersion"] = "extensions.gardener.cloud/v1alpha1",
            ["kind"] = "OperatingSystemConfig",
            ["metadata"] = meta,
            ["spec"] = spec,
        };
        if (statusUnits is not null || statusFiles is not null)
        {
            var status = new JsonObject();
            Put(status, "extensionUnits", statusUnits);
            Put(status, "extensionFiles", statusFiles);
            osc["status"] = status;
        }
        return osc.ToJsonString();
    }

    public static JsonObject Unit(string name, string? content = null, bool? enable = null, string? command = null, JsonArray? dropIns = null, JsonArray? filePaths = null)
    {
        var unit = new JsonObject { ["name"] = name };
        Put(unit, "command", command is null ? null : JsonValue.Create(command));
        Put(unit, "enable", enable is null ? null : JsonValue.Create(enable.Value));
        Put(unit, "content", content is null ? null : JsonValue.Create(content));
        Put(unit, "dropIns", dropIns);
        Put(unit, "filePaths", filePaths);
        return unit;
    }

    public static JsonObject DropIn(string name, string content) => new() { ["name"] = name, ["content"] = content };

    public static JsonArray Paths(params string[] paths) => new(paths.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray());

    public static JsonObject File(string path, string data, int? permissions = null, string encoding = "", string? hostName = null)
    {
        var file = new JsonObject { ["path"] = path, ["content"] = new JsonObject { ["inline"] = new JsonObject { ["encoding"] = encoding, ["data"] = data } } };
        Put(file, "permissions", permissions is null ? null : JsonValue.Create(permissions.Value));
        Put(file, "hostName", hostName is null ? null : JsonValue.Create(hostName));
        return file;
    }

    public static JsonObject ImageFile(string path, string image, string inImage) =>
        new() { ["path"] = path, ["content"] = new JsonObject { ["imageRef"] = new JsonObject { ["image"] = image, ["filePathInImage"] = inImage } } };

    public static JsonObject SecretFile(string path, string secret, string key) =>
        new() { ["path"] = path, ["content"] = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = secret, ["dataKey"] = key } } };

    /// <summary>Several documents in one YAML stream (JSON documents are YAML).</summary>
    public static string Stream(params string[] documents) => "---\n" + string.Join("\n---\n", documents) + "\n";

    /// <summary>
    /// gardener-node-agent's own last-applied-osc.yaml: the OSC as it decoded it from the Secret (no metadata,
    /// type and purpose empty), with its PATH drop-in already on containerd.service when there is a containerd config.
    /// </summary>
    public static string Copy(string doc)
    {
        var osc = JsonNode.Parse(doc)!.AsObject();
        osc["metadata"] = new JsonObject();
        osc["spec"]!["type"] = "";
        osc["spec"]!["purpose"] = "";
        return osc.ToJsonString();
    }

    /// <summary>The Secret gardenlet writes for gardener-node-agent, holding <paramref name="doc"/> as osc.yaml.</summary>
    public static string NodeAgentSecret(string doc, string? checksum = null, string name = "gardener-node-agent-worker-a")
    {
        var osc = JsonNode.Parse(doc)!.AsObject();
        osc["metadata"] = new JsonObject();
        osc["spec"]!["type"] = "";
        osc["spec"]!["purpose"] = "";
        var text = osc.ToJsonString();
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = "kube-system",
                ["labels"] = new JsonObject { ["gardener.cloud/role"] = "operating-system-config" },
                ["annotations"] = new JsonObject
                {
                    ["checksum/data-script"] = checksum ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                },
            },
            ["stringData"] = new JsonObject { ["osc.yaml"] = text },
        };
        return secret.ToJsonString();
    }

    /// <summary>A v1 Secret in kube-system (JSON, for a separate document: osc reads a stream of documents).</summary>
    public static string Secret(string name, string key, string value) =>
        new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kube-system" },
            ["stringData"] = new JsonObject { [key] = value },
        }.ToJsonString();

    public static JsonObject Cri(string sandboxImage = "pause", string? cgroupDriver = null, JsonArray? registries = null, JsonArray? plugins = null)
    {
        var containerd = new JsonObject { ["sandboxImage"] = sandboxImage };
        Put(containerd, "registries", registries);
        Put(containerd, "plugins", plugins);
        var cri = new JsonObject { ["name"] = "containerd", ["containerd"] = containerd };
        Put(cri, "cgroupDriver", cgroupDriver is null ? null : JsonValue.Create(cgroupDriver));
        return cri;
    }

    public static JsonObject Registry(string upstream, string? server = null, bool? readinessProbe = null, params string[] hosts)
    {
        var registry = new JsonObject { ["upstream"] = upstream };
        Put(registry, "server", server is null ? null : JsonValue.Create(server));
        Put(registry, "hosts", hosts.Length == 0 ? null : new JsonArray(hosts.Select(h => (JsonNode)new JsonObject { ["url"] = h }).ToArray()));
        Put(registry, "readinessProbe", readinessProbe is null ? null : JsonValue.Create(readinessProbe.Value));
        return registry;
    }

    public static JsonObject Plugin(string values, params string[] path) =>
        new() { ["path"] = Paths(path), ["values"] = JsonNode.Parse(values) };

    /// <summary>spec.inPlaceUpdates, with credentialsRotation times when given.</summary>
    public static JsonObject InPlace(string os = "1.2.3", string kubelet = "1.31.3", string? caTime = null, string? saTime = null, bool rotation = false)
    {
        var inPlace = new JsonObject { ["operatingSystemVersion"] = os, ["kubelet"] = kubelet };
        if (rotation || caTime is not null || saTime is not null)
        {
            var r = new JsonObject();
            if (caTime is not null)
            {
                r["certificateAuthorities"] = caTime == "" ? new JsonObject() : new JsonObject { ["lastInitiationTime"] = caTime };
            }
            if (saTime is not null)
            {
                r["serviceAccountKey"] = saTime == "" ? new JsonObject() : new JsonObject { ["lastInitiationTime"] = saTime };
            }
            inPlace["credentialsRotation"] = r;
        }
        return inPlace;
    }

    /// <summary>/var/lib/kubelet/config/kubelet with this KubeletConfiguration body (b64, as gardenlet writes it).</summary>
    public static JsonObject KubeletConfig(string body, bool header = true) =>
        File("/var/lib/kubelet/config/kubelet",
            Convert.ToBase64String(Encoding.UTF8.GetBytes((header ? "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" : "") + body)),
            permissions: 384, encoding: "b64");

    private static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
