// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Renderers.OperatingSystems.SuseChost;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// gardener-extension-os-suse-chost's test input gives its expected user-data byte for byte
/// (rebuilt from shared/research/os-extensions.md §4 and the extension's source, checked against
/// the literal in its actuator_test.go by reading); memoryone-chost's vsmp part compares as a set.
/// Outputs are obtained through <c>osc render</c>; the vSMP rules are also checked on the function.
/// </summary>
public sealed class SuseChostConformanceTests
{
    internal const string ExpectedScript = """
        #!/bin/bash
        if [ -f "/var/lib/osc/provision-osc-applied" ]; then
          echo "Provision OSC already applied, exiting..."
          exit 0
        fi

        CONTAINERD_CONFIG_PATH=/etc/containerd/config.toml
        if [[ ! -s "${CONTAINERD_CONFIG_PATH}" || $(cat ${CONTAINERD_CONFIG_PATH}) == "# See containerd-config.toml(5) for documentation." ]]; then
          mkdir -p /etc/containerd
          containerd config default > "${CONTAINERD_CONFIG_PATH}"
          chmod 0644 "${CONTAINERD_CONFIG_PATH}"
        fi

        # refer to https://github.com/gardener/gardener-extension-os-suse-chost/tree/master/docs/systemd-units.md
        if systemctl show containerd -p Conflicts | grep -q docker; then
          cp /usr/lib/systemd/system/containerd.service /etc/systemd/system/containerd.service
          sed -re 's/Conflicts=(.*)(docker.service|docker)(.*)/Conflicts=\1 \3/g' -i /etc/systemd/system/containerd.service
        fi

        mkdir -p /etc/systemd/system/containerd.service.d
        cat <<EOF > /etc/systemd/system/containerd.service.d/11-exec_config.conf
        [Service]
        ExecStart=
        ExecStart=/usr/sbin/containerd --config=${CONTAINERD_CONFIG_PATH}
        EOF
        chmod 0644 /etc/systemd/system/containerd.service.d/11-exec_config.conf

        mkdir -p "/some"

        cat << EOF | base64 -d > "/some/file"
        YmFy
        EOF


        cat << EOF | base64 -d > "/etc/systemd/system/some-unit"
        Zm9v
        EOF

        until zypper -q install -y wget socat jq nfs-client; [ $? -ne 7 ]; do sleep 1; done
        ln -s /bin/ip /usr/bin/ip
        if [ ! -s /etc/hostname ]; then hostname > /etc/hostname; fi
        systemctl daemon-reload
        ln -s /usr/sbin/containerd-ctr /usr/sbin/ctr
        systemctl enable containerd && systemctl restart containerd

        systemctl disable docker && systemctl stop docker || echo "No docker service to disable or stop"

        # Set journald storage to persistent such that logs are written to /var/log instead of /run/log
        if [[ ! -f /etc/systemd/journald.conf.d/10-use-persistent-log-storage.conf ]]; then
          mkdir -p /etc/systemd/journald.conf.d
          cat <<EOF > /etc/systemd/journald.conf.d/10-use-persistent-log-storage.conf
        [Journal]
        Storage=persistent
        EOF
          systemctl restart systemd-journald
        fi

        systemctl enable 'some-unit' && systemctl restart --no-block 'some-unit'


        mkdir -p /var/lib/osc
        touch /var/lib/osc/provision-osc-applied

        """;

    [Fact]
    public void Provision_script_is_byte_exact() => Conformance.UpstreamTestInputs.Verify("suse-chost/provision");

    [Fact]
    public void Memoryone_chost_envelope_has_its_own_format_and_the_script_part_is_exact() =>
        Conformance.UpstreamTestInputs.Verify("suse-chost/provision-memoryone-defaults");

    [Fact]
    public void Vsmp_settings_follow_upstream_rules()
    {
        var config = new MemoryOneChostConfiguration
        {
            ApiVersion = "v", Kind = "k",
            VsmpConfiguration = new Dictionary<string, string> { ["a;x"] = "1;2", ["system_memory"] = "5x", ["mem_topology"] = "3" },
            MemoryTopology = "4; injected=1",
        };

        var settings = SuseChostRenderer.VsmpSettings(config, []);

        // Values from the map are cut at ';', keys too; the legacy field wins and is not cut (documented upstream behaviour).
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["mem_topology"] = "4; injected=1", ["system_memory"] = "5x" }, settings);
    }

    [Fact]
    public void A_line_break_in_a_vsmp_value_is_cut_and_reported()
    {
        var deviations = new List<ScriptDeviation>();
        var settings = SuseChostRenderer.VsmpSettings(new MemoryOneChostConfiguration { ApiVersion = "v", Kind = "k", SystemMemory = "6x\nevil=1" }, deviations);

        Assert.Equal("6x", settings["system_memory"]);
        Assert.Single(deviations);
    }

    [Theory]
    [InlineData("suse-chost/reconcile-1.34")]
    [InlineData("suse-chost/reconcile-1.35")]
    [InlineData("suse-chost/reconcile-1.38")]
    [InlineData("suse-chost/reconcile-without-cluster")]
    public void Reconcile_files_depend_on_the_kubernetes_version(string input) => Conformance.UpstreamTestInputs.Verify(input);
}
