// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Renderers.OperatingSystems.GardenLinux;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// gardener-extension-os-gardenlinux's own test input (one unit "some-unit" with content "foo", one
/// file /some/file with inline "bar") gives its expected user-data byte for byte. The expectation
/// is rebuilt here from the facts of shared/research/os-extensions.md §1.3 and §3 and matches the
/// literal in upstream's actuator_test.go (checked by reading).
/// </summary>
public sealed class GardenLinuxConformanceTests
{
    internal const string ExpectedScript = """
        #!/bin/bash
        if [ -f "/var/lib/osc/provision-osc-applied" ]; then
          echo "Provision OSC already applied, exiting..."
          exit 0
        fi

        if [ ! -s /etc/containerd/config.toml ]; then
          mkdir -p /etc/containerd/
          containerd config default > /etc/containerd/config.toml
          chmod 0644 /etc/containerd/config.toml
        fi

        mkdir -p /etc/systemd/system/containerd.service.d
        cat <<EOF > /etc/systemd/system/containerd.service.d/11-exec_config.conf
        [Service]
        ExecStart=
        ExecStart=/usr/bin/containerd --config=/etc/containerd/config.toml
        EOF
        chmod 0644 /etc/systemd/system/containerd.service.d/11-exec_config.conf

        mkdir -p "/some"

        cat << EOF | base64 -d > "/some/file"
        YmFy
        EOF


        cat << EOF | base64 -d > "/etc/systemd/system/some-unit"
        Zm9v
        EOF
        grep -sq "^nfsd$" /etc/modules || echo "nfsd" >>/etc/modules
        modprobe nfsd
        nslookup $(hostname) || systemctl restart systemd-networkd

        systemctl daemon-reload
        systemctl enable containerd && systemctl restart containerd
        systemctl enable 'some-unit' && systemctl restart --no-block 'some-unit'


        mkdir -p /var/lib/osc
        touch /var/lib/osc/provision-osc-applied

        """;

    private static string Render(string type, string providerConfig = "")
    {
        var input = OperatingSystemsTestAccess.LoadUpstreamTestInput(type, providerConfig);
        var deviations = new List<ScriptDeviation>();
        var report = new Report();
        var userData = GardenLinuxRenderer.RenderProvision(input.OperatingSystemConfigs.Single(), [], report, deviations);
        Assert.Empty(deviations);
        Assert.Empty(report.Items);
        return userData;
    }

    [Theory]
    [InlineData("gardenlinux")]
    [InlineData("gardenlinux-fips")]
    public void Provision_script_is_byte_exact(string type) => Assert.Equal(ExpectedScript, Render(type));

    [Fact]
    public void Memoryone_envelope_is_byte_exact()
    {
        var userData = Render("memoryone-gardenlinux", """
              providerConfig:
                apiVersion: memoryone-gardenlinux.os.extensions.gardener.cloud/v1alpha1
                kind: OperatingSystemConfiguration
                memoryTopology: "2"
                systemMemory: "6x"
            """);

        Assert.Equal("Content-Type: multipart/mixed; boundary=\"==BOUNDARY==\"\nMIME-Version: 1.0\n--==BOUNDARY==\nContent-Type: text/x-vsmp; section=vsmp\n"
            + "system_memory=6x\nmem_topology=2\n--==BOUNDARY==\nContent-Type: text/x-shellscript\n" + ExpectedScript + "\n--==BOUNDARY==", userData);
    }

    [Fact]
    public void Memoryone_without_provider_config_has_no_vsmp_lines_and_defaults_fill_a_partial_one()
    {
        Assert.StartsWith("Content-Type: multipart/mixed; boundary=\"==BOUNDARY==\"\nMIME-Version: 1.0\n--==BOUNDARY==\nContent-Type: text/x-vsmp; section=vsmp\n--==BOUNDARY==\n",
            Render("memoryone-gardenlinux"), StringComparison.Ordinal);
        Assert.Contains("section=vsmp\nsystem_memory=6x\nmem_topology=4\n--", Render("memoryone-gardenlinux", """
              providerConfig:
                apiVersion: memoryone-gardenlinux.os.extensions.gardener.cloud/v1alpha1
                kind: OperatingSystemConfiguration
                memoryTopology: "4"
            """), StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_adds_the_containerd_limits_drop_in()
    {
        var unit = Assert.Single(GardenLinuxRenderer.ReconcileUnits());
        Assert.Equal(("containerd.service", "override.conf", "[Service]\nLimitMEMLOCK=67108864\nLimitNOFILE=1048576"),
            (unit.Name, unit.DropIns![0].Name, unit.DropIns[0].Content));
    }
}
