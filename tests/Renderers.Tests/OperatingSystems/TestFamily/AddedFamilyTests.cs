// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems;

namespace Osc.Renderers.Tests.OperatingSystems.TestFamily;

/// <summary>
/// A family added through the registry's seam renders through <see cref="OscRenderer"/> like the shipped ones:
/// its provision user-data and rootfs view, its reconcile answer in the rootfs view and status.yaml, and its
/// claims in validation. Without the registry line Osc does not know the type.
/// </summary>
public sealed class AddedFamilyTests
{
    private static readonly OsFamilies WithPlainSh = OsFamilies.Default.With(new PlainShFamily());

    private static OscInput Input(string purpose, string files = "") => OscLoader.LoadText("in.yaml", $"""
        apiVersion: extensions.gardener.cloud/v1alpha1
        kind: OperatingSystemConfig
        metadata: {"{"}name: w, namespace: ns{"}"}
        spec:
          type: {PlainShFamily.Type}
          purpose: {purpose}
          files:
          - {"{"}path: /etc/app.conf, permissions: 0640, content: {"{"}inline: {"{"}encoding: "", data: "a=1\n"{"}"}{"}"}{"}"}
        {files}
        """);

    [Fact]
    public void Provision_renders_the_family_s_user_data_and_rootfs_view()
    {
        var result = OscRenderer.Render(Input("provision"), null, WithPlainSh);

        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        var rendered = Assert.Single(result.Objects);
        Assert.Equal("#!/bin/sh\nset -e\nmkdir -p '/etc'\necho YT0xCg== | base64 -d > '/etc/app.conf'\ntouch " + PlainShFamily.MarkerPath + "\n", rendered.UserData);
        Assert.Equal([("/etc/app.conf", 0x1A0u, "a=1\n"), (PlainShFamily.MarkerPath, 0x1A4u, "")],
            rendered.Rootfs.Select(a => (a.Path, a.Mode, Encoding.UTF8.GetString(a.Content))));
    }

    [Fact]
    public void Without_the_registry_line_the_type_is_unknown()
    {
        var result = OscRenderer.Render(Input("provision"));

        Assert.Empty(result.Objects);
        Assert.Contains(result.Report.Items, d => d.Code == "OSC2007");
    }

    [Fact]
    public void Reconcile_puts_the_family_s_answer_into_the_rootfs_view_and_status()
    {
        var withFamily = OscRenderer.Render(Input("reconcile"), null, WithPlainSh);
        var without = OscRenderer.Render(Input("reconcile"));

        var rendered = Assert.Single(withFamily.Objects);
        Assert.Contains(rendered.Rootfs, a => a.Path == PlainShFamily.ReconcileFilePath && Encoding.UTF8.GetString(a.Content) == "plain-sh 1\n");
        Assert.Contains(rendered.Rootfs, a => a.Path == "/etc/systemd/system/plain-sh-release.service");
        Assert.Contains("path: \"" + PlainShFamily.ReconcileFilePath + "\"", rendered.StatusYaml, StringComparison.Ordinal);
        Assert.DoesNotContain(Assert.Single(without.Objects).Rootfs, a => a.Path == PlainShFamily.ReconcileFilePath);
    }

    [Fact]
    public void Validation_holds_declared_files_against_the_family_s_claims()
    {
        var input = Input("provision", "  - {path: " + PlainShFamily.MarkerPath + ", content: {inline: {encoding: \"\", data: x}}}");

        var report = OscRenderer.Validate(input, null, WithPlainSh);

        var claimed = Assert.Single(report.Items, d => d.Code == "OSC1263");
        Assert.Equal("$.spec.files[1].path", claimed.Path);
        Assert.Contains("plain-sh provision script", claimed.Message, StringComparison.Ordinal);
    }
}
