// SPDX-License-Identifier: Apache-2.0

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// gardener-extension-os-ubuntu's three provision cases (default, unattended upgrades disabled,
/// custom apt mirror) byte for byte, rendered through the CLI. Expected text rebuilt from
/// shared/research/os-extensions.md §2 and the extension's source; it matches the literals of its
/// actuator_test.go (checked by reading).
/// </summary>
public sealed class UbuntuConformanceTests
{
    internal const string ScriptHead = """
        #!/bin/bash
        if [ -f "/var/lib/osc/provision-osc-applied" ]; then
          echo "Provision OSC already applied, exiting..."
          exit 0
        fi

        mkdir -p /etc/cloud/cloud.cfg.d/
        cat <<EOF > /etc/cloud/cloud.cfg.d/custom-networking.cfg
        network:
          config: disabled
        EOF
        chmod 0644 /etc/cloud/cloud.cfg.d/custom-networking.cfg

        mkdir -p "/some"

        cat << EOF | base64 -d > "/some/file"
        YmFy
        EOF


        cat << EOF | base64 -d > "/etc/systemd/system/some-unit"
        Zm9v
        EOF
        until apt-get update -qq && apt-get install --no-upgrade -qqy containerd runc socat nfs-common logrotate jq policykit-1; do sleep 1; done

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

        """;

    internal const string UnattendedUpgrades = """
        mkdir -p /etc/apt/apt.conf.d
        cat <<EOF > /etc/apt/apt.conf.d/99-auto-upgrades.conf
        APT::Periodic::Unattended-Upgrade "0";
        EOF
        chmod 0644 /etc/apt/apt.conf.d/99-auto-upgrades.conf

        """;

    internal const string ScriptTail = """
        systemctl daemon-reload
        systemctl enable containerd && systemctl restart containerd
        systemctl enable 'some-unit' && systemctl restart --no-block 'some-unit'


        mkdir -p /var/lib/osc
        touch /var/lib/osc/provision-osc-applied

        """;

    internal const string AptPart = """
        - content: |
            #cloud-config
            apt:
              preserve_sources_list: false
              primary:
              - arches:
                - default
                uri: http://packages.ubuntu-mirror.example.com/apt-mirror/ubuntu
              security:
              - arches:
                - default
                uri: http://packages.ubuntu-mirror.example.com/apt-mirror/ubuntu
          type: text/cloud-config

        """;

    internal static string Archive(string script, string extraParts = "") =>
        "#cloud-config-archive\n- content: |\n" + string.Concat(script.Split('\n')[..^1].Select(l => (l.Length == 0 ? "" : "    " + l) + "\n"))
        + "  type: text/x-shellscript\n" + extraParts;

    // The user-data is obtained through `osc render` (validation included): Conformance/UpstreamTestInputs holds the transcribed inputs.
    [Fact]
    public void Default_is_byte_exact() => Conformance.UpstreamTestInputs.Verify("ubuntu/provision");

    [Fact]
    public void Disabled_unattended_upgrades_is_byte_exact() => Conformance.UpstreamTestInputs.Verify("ubuntu/provision-unattended-upgrades-disabled");

    [Fact]
    public void Custom_apt_mirror_is_byte_exact() => Conformance.UpstreamTestInputs.Verify("ubuntu/provision-custom-apt");
}
