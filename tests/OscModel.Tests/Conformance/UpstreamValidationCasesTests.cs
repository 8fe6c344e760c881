// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using System.Text.Json.Nodes;
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Model.Validation;
using Osc.TestUtil;

namespace Osc.Model.Tests.Conformance;

/// <summary>
/// Gardener's own validation test cases (transcribed in shared/upstream/gardener/testdata/validation):
/// each patch of the valid object must give, at the same field paths, the errors upstream expects. The
/// update cases (ValidateOperatingSystemConfigUpdate) hold the patched object against the valid one as
/// the stored object, as <c>osc plan FILE --last-applied OLD</c> does.
/// </summary>
public sealed class UpstreamValidationCasesTests
{
    /// <summary>Which Osc codes stand for each Kubernetes field.ErrorType.</summary>
    private static readonly Dictionary<string, string[]> CodesByErrorType = new()
    {
        ["FieldValueRequired"] = ["OSC1104", "OSC1201", "OSC1202", "OSC1211", "OSC1216", "OSC1220", "OSC1222", "OSC1230", "OSC1231", "OSC1233", "OSC1234", "OSC1235"],
        ["FieldValueNotSupported"] = ["OSC1102", "OSC1214"],
        ["FieldValueInvalid"] = ["OSC1213", "OSC1214", "OSC1215", "OSC1218", "OSC1224", "OSC1232", "OSC1236", "OSC1265", "OSC1267"],
        ["FieldValueForbidden"] = ["OSC1210", "OSC1217", "OSC1266", "OSC1268"],
        ["FieldValueDuplicate"] = ["OSC1212", "OSC1237"],
    };

    /// <summary>Checks upstream does not make (Osc's additions) and CRD-level checks the API server makes before the webhook.</summary>
    private static readonly HashSet<string> ExtraCodesAllowed =
    [
        "OSC1203", "OSC1221", "OSC1223", "OSC1225", "OSC1226", "OSC1227", "OSC1238", "OSC1239", "OSC1240", "OSC1241", "OSC1242",
        "OSC1101", "OSC1104",
    ];

    [SkippableFact]
    public void Every_upstream_validation_case_reports_the_upstream_errors()
    {
        var shared = RepoPaths.SharedOrSkip("upstream validation cases");
        var dir = Path.Combine(shared, "upstream", "gardener", "testdata", "validation");
        var valid = ToJson(File.ReadAllText(Path.Combine(dir, "valid-osc.yaml")));
        var cases = ToJson(File.ReadAllText(Path.Combine(dir, "cases.yaml"))).AsArray();

        var failures = new List<string>();
        var checkedCases = 0;
        var updateCases = 0;
        foreach (var item in cases)
        {
            var @case = item!.AsObject();
            var name = @case["name"]!.GetValue<string>();
            var expected = @case["errors"]!.AsArray().Select(e => (Type: e!["type"]!.GetValue<string>(), Field: e["field"]!.GetValue<string>())).ToList();
            if (@case["update"] is JsonObject update)
            {
                updateCases++;
                checkedCases++;
                failures.AddRange(Compare(name, expected, ValidateUpdate(valid, update)));
                continue;
            }
            foreach (var document in Documents(@case, valid))
            {
                checkedCases++;
                var report = Validate(document);
                failures.AddRange(Compare(name, expected, report));
            }
        }

        Assert.True(checkedCases >= 30, $"only {checkedCases} cases ran");
        Assert.Equal(3, updateCases);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SkippableFact]
    public void Upstream_valid_object_gives_only_checks_that_Osc_adds()
    {
        var shared = RepoPaths.SharedOrSkip("upstream valid object");
        var path = Path.Combine(shared, "upstream", "gardener", "testdata", "validation", "valid-osc.yaml");

        var report = OscValidator.Validate(OscLoader.LoadFiles([path]));

        // Upstream accepts these on purpose-made test data; Osc flags them (see docs/diagnostics.md).
        Assert.Equal(
            ["OSC1225 $.spec.units[0].name", "OSC1226 $.spec.units[0].dropIns[0].name", "OSC1238 $.spec.files[0].path",
                "OSC1241 $.spec.files[0].content.inline.data"],
            report.Items.Select(d => d.Code + " " + d.Path).Order());
    }

    private static IEnumerable<string> Compare(string name, List<(string Type, string Field)> expected, Report report)
    {
        var used = new HashSet<OscDiagnostic>(ReferenceEqualityComparer.Instance);
        foreach (var (type, field) in expected)
        {
            var path = "$." + field;
            var codes = CodesByErrorType[type];
            var match = report.Items.FirstOrDefault(d => d.Severity != Severity.Info && codes.Contains(d.Code)
                && (d.Path == path || (d.Code == "OSC1104" && d.Path is { } p && path.StartsWith(p + ".", StringComparison.Ordinal))));
            if (match is null)
            {
                yield return $"{name}: expected {type} at {path}; got: {string.Join("; ", report.Items.Select(d => d.Code + " " + d.Path))}";
            }
            else
            {
                used.Add(match);
            }
        }
        foreach (var extra in report.Items.Where(d => d.Severity == Severity.Error && !used.Contains(d) && !ExtraCodesAllowed.Contains(d.Code)))
        {
            if (!expected.Any(e => "$." + e.Field == extra.Path))
            {
                yield return $"{name}: unexpected {extra.Code} at {extra.Path}: {extra.Message}";
            }
        }
    }

    private static IEnumerable<JsonObject> Documents(JsonObject @case, JsonNode valid)
    {
        if (@case.ContainsKey("replace_whole_object"))
        {
            // An empty object; apiVersion and kind stay so Osc knows what it is.
            yield return new JsonObject { ["apiVersion"] = "extensions.gardener.cloud/v1alpha1", ["kind"] = "OperatingSystemConfig" };
        }
        else if (@case["each_patch"] is JsonArray patches)
        {
            foreach (var patch in patches)
            {
                yield return MergePatch(valid.DeepClone(), patch!).AsObject();
            }
        }
        else if (@case["patch"] is { } patch)
        {
            yield return MergePatch(valid.DeepClone(), patch).AsObject();
        }
        else
        {
            // "duplicate registry upstream": registries gets a second copy of registries[0].
            var document = valid.DeepClone().AsObject();
            var registries = document["spec"]!["criConfig"]!["containerd"]!["registries"]!.AsArray();
            registries.Add(registries[0]!.DeepClone());
            yield return document;
        }
    }

    /// <summary>
    /// The update cases: the valid object is the stored one, the patched object the update (upstream's
    /// prepareOperatingSystemConfigForUpdate only sets the resourceVersion, which Osc does not check);
    /// set_deletion_timestamp gives both the same deletionTimestamp.
    /// </summary>
    private static Report ValidateUpdate(JsonNode valid, JsonObject update)
    {
        var stored = valid.DeepClone().AsObject();
        if (update["set_deletion_timestamp"]?.GetValue<bool>() == true)
        {
            stored["metadata"]!["deletionTimestamp"] = "2026-08-21T17:55:55Z";
        }
        var updated = MergePatch(stored.DeepClone(), update["patch"]!).AsObject();
        var input = OscLoader.LoadText("new.json", updated.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var old = OscLoader.LoadText("old.json", stored.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var report = OscValidator.Validate(input);
        OscValidator.ValidateUpdate(input.OperatingSystemConfigs.Single(), old.OperatingSystemConfigs.Single(), report);
        return report;
    }

    private static Report Validate(JsonObject document)
    {
        var input = OscLoader.LoadText("case.json", document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return OscValidator.Validate(input);
    }

    /// <summary>RFC 7386 JSON merge patch: objects merge, null deletes, everything else (lists too) replaces.</summary>
    private static JsonNode MergePatch(JsonNode target, JsonNode patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch.DeepClone();
        }
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = MergePatch(result[key] ?? new JsonObject(), value);
                result[key] = merged.Parent is null ? merged : merged.DeepClone();
            }
        }
        return result;
    }

    private static JsonNode ToJson(string yaml)
    {
        var report = new Report();
        var document = Assert.Single(YamlLoader.Load("data.yaml", yaml, report));
        Assert.False(report.HasErrors, string.Join("\n", report.Items));
        return new BindContext(report, new SourceMap("data.yaml")).ReadAny(document.Root, OscPath.Root)!;
    }
}
