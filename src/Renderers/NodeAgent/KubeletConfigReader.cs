// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Renderers.NodeAgent;

/// <summary>The kubelet configuration fields that decide gardener-node-agent's in-place flags.</summary>
internal sealed record KubeletConfigFields(string CpuManagerPolicy, IReadOnlyDictionary<string, string> EvictionHard, IReadOnlyDictionary<string, string> KubeReserved);

/// <summary>
/// The kubelet config file of an OSC as gardener-node-agent reads it for an in-place update
/// (changes.go getKubeletConfig, kubelet/configcodec.go): the first entry of spec.files (not the extension
/// files, no host filter) at exactly /var/lib/kubelet/config/kubelet, its inline content decoded ("" or
/// b64), then YAML into a kubelet.config.k8s.io/v1beta1 KubeletConfiguration, leniently (unknown fields
/// ignored, nothing defaulted; a missing apiVersion or kind is taken from the target type). Only the three
/// fields node-agent compares are read and type-checked.
/// </summary>
internal static class KubeletConfigReader
{
    public const string Path = "/var/lib/kubelet/config/kubelet";
    private const string ApiVersion = "kubelet.config.k8s.io/v1beta1";
    private const string Kind = "KubeletConfiguration";

    /// <summary>The fields, or null with <paramref name="problem"/> (what is wrong with the file) and <paramref name="at"/> (the JSON path to locate it).</summary>
    public static KubeletConfigFields? Read(OperatingSystemConfig osc, out string problem, out string at)
    {
        var files = osc.Spec.Files ?? [];
        var index = files.Select((f, i) => (f, i)).FirstOrDefault(x => x.f.Path == Path, (null!, -1)).Item2;
        if (index < 0)
        {
            problem = "spec.files has no such file; gardener-node-agent reads the kubelet configuration from it for an in-place update";
            at = "$.spec.inPlaceUpdates";
            return null;
        }
        var contentPath = $"$.spec.files[{index}].content";
        at = contentPath;
        if (files[index].Content.Inline is not { } inline)
        {
            problem = "it has no inline content, and gardener-node-agent decodes only inline content here";
            return null;
        }
        at = contentPath + ".inline.data";
        byte[] bytes;
        if (inline.Encoding == InlineEncoding.B64)
        {
            if (!SecretBinder.TryDecodeBase64(inline.Data, out bytes))
            {
                problem = "data is not valid base64";
                return null;
            }
        }
        else
        {
            bytes = System.Text.Encoding.UTF8.GetBytes(inline.Data);
        }
        var scratch = new Report();
        var documents = YamlLoader.Load(Path, bytes, scratch);
        if (scratch.HasErrors || documents.Count != 1)
        {
            var first = scratch.Items.FirstOrDefault(d => d.Severity == Severity.Error);
            problem = "it is not one YAML document: " + (first?.Message ?? (documents.Count == 0 ? "it is empty" : $"it holds {documents.Count} documents"));
            return null;
        }
        if (documents[0].Root is not YamlMapping root)
        {
            problem = $"it is a {documents[0].Root.KindName}, not a KubeletConfiguration";
            return null;
        }
        var apiVersion = String(root.Get("apiVersion"));
        var kind = String(root.Get("kind"));
        if ((apiVersion.Value is { Length: > 0 } a && a != ApiVersion) || (kind.Value is { Length: > 0 } k && k != Kind))
        {
            problem = $"it is {apiVersion.Value} {kind.Value}, not {ApiVersion} {Kind}";
            return null;
        }
        var policy = String(root.Get("cpuManagerPolicy"));
        if (!policy.Ok)
        {
            problem = "cpuManagerPolicy is not a string";
            return null;
        }
        var evictionHard = Map(root.Get("evictionHard"), out var evictionProblem);
        var kubeReserved = Map(root.Get("kubeReserved"), out var reservedProblem);
        if (evictionHard is null || kubeReserved is null)
        {
            problem = evictionHard is null ? "evictionHard" + evictionProblem : "kubeReserved" + reservedProblem;
            return null;
        }
        problem = "";
        return new KubeletConfigFields(policy.Value ?? "", evictionHard, kubeReserved);
    }

    /// <summary>A string field as Go's JSON decoder fills it: absent or null leaves "", other scalars and collections fail.</summary>
    private static (bool Ok, string? Value) String(YamlNode? node) => node switch
    {
        null => (true, null),
        YamlScalar scalar => ScalarResolver.Resolve(scalar) switch
        {
            { Kind: ScalarKind.String } s => (true, s.Text),
            { Kind: ScalarKind.Null } => (true, null),
            _ => (false, null),
        },
        _ => (false, null),
    };

    /// <summary>A map[string]string: absent or null is empty; a null value is ""; a number or boolean value fails to decode.</summary>
    private static Dictionary<string, string>? Map(YamlNode? node, out string problem)
    {
        problem = "";
        var map = new Dictionary<string, string>(System.StringComparer.Ordinal);
        if (node is null || node is YamlScalar { } nullScalar && ScalarResolver.Resolve(nullScalar).Kind == ScalarKind.Null)
        {
            return map;
        }
        if (node is not YamlMapping mapping)
        {
            problem = " is not a map of strings";
            return null;
        }
        foreach (var entry in mapping.Entries)
        {
            var value = String(entry.Value);
            if (!value.Ok)
            {
                problem = $".{entry.Key.Value} is not a string (write it in quotes)";
                return null;
            }
            map[entry.Key.Value] = value.Value ?? "";
        }
        return map;
    }
}
