// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Validation;

namespace Osc.Model.Tests.Binding;

/// <summary>The generated binders read YAML the Kubernetes way and report, never throw.</summary>
public sealed class BindingTests
{
    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ns}\n";

    private static (OperatingSystemConfig Osc, Report Report, LoadedDocument<OperatingSystemConfig> Document) Bind(string spec)
    {
        var input = OscLoader.LoadText("in.yaml", Head + spec);
        var document = Assert.Single(input.OperatingSystemConfigs);
        return (document.Value, input.Report, document);
    }

    private const string File = "  files:\n  - path: /etc/a\n    permissions: {0}\n    content: {{inline: {{encoding: '', data: x}}}}\n";

    [Theory]
    [InlineData("0644", 420u)]
    [InlineData("0o755", 493u)]
    [InlineData("420", 420u)]
    [InlineData("0x1ED", 493u)]
    public void Permissions_are_read_as_kubernetes_reads_yaml(string written, uint expected)
    {
        var (osc, report, _) = Bind("spec:\n  type: ubuntu\n  purpose: reconcile\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, File, written));
        Assert.Empty(report.Items);
        Assert.Equal(expected, osc.Spec.Files![0].Permissions);
    }

    [Fact]
    public void Quoted_permissions_are_a_type_error_with_a_hint()
    {
        var (_, report, _) = Bind("spec:\n  type: ubuntu\n  purpose: reconcile\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, File, "\"0644\""));
        var diagnostic = Assert.Single(report.Items);
        Assert.Equal(("OSC1101", "$.spec.files[0].permissions", 9), (diagnostic.Code, diagnostic.Path, diagnostic.Span!.Value.Start.Line));
        Assert.Equal("remove the quotes", diagnostic.Hint);
    }

    [Fact]
    public void A_number_where_a_string_belongs_asks_for_quotes()
    {
        var (osc, report, _) = Bind("spec:\n  type: ubuntu\n  purpose: reconcile\n  units: [{name: 0644}]\n");
        var diagnostic = Assert.Single(report.Items, d => d.Code == "OSC1101");
        Assert.Equal("$.spec.units[0].name", diagnostic.Path);
        Assert.Contains("quote it", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Equal("0644", osc.Spec.Units![0].Name);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("off", false)]
    [InlineData("true", true)]
    public void Yaml_1_1_booleans_bind(string written, bool expected)
    {
        var (osc, report, _) = Bind($"spec:\n  type: ubuntu\n  purpose: reconcile\n  units: [{{name: a.service, enable: {written}}}]\n");
        Assert.Empty(report.Items);
        Assert.Equal(expected, osc.Spec.Units![0].Enable);
    }

    [Fact]
    public void Unknown_field_suggests_the_near_name()
    {
        var (_, report, _) = Bind("spec:\n  type: ubuntu\n  purpose: reconcile\n  units: [{name: a.service, filepaths: [/x]}]\n");
        var diagnostic = Assert.Single(report.Items);
        Assert.Equal(("OSC1103", Severity.Error, "$.spec.units[0].filepaths"), (diagnostic.Code, diagnostic.Severity, diagnostic.Path));
        Assert.Equal("did you mean 'filePaths'?", diagnostic.Hint);
    }

    [Fact]
    public void Removed_field_names_the_release()
    {
        var (_, report, _) = Bind("spec:\n  type: ubuntu\n  purpose: reconcile\n  units: [{name: a.service, files: []}]\n");
        var diagnostic = Assert.Single(report.Items);
        Assert.Equal("OSC1106", diagnostic.Code);
        Assert.Contains("filePaths", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("v1.84", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_typo_suggests_the_value()
    {
        var (_, report, _) = Bind("spec:\n  type: ubuntu\n  purpose: reconsile\n");
        var diagnostic = Assert.Single(report.Items);
        Assert.Equal(("OSC1102", "$.spec.purpose"), (diagnostic.Code, diagnostic.Path));
        Assert.StartsWith("did you mean \"reconcile\"?", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_purpose_does_not_cause_follow_up_errors()
    {
        // With the purpose unknown, "containerd is forbidden for provision" must not fire on a default value.
        var (_, report, document) = Bind("spec:\n  type: ubuntu\n  purpose: sometimes\n  criConfig: {name: containerd, containerd: {sandboxImage: p}}\n");
        OscValidator.Validate(document, [], report);
        Assert.Equal(["OSC1102"], report.Items.Select(d => d.Code));
    }

    [Fact]
    public void Null_fields_count_as_absent()
    {
        var (osc, report, _) = Bind("spec:\n  type: ubuntu\n  purpose: reconcile\n  units: ~\n  files:\n  - path: null\n    content: {inline: {encoding: '', data: x}}\n");
        Assert.Null(osc.Spec.Units);
        var diagnostic = Assert.Single(report.Items);
        Assert.Equal(("OSC1104", "$.spec.files[0].path"), (diagnostic.Code, diagnostic.Path));
    }

    [Fact]
    public void Every_bound_path_has_a_position()
    {
        var (_, _, document) = Bind("spec:\n  type: ubuntu\n  purpose: reconcile\n  criConfig:\n    name: containerd\n    containerd:\n      sandboxImage: p\n      plugins:\n      - path: [a, b]\n        values: {x: {y: [1, 2]}}\n");
        Assert.True(document.Positions.TryGetValue("$.spec.criConfig.containerd.plugins[0].values.x.y[1]", out var span));
        Assert.Equal((13, 29), (span.Start.Line, span.Start.Column));
        Assert.True(document.Positions.TryGetKey("$.spec.criConfig.containerd.sandboxImage", out var key));
        Assert.Equal((10, 7), (key.Start.Line, key.Start.Column));
    }

    [Fact]
    public void Memoryone_provider_config_is_checked_with_its_schema()
    {
        var (_, report, document) = Bind("spec:\n  type: memoryone-chost\n  purpose: provision\n  providerConfig:\n    apiVersion: memoryone-chost.os.extensions.gardener.cloud/v1alpha1\n    kind: OperatingSystemConfiguration\n    memoryTopology: 3\n    systemMemorry: 7x\n");
        OscValidator.Validate(document, [], report);

        // The extension decodes leniently: a wrong type fails the decode (error), an unknown field is ignored (warning).
        Assert.Equal(["OSC1101 $.spec.providerConfig.memoryTopology 10 Error", "OSC1107 $.spec.providerConfig.systemMemorry 11 Warning"],
            report.Items.Select(d => $"{d.Code} {d.Path} {d.Span!.Value.Start.Line} {d.Severity}").Order());
    }

    [Fact]
    public void Provider_config_may_leave_out_apiVersion_and_kind_but_must_be_an_object()
    {
        // runtime.Decode into the typed config supplies a missing apiVersion and kind; the CRD types providerConfig as an object.
        var (_, report, document) = Bind("spec:\n  type: flatcar\n  purpose: reconcile\n  providerConfig: {enableDocker: true}\n");
        OscValidator.Validate(document, [], report);
        Assert.Empty(report.Items);

        var (_, stringReport, _) = Bind("spec:\n  type: flatcar\n  purpose: reconcile\n  providerConfig: '{\"enableDocker\": true}'\n");
        var diagnostic = Assert.Single(stringReport.Items);
        Assert.Equal(("OSC1101", "$.spec.providerConfig"), (diagnostic.Code, diagnostic.Path));
    }

    [Theory]
    [InlineData("status: {providerStatus: done}\n", "$.status.providerStatus")]
    [InlineData("status: {state: [1]}\n", "$.status.state")]
    public void Status_provider_status_and_state_must_be_objects(string status, string path)
    {
        var (_, report, _) = Bind("spec:\n  type: gardenlinux\n  purpose: reconcile\n" + status);
        var diagnostic = Assert.Single(report.Items);
        Assert.Equal(("OSC1101", path), (diagnostic.Code, diagnostic.Path));
    }

    [Theory]
    [InlineData("config.coreos.os.extensions.gardener.cloud/v1alpha1")]
    [InlineData("config.ubuntu.os.extensions.gardener.cloud/v1alpha1")]
    public void Empty_ntp_daemon_is_the_go_zero_value_and_reads_as_unset(string apiVersion)
    {
        // gardener-extension-os-coreos's actuator test encodes NTPConfig{Enabled: false}: Daemon has no omitempty, so it is written as "".
        var input = OscLoader.LoadText("c.yaml", $"apiVersion: {apiVersion}\nkind: ExtensionConfig\nntp: {{daemon: \"\", ntpd: {{servers: null}}}}\n");
        Assert.Empty(input.Report.Items);
    }

    [Fact]
    public void Secret_data_is_decoded_and_stringData_wins()
    {
        var input = OscLoader.LoadText("s.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  a: YmFy\n  b: b2xk\nstringData:\n  b: new\n");
        var secret = Assert.Single(input.Secrets).Value;
        Assert.Empty(input.Report.Items);
        Assert.Equal("bar", Encoding.UTF8.GetString(secret.Data["a"]));
        Assert.Equal("new", Encoding.UTF8.GetString(secret.Data["b"]));
    }

    [Theory]
    [InlineData("YmFy", true)]
    [InlineData("YmF\nyCg==", true)]
    [InlineData("YmFy=", false)]
    [InlineData("Ym Fy", false)]
    [InlineData("some-data", false)]
    public void Base64_follows_go_StdEncoding(string text, bool valid) => Assert.Equal(valid, SecretBinder.TryDecodeBase64(text, out _));
}
