// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using System.Text;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Validation;

namespace Osc.Model.Tests.Loading;

/// <summary>
/// Lists (kubectl's v1 List and typed *List) are read item by item, with findings at the item's place
/// in the file; a gardener-node-agent Secret gives the OperatingSystemConfig in its osc.yaml, located in
/// the decoded text. Each reading is bounded.
/// </summary>
public sealed class ListAndNodeAgentSecretTests
{
    private const string Osc = "{apiVersion: extensions.gardener.cloud/v1alpha1, kind: OperatingSystemConfig, metadata: {name: NAME, namespace: ns}, spec: {type: ubuntu, purpose: reconcile}}";

    private static string Item(string name) => Osc.Replace("NAME", name, StringComparison.Ordinal);

    private static OscInput Load(string text, LoadLimits? limits = null)
    {
        var input = OscLoader.Load([new InputFile("in.yaml", Encoding.UTF8.GetBytes(text))], limits);
        OscValidator.Validate(input);
        return input;
    }

    [Fact]
    public void Items_of_a_v1_List_are_documents_and_their_findings_say_which_item()
    {
        var input = Load($"apiVersion: v1\nkind: List\nmetadata: {{resourceVersion: \"\"}}\nitems:\n- {Item("a")}\n- {Item("b").Replace("reconcile", "reconcil", StringComparison.Ordinal)}\n");

        Assert.Equal(["a", "b"], input.OperatingSystemConfigs.Select(d => d.Value.Metadata!.Name));
        var finding = Assert.Single(input.Report.Items);
        Assert.Equal("OSC1102", finding.Code);
        Assert.Equal("$.items[1].spec.purpose", finding.Path);
        Assert.Equal(6, finding.Span!.Value.Start.Line);
        Assert.Equal("in.yaml $.items[1]", input.OperatingSystemConfigs.Last().DisplayName);
    }

    [Fact]
    public void A_finding_the_binder_made_is_not_repeated_by_a_rule_inside_an_item()
    {
        // spec.type of the wrong type: the binder reports OSC1101; the empty-type rule must see that error at the item's path.
        var input = Load($"apiVersion: v1\nkind: List\nitems:\n- {Item("a").Replace("type: ubuntu", "type: [ubuntu]", StringComparison.Ordinal)}\n");

        var finding = Assert.Single(input.Report.Items);
        Assert.Equal("OSC1101", finding.Code);
        Assert.Equal("$.items[0].spec.type", finding.Path);
    }

    [Fact]
    public void Items_of_a_typed_list_take_apiVersion_and_kind_from_the_list_when_they_leave_both_out()
    {
        var input = Load("apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfigList\nitems:\n"
            + "- {metadata: {name: a, namespace: ns}, spec: {type: ubuntu, purpose: reconcile}}\n"
            + "- {apiVersion: v1, kind: Secret, metadata: {name: s, namespace: ns}}\n");

        Assert.Empty(input.Report.Items);
        Assert.Equal("a", Assert.Single(input.OperatingSystemConfigs).Value.Metadata!.Name);
        Assert.Single(input.Secrets);
    }

    [Fact]
    public void Nested_lists_are_flattened_as_kubectl_does_and_bounded()
    {
        var nested = $"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - {Item("a")}\n";
        var input = Load(nested);
        Assert.Empty(input.Report.Items);
        Assert.Single(input.OperatingSystemConfigs);

        var tooDeep = Load(nested, new LoadLimits { MaxListNesting = 1 });
        var finding = Assert.Single(tooDeep.Report.Items);
        Assert.Equal("OSC1006", finding.Code);
        Assert.Equal("$.items[0]", finding.Path);
        Assert.Empty(tooDeep.OperatingSystemConfigs);
    }

    [Fact]
    public void An_item_repeated_through_a_YAML_alias_is_read_once()
    {
        var input = Load($"apiVersion: v1\nkind: List\nitems:\n- &osc {Item("a")}\n- *osc\n- *osc\n");

        Assert.Single(input.OperatingSystemConfigs);
        Assert.Equal(["$.items[1]", "$.items[2]"], input.Report.Items.Where(d => d.Code == "OSC1245").Select(d => d.Path));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: List\n", "OSC1104", "$.items")]
    [InlineData("apiVersion: v1\nkind: List\nitems: {a: b}\n", "OSC1101", "$.items")]
    [InlineData("apiVersion: v1\nkind: List\nitems: []\ncolour: red\n", "OSC1103", "$.colour")]
    [InlineData("apiVersion: v1\nkind: List\nitems:\n- just a string\n", "OSC1008", "$.items[0]")]
    public void A_broken_list_is_reported_at_its_own_paths(string yaml, string code, string path)
    {
        var finding = Assert.Single(Load(yaml).Report.Items);

        Assert.Equal(code, finding.Code);
        Assert.Equal(path, finding.Path);
    }

    [Fact]
    public void An_empty_list_as_kubectl_prints_it_holds_no_document_and_no_finding()
    {
        var input = Load("apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");

        Assert.Empty(input.Documents);
        Assert.Empty(input.Report.Items);
    }

    private static string NodeAgentSecret(string osc, string? checksum = null, string field = "data")
    {
        var bytes = Encoding.UTF8.GetBytes(osc);
        var value = field == "data" ? Convert.ToBase64String(bytes) : "|\n" + string.Concat(osc.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n"));
        checksum ??= Convert.ToHexStringLower(SHA256.HashData(bytes));
        return $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: gardener-node-agent-pool\n  namespace: kube-system\n  annotations:\n    checksum/data-script: \"{checksum}\"\n"
            + $"{field}:\n  osc.yaml: {value}" + (field == "data" ? "\n" : "");
    }

    private const string AgentOsc = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {}\nspec:\n  purpose: \"\"\n  type: \"\"\n  units:\n  - name: kubelet.service\n";

    [Theory]
    [InlineData("data")]
    [InlineData("stringData")]
    public void A_node_agent_Secret_gives_its_OperatingSystemConfig_named_after_the_Secret(string field)
    {
        var input = Load(NodeAgentSecret(AgentOsc, field: field));

        Assert.Empty(input.Report.Items);
        var osc = Assert.Single(input.OperatingSystemConfigs);
        Assert.Equal("kube-system", osc.Value.Metadata!.Namespace);
        Assert.Equal("gardener-node-agent-pool", osc.Value.Metadata.Name);
        Assert.Equal(Purpose.Reconcile, osc.Value.Spec.Purpose);
        Assert.Equal($"in.yaml: Secret kube-system/gardener-node-agent-pool {field}[osc.yaml]", osc.DisplayName);
        Assert.Same(Assert.Single(input.Secrets), osc.NodeAgentSecret);
        var embedded = Assert.Single(input.EmbeddedInputs);
        Assert.Equal(osc.DisplayName, embedded.DisplayName);
    }

    [Fact]
    public void Findings_inside_the_decoded_osc_yaml_are_located_in_the_decoded_text()
    {
        var input = Load(NodeAgentSecret(AgentOsc.Replace("kubelet.service", "''", StringComparison.Ordinal)));

        var finding = Assert.Single(input.Report.Items);
        Assert.Equal("OSC1220", finding.Code);
        Assert.Equal("$.spec.units[0].name", finding.Path);
        Assert.Equal("in.yaml: Secret kube-system/gardener-node-agent-pool data[osc.yaml]", finding.Span!.Value.File);
        Assert.Equal(8, finding.Span.Value.Start.Line);
        Assert.Equal(11, finding.Span.Value.Start.Column);
    }

    [Fact]
    public void A_stale_checksum_is_a_warning_located_at_the_annotation()
    {
        var input = Load(NodeAgentSecret(AgentOsc, checksum: new string('0', 64)));

        var finding = Assert.Single(input.Report.Items);
        Assert.Equal("OSC1262", finding.Code);
        Assert.Equal("$.metadata.annotations['checksum/data-script']", finding.Path);
        Assert.Equal(7, finding.Span!.Value.Start.Line);
    }

    [Fact]
    public void A_Secret_whose_osc_yaml_is_no_OperatingSystemConfig_is_an_ordinary_Secret_unless_gardenlet_marked_it()
    {
        var plain = Load("apiVersion: v1\nkind: Secret\nmetadata: {name: files, namespace: ns}\nstringData: {osc.yaml: \"just some file content\"}\n");
        Assert.Empty(plain.Report.Items);
        Assert.Empty(plain.OperatingSystemConfigs);
        Assert.Empty(plain.EmbeddedInputs);

        var marked = Load("apiVersion: v1\nkind: Secret\nmetadata: {name: g, namespace: kube-system, labels: {gardener.cloud/role: operating-system-config}}\n"
            + "stringData: {osc.yaml: \"spec: [unclosed\"}\n");
        var finding = Assert.Single(marked.Report.Items);
        Assert.Equal("OSC1001", finding.Code);
        Assert.Equal("in.yaml: Secret kube-system/g stringData[osc.yaml]", finding.Span!.Value.File);
    }

    [Fact]
    public void Decoded_osc_yaml_texts_are_bounded_per_input()
    {
        var secret = NodeAgentSecret(AgentOsc);
        var input = Load(secret + "---\n" + secret.Replace("gardener-node-agent-pool", "second", StringComparison.Ordinal),
            new LoadLimits { MaxDecodedBytes = AgentOsc.Length + 10 });

        Assert.Single(input.OperatingSystemConfigs);
        var finding = Assert.Single(input.Report.Items, d => d.Code == "OSC1004");
        Assert.Equal("$.data['osc.yaml']", finding.Path);
        Assert.Equal(19, finding.Span!.Value.Start.Line);
    }

    [Fact]
    public void Decoded_osc_yaml_texts_share_one_node_budget_per_input()
    {
        // Each osc.yaml alone is well within the node limit; a List of many such Secrets shares one budget for them all.
        var bomb = AgentOsc + "status:\n  extensionUnits: [{name: a.service}, {name: b.service}]\n  extensionFiles: []\n";
        var secrets = string.Concat(Enumerable.Range(0, 40).Select(i =>
            "- " + NodeAgentSecret(bomb).Replace("gardener-node-agent-pool", $"pool-{i}", StringComparison.Ordinal).Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd() + "\n"));
        var input = Load("apiVersion: v1\nkind: List\nitems:\n" + secrets, new LoadLimits { MaxNodes = 1000 });

        Assert.InRange(input.OperatingSystemConfigs.Count(), 1, 39);
        var finding = input.Report.Items.First(d => d.Code is "OSC1004" or "OSC1005");
        Assert.NotNull(finding.Span);
    }

    [Fact]
    public void A_node_agent_Secret_name_that_is_no_DNS_name_is_escaped_where_it_names_the_decoded_text()
    {
        var input = Load(NodeAgentSecret(AgentOsc).Replace("name: gardener-node-agent-pool", "name: \"evil\\e[31m\\u202Ename\"", StringComparison.Ordinal));

        var embedded = Assert.Single(input.EmbeddedInputs);
        Assert.Equal("in.yaml: Secret kube-system/\"evil\\u001b[31m\\u202ename\" data[osc.yaml]", embedded.DisplayName);
    }
}
