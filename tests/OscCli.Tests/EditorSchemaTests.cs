// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// The schema `osc schema` gives editors (yaml-language-server, which implements JSON Schema draft-07):
/// run through a draft-07 validator (JsonSchema.Net; NJsonSchema skips if/then/else and const, so it
/// would pass what an editor flags), it must accept every document of examples/ and of the valid
/// inputs, and flag the mistakes of the bad inputs that a schema can see.
/// </summary>
public sealed class EditorSchemaTests
{
    private static readonly Lazy<JsonSchema> Manifest = new(() =>
    {
        var result = CliRunner.Run(["schema"]);
        Assert.Equal(0, result.ExitCode);
        return JsonSchema.FromText(result.Stdout);
    });

    private static readonly string BadInputs = Path.Combine(RepoPaths.Root, "tests", "OscCli.Tests", "BadInputs");
    private static readonly string ValidInputs = Path.Combine(RepoPaths.Root, "tests", "OscCli.Tests", "Inputs");

    /// <summary>The documents of a file as the editor's validator sees them: JSON values, read the way Kubernetes reads YAML.</summary>
    private static List<JsonNode?> Documents(string path)
    {
        var report = new Report();
        var documents = YamlLoader.Load(Path.GetFileName(path), File.ReadAllBytes(path), report);
        Assert.False(report.HasErrors, $"{path} does not parse:\n{string.Join("\n", report.Items)}");
        return documents.Select(d => ToJson(d.Root)).ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMapping mapping => new JsonObject(mapping.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        YamlSequence sequence => new JsonArray(sequence.Items.Select(ToJson).ToArray()),
        YamlScalar scalar => ScalarResolver.Resolve(scalar) switch
        {
            { Kind: ScalarKind.Null } => null,
            { Kind: ScalarKind.Bool } b => JsonValue.Create(b.Bool),
            { Kind: ScalarKind.Int } i => JsonValue.Create(i.Int),
            { Kind: ScalarKind.Float } f => JsonValue.Create(f.Float),
            var s => JsonValue.Create(s.Text),
        },
        _ => throw new InvalidOperationException(node.KindName),
    };

    /// <summary>The instance locations (JSON pointers) where the schema fails the document; empty when it accepts it.</summary>
    private static List<string> Flagged(JsonNode? document)
    {
        using var json = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var results = Manifest.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        // An "if" that does not match is no error: only failures outside an if's own evaluation count.
        return (results.Details ?? []).Where(d => !d.IsValid && d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
            .Select(d => d.InstanceLocation.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public static TheoryData<string> ValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Examples).Where(f => Path.GetFileName(f) != "invalid-reconcile.yaml")
            .Concat(Directory.GetFiles(ValidInputs)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Every_document_of_a_valid_file_is_accepted(string file)
    {
        var documents = Documents(Path.Combine(RepoPaths.Root, file));

        Assert.NotEmpty(documents);
        Assert.All(documents, document => Assert.Empty(Flagged(document)));
    }

    /// <summary>
    /// What the schema must flag in each bad input (instance locations), or why it cannot: what is not
    /// YAML cannot be given to a schema (an editor reports the syntax error itself), and the rules that
    /// need more than one value's shape (names across documents, Secret references, Go's base64) are
    /// Osc's, not a schema's.
    /// </summary>
    private static readonly Dictionary<string, (string[] Flagged, string? WhyNot)> BadInputTable = new(StringComparer.Ordinal)
    {
        ["criconfig.json"] = ([], "its mistakes are Gardener's validation rules (URLs as Go's url.Parse reads them, an empty sandboxImage, an upstream given twice); the CRD gives those fields no pattern, length or uniqueness"),
        ["duplicate-keys.yaml"] = ([], "a duplicate key is a YAML error (the editor's parser reports it), not a schema's"),
        ["empty.yaml"] = ([], "no document: nothing for a schema to check"),
        ["json-syntax.json"] = ([], "not JSON: a syntax error"),
        // The registry upstream with a scheme and the inline data that is no base64 are Gardener's rules, not the CRD's schema.
        ["kubectl-list-json.json"] = (["/items/1/spec/unitz", "/items/2/data/token", "/items/3/kind"], null),
        ["kubectl-list-yaml.yaml"] = (["/items/1/spec/unitz", "/items/2/data/token", "/items/3/kind"], null),
        ["missing-secret.yaml"] = ([], "a secretRef naming a key its Secret lacks is a rule across two documents"),
        // The OperatingSystemConfig defined twice is a rule across documents.
        ["multi-document.yaml"] = (["/apiVersion", "/kind"], null),
        ["node-agent-secret.yaml"] = ([], "the mistakes are inside osc.yaml, which is base64 text to a schema"),
        ["tab-indent.yaml"] = ([], "a tab in indentation is a YAML error"),
        // inline without its required encoding; unit names, names twice, relative and '..' paths and base64 are Gardener's and Osc's rules.
        ["units-and-paths.yaml"] = (["/spec/files/0/content/inline", "/spec/files/1/content/inline", "/spec/files/2/content/inline"], null),
        ["unknown-fields.yaml"] = (["/spec/files/0/content/inline", "/spec/files/0/permisions", "/spec/unitz"], null),
        ["wrong-shapes.yaml"] = (["/metadata", "/spec/files/0/content/inline/data", "/spec/files/0/permissions", "/spec/type", "/spec/units"], null),
        ["wrong-types.yaml"] = (["/spec/files/0/content/inline/encoding", "/spec/files/0/permissions", "/spec/purpose", "/spec/units/0/command", "/spec/units/0/enable"], null),
        ["yaml-syntax.yaml"] = ([], "not YAML: a syntax error"),
    };

    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(BadInputs).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void The_mistakes_of_each_bad_input_that_a_schema_can_see_are_flagged(string file)
    {
        Assert.True(BadInputTable.TryGetValue(file, out var expected), $"BadInputs/{file} has no row in {nameof(BadInputTable)}: say what the schema flags, or why it cannot");
        var path = Path.Combine(BadInputs, file);
        if (expected.WhyNot is not null)
        {
            Assert.Empty(expected.Flagged);
            // The reason must hold: either the file does not parse, or the schema indeed accepts it.
            var report = new Report();
            var documents = YamlLoader.Load(file, File.ReadAllBytes(path), report);
            if (!report.HasErrors)
            {
                Assert.All(documents, d => Assert.Empty(Flagged(ToJson(d.Root))));
            }
            return;
        }
        var flagged = Documents(path).SelectMany(Flagged).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Flagged, flagged);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: OperatingSystemConfig\n", "/apiVersion")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n", "/kind")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringdata: {a: b}\n", "/stringdata")]
    [InlineData("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, data: {a: '%%%'}}\n", "/items/0/data/a")]
    [InlineData("apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfigList\nitems:\n- {spec: {type: ubuntu, purpose: sometimes}}\n", "/items/0/spec/purpose")]
    [InlineData("apiVersion: config.osc.dev/v1alpha1\nkind: NodeConfig\nntp: {daemon: chronyd}\n", "/ntp/daemon")]
    [InlineData("apiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nntp: {daemon: chrony}\n", "/ntp/daemon")]
    [InlineData("apiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\nenableDocker: yes please\n", "/enableDocker")]
    public void Real_mistakes_in_each_kind_of_document_are_flagged_where_they_are(string yaml, string location)
    {
        var report = new Report();
        var document = ToJson(YamlLoader.Load("m.yaml", yaml, report).Single().Root);

        Assert.Contains(location, Flagged(document));
    }

    [Fact]
    public void A_typed_list_item_may_leave_out_apiVersion_and_kind_as_the_loader_allows()
    {
        var report = new Report();
        var list = YamlLoader.Load("l.yaml", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfigList\nitems:\n- {spec: {type: ubuntu, purpose: reconcile}}\n", report).Single();

        Assert.Empty(Flagged(ToJson(list.Root)));
        Assert.Empty(OscLoader.LoadText("l.yaml", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfigList\nitems:\n- {metadata: {name: a, namespace: ns}, spec: {type: ubuntu, purpose: reconcile}}\n").Report.Items);
    }

    [Fact]
    public void The_combined_schema_is_derived_from_every_document_schema_and_every_reference_resolves()
    {
        var text = CliRunner.Run(["schema"]).Stdout;
        var schema = JsonNode.Parse(text)!.AsObject();
        var definitions = schema["definitions"]!.AsObject();

        Assert.Equal("http://json-schema.org/draft-07/schema#", schema["$schema"]!.GetValue<string>());
        Assert.Equal(text, CliRunner.Run(["schema", "manifest"]).Stdout);
        var files = Directory.GetFiles(RepoPaths.Schemas, "*.schema.json", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("kubernetes/secret.schema.json", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("manifest", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(RepoPaths.Schemas, file)[..^".schema.json".Length].Replace('/', '.');
            var source = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var derived = definitions[name]?.AsObject();
            Assert.True(derived is not null, $"{file} is not in the combined schema");
            Assert.Equal(source["properties"]!.AsObject().Select(p => p.Key), derived!["properties"]!.AsObject().Select(p => p.Key));
            foreach (var (def, _) in source["$defs"]?.AsObject() ?? [])
            {
                Assert.True(definitions.ContainsKey($"{name}.{def}"), $"{name}.{def} missing");
            }
        }
        var references = new List<string>();
        Collect(schema, references);
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(
            reference == "#" || (reference.StartsWith("#/definitions/", StringComparison.Ordinal) && definitions.ContainsKey(reference["#/definitions/".Length..])),
            $"{reference} does not resolve"));
        Assert.DoesNotContain("$defs", text, StringComparison.Ordinal);
    }

    private static void Collect(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref")
                    {
                        references.Add(value!.GetValue<string>());
                    }
                    else
                    {
                        Collect(value, references);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, references);
                }
                break;
        }
    }
}
