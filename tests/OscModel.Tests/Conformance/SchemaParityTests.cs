// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.TestUtil;
using Xunit.Abstractions;

namespace Osc.Model.Tests.Conformance;

/// <summary>
/// Every field path of the upstream CRD exists in schemas/operatingsystemconfig.schema.json with a
/// compatible type, and what the CRD requires, our schema requires.
/// </summary>
public sealed class SchemaParityTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Every_upstream_crd_field_path_exists_with_a_compatible_type()
    {
        var shared = RepoPaths.SharedOrSkip("schema parity with the upstream CRD");
        var crd = LoadYaml(Path.Combine(shared, "upstream", "gardener", "crd-operatingsystemconfigs.yaml"));
        var upstream = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
        var ours = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "operatingsystemconfig.schema.json")))!.AsObject();
        var defs = ours["$defs"]!.AsObject();

        var problems = new List<string>();
        var paths = 0;
        Compare(upstream, ours, "", defs, problems, ref paths);

        output.WriteLine($"{paths} CRD field paths compared, {problems.Count} problems");
        Assert.True(paths > 100, $"only {paths} paths were compared; is the CRD walk broken?");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void Compare(JsonObject crd, JsonObject ours, string path, JsonObject defs, List<string> problems, ref int paths)
    {
        ours = Resolve(ours, defs);
        var crdType = crd["type"]?.GetValue<string>();
        var preserve = crd["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        var ourType = ours["type"]?.GetValue<string>();

        if (crdType is null || (preserve && crd["properties"] is null && crdType == "object"))
        {
            // Free-form in the CRD: ours must be free-form too (preserve-unknown-fields), with the CRD's type:
            // none (plugin values: any JSON) or object (providerConfig, providerStatus, state: a string is refused).
            if (ourType != crdType || ours["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() != true)
            {
                problems.Add($"{path}: the CRD keeps it free-form with type {crdType ?? "(any)"}, ours has type {ourType ?? "(any)"}");
            }
            return;
        }
        if (crdType != ourType)
        {
            problems.Add($"{path}: CRD type {crdType}, ours {ourType ?? "(any)"}");
            return;
        }
        if (crd["format"]?.GetValue<string>() is "int64" && ours["format"]?.GetValue<string>() is not "int64")
        {
            problems.Add($"{path}: CRD format int64, ours {ours["format"]}");
        }
        switch (crdType)
        {
            case "array":
                Compare(crd["items"]!.AsObject(), ours["items"]!.AsObject(), path + "[]", defs, problems, ref paths);
                break;
            case "object" when crd["properties"] is JsonObject crdProperties:
                var ourProperties = ours["properties"]?.AsObject();
                if (ourProperties is null)
                {
                    problems.Add($"{path}: CRD has properties, ours is {(ours["additionalProperties"] is JsonObject ? "a map" : "free-form")}");
                    return;
                }
                var ourRequired = (ours["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
                foreach (var required in (crd["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()))
                {
                    if (!ourRequired.Contains(required))
                    {
                        problems.Add($"{path}.{required}: required in the CRD, not in ours");
                    }
                }
                foreach (var (name, value) in crdProperties)
                {
                    paths++;
                    var childPath = path.Length == 0 ? name : path + "." + name;
                    if (ourProperties[name] is not JsonObject ourChild)
                    {
                        problems.Add($"{childPath}: missing from our schema");
                        continue;
                    }
                    // ObjectMeta: the CRD leaves metadata to the API server (type: object only).
                    if (name == "metadata" && path.Length == 0)
                    {
                        continue;
                    }
                    Compare(value!.AsObject(), ourChild, childPath, defs, problems, ref paths);
                }
                break;
            case "object" when crd["additionalProperties"] is JsonObject crdValues:
                if (ours["additionalProperties"] is not JsonObject ourValues)
                {
                    problems.Add($"{path}: CRD has a map, ours has no additionalProperties schema");
                    return;
                }
                Compare(crdValues, ourValues, path + "{}", defs, problems, ref paths);
                break;
        }
    }

    private static JsonObject Resolve(JsonObject schema, JsonObject defs)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = defs[reference["#/$defs/".Length..]]!.AsObject();
        }
        return schema;
    }

    private static JsonObject LoadYaml(string path)
    {
        var report = new Report();
        var document = YamlLoader.Load(path, File.ReadAllBytes(path), report).Single();
        Assert.False(report.HasErrors, string.Join("\n", report.Items));
        return new BindContext(report, new SourceMap(path)).ReadAny(document.Root, OscPath.Root)!.AsObject();
    }
}
