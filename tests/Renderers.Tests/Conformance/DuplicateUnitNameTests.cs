// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers.Tests.Conformance;

/// <summary>
/// One unit name twice in spec.units: gardener's validation allows it (a warning, OSC1221), and the
/// node gets what upstream gives it, through <c>osc render</c>. gardener-node-agent merges the entries
/// (changes.go mergeUnits: later enable, command and content win, drop-ins are appended); a provision
/// script (gardener's UnitsToDiskScript) writes both entries in order, so the later content wins on
/// disk too, and enables and restarts the unit once per entry.
/// </summary>
public sealed class DuplicateUnitNameTests
{
    private const string Units = """
          units:
          - {name: a.service, content: "[Service]\nExecStart=/bin/first\n", dropIns: [{name: 10-one.conf, content: "[Service]\nX=1\n"}]}
          - {name: a.service, enable: false, content: "[Service]\nExecStart=/bin/second\n", dropIns: [{name: 20-two.conf, content: "[Service]\nY=2\n"}]}

        """;

    private static string Osc(string purpose) =>
        "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: b}\nspec:\n  type: gardenlinux\n  purpose: " + purpose + "\n" + Units;

    [Fact]
    public void Reconcile_merges_them_as_gardener_node_agent_does()
    {
        using var rendered = CliRender.Run(Osc("reconcile")).Succeeded();

        Assert.Equal("[Service]\nExecStart=/bin/second\n", rendered.RootfsText("/etc/systemd/system/a.service"));
        Assert.Equal("[Service]\nX=1\n", rendered.RootfsText("/etc/systemd/system/a.service.d/10-one.conf"));
        Assert.Equal("[Service]\nY=2\n", rendered.RootfsText("/etc/systemd/system/a.service.d/20-two.conf"));
        Assert.Equal([("OSC1221", "warning", "$.spec.units[1].name")], rendered.Diagnostics.Select(d => (d.Code, d.Severity, d.Path)));
    }

    [Fact]
    public void Provision_script_writes_both_in_order_and_the_view_shows_the_later_content()
    {
        using var rendered = CliRender.Run(Osc("provision")).Succeeded();

        var userData = rendered.UserData;
        var first = userData.IndexOf("W1NlcnZpY2VdCkV4ZWNTdGFydD0vYmluL2ZpcnN0Cg==", StringComparison.Ordinal);
        var second = userData.IndexOf("W1NlcnZpY2VdCkV4ZWNTdGFydD0vYmluL3NlY29uZAo=", StringComparison.Ordinal);
        Assert.True(first > 0 && second > first, "both unit files are written, the later one last");
        Assert.Equal(2, userData.Split("systemctl enable 'a.service' && systemctl restart --no-block 'a.service'").Length - 1);
        Assert.Equal("[Service]\nExecStart=/bin/second\n", rendered.RootfsText("/etc/systemd/system/a.service"));
        Assert.True(rendered.RootfsHas("/etc/systemd/system/a.service.d/10-one.conf") && rendered.RootfsHas("/etc/systemd/system/a.service.d/20-two.conf"));
    }

    [Fact]
    public void Ignition_refuses_them_as_the_coreos_extension_does()
    {
        using var rendered = CliRender.Run(Osc("provision").Replace("type: gardenlinux", "type: flatcar", StringComparison.Ordinal));

        Assert.Equal(1, rendered.ExitCode);
        Assert.Contains(("OSC1260", "error", "$.spec.units[1].name"), rendered.Diagnostics.Select(d => (d.Code, d.Severity, d.Path)));
    }
}
