// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers.Dns;
using Osc.Renderers.Node;
using Osc.Renderers.Ntp;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Shared;

namespace Osc.Renderers.OperatingSystems.Ubuntu;

/// <summary>
/// gardener-extension-os-ubuntu (ubuntu, ubuntu-pro): provision is a #cloud-config-archive (<see cref="UbuntuRenderer"/>);
/// reconcile installs the configured time client and points kubelet at systemd-resolved's upstream resolv.conf.
/// Its ExtensionConfig chooses ntpd, apt mirrors and unattended upgrades.
/// </summary>
internal sealed class UbuntuFamily : IOsFamily
{
    private const string InstallNtpScript = "/opt/gardener/bin/install-ntp.sh";

    public bool Handles(string type) => OsTypes.IsOf(type, OsFamilyName.Ubuntu);

    public bool UserDataMayBeCompressed => true;

    public ProvisionOutput RenderProvision(OsRenderContext context)
    {
        var deviations = new List<ScriptDeviation>();
        var rootfs = new List<RenderedArtifact>();
        var userData = UbuntuRenderer.RenderProvision(context.Document, context.Secrets, context.Settings.Ubuntu?.Value, context.Report, deviations, rootfs);
        return new ProvisionOutput(userData, rootfs, deviations);
    }

    public OsReconcileOutput RenderReconcile(OsRenderContext context)
    {
        var config = context.Settings.Ubuntu?.Value;
        var daemon = config?.Ntp?.Daemon ?? UbuntuNtpDaemon.SystemdTimesyncd;
        var files = new List<NodeFile> { OsReconcileOutput.PlainFile(InstallNtpScript, EmbeddedText.Template("install-ntp.sh.tpl"), FileModes.Octal0744) };
        if (daemon == UbuntuNtpDaemon.Ntpd)
        {
            files.Add(OsReconcileOutput.PlainFile(NtpConfRenderer.Path, NtpConfRenderer.Render(config?.Ntp?.Ntpd?.Servers, config?.Ntp?.Ntpd?.Interfaces), NtpConfRenderer.Mode));
        }
        files.Add(OsReconcileOutput.PlainFile(KubeletResolvConfRenderer.ScriptPath, KubeletResolvConfRenderer.Script(), KubeletResolvConfRenderer.ScriptMode));
        var units = new List<Unit>
        {
            new()
            {
                Name = "install-ntp-client.service",
                Command = UnitCommand.Restart,
                Content = "[Unit]\nDescription=Oneshot service to install requested ntp client\n\n[Service]\nType=oneshot\n"
                    + $"ExecStart=/bin/bash {InstallNtpScript} {daemon.ToWire()}\n\n[Install]\nWantedBy=multi-user.target\n",
            },
            new() { Name = "kubelet.service", DropIns = [KubeletResolvConfRenderer.DropIn()], FilePaths = [KubeletResolvConfRenderer.ScriptPath] },
        };
        return new OsReconcileOutput(units, files, null);
    }

    public IEnumerable<RenderedArtifact> ExtensionConfigFiles(NodeSettings settings)
    {
        if (settings.Ubuntu is { Value.Ntp: { Daemon: UbuntuNtpDaemon.Ntpd } ntp } ubuntu)
        {
            yield return NodeSettingsRenderer.NtpConf(ntp.Ntpd?.Servers, ntp.Ntpd?.Interfaces, ubuntu.DisplayName);
        }
    }

    public IEnumerable<NodePathClaim> ProvisionClaims(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings)
    {
        var own = new List<(string, NodePathClaimKind, string)>
        {
            (UbuntuRenderer.CustomNetworking.Path, NodePathClaimKind.WrittenBefore, "its cloud-init networking switch"),
            (ScriptPieces.ContainerdExecDropInPath, NodePathClaimKind.WrittenAfter, "its containerd ExecStart drop-in"),
        };
        if (settings.Ubuntu?.Value.DisableUnattendedUpgrades == true)
        {
            own.Add((UbuntuRenderer.AutoUpgrades.Path, NodePathClaimKind.WrittenAfter, "the unattended-upgrades switch of the ExtensionConfig"));
        }
        return ProvisionScriptClaims.Of(document.Value, own);
    }
}
