// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// gardener-extension-os-gardenlinux's own test input (one unit "some-unit" with content "foo", one
/// file /some/file with inline "bar") gives its expected user-data byte for byte. The expectation
/// is rebuilt here from the facts of shared/research/os-extensions.md §1.3 and §3 and matches the
/// literal in upstream's actuator_test.go (checked by reading). The output is obtained through
/// <c>osc render</c> (validation included).
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

    [Theory]
    [InlineData("gardenlinux/provision")]
    [InlineData("gardenlinux/provision-fips")]
    public void Provision_script_is_byte_exact(string input) => Conformance.UpstreamTestInputs.Verify(input);

    [Fact]
    public void Memoryone_envelope_is_byte_exact() => Conformance.UpstreamTestInputs.Verify("gardenlinux/provision-memoryone");

    [Fact]
    public void Memoryone_without_provider_config_has_no_vsmp_lines_and_defaults_fill_a_partial_one()
    {
        using var without = Conformance.CliRender.Run(Conformance.UpstreamTestInputs.SomeUnit("memoryone-gardenlinux", "provision")).Succeeded();
        Assert.StartsWith("Content-Type: multipart/mixed; boundary=\"==BOUNDARY==\"\nMIME-Version: 1.0\n--==BOUNDARY==\nContent-Type: text/x-vsmp; section=vsmp\n--==BOUNDARY==\n",
            without.UserData, StringComparison.Ordinal);

        using var partial = Conformance.CliRender.Run(Conformance.UpstreamTestInputs.SomeUnit("memoryone-gardenlinux", "provision", extra: """
              providerConfig:
                apiVersion: memoryone-gardenlinux.os.extensions.gardener.cloud/v1alpha1
                kind: OperatingSystemConfiguration
                memoryTopology: "4"
            """)).Succeeded();
        Assert.Contains("section=vsmp\nsystem_memory=6x\nmem_topology=4\n--", partial.UserData, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_adds_the_containerd_limits_drop_in() => Conformance.UpstreamTestInputs.Verify("gardenlinux/reconcile");
}
