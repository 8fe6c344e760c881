// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers.Node;
using Osc.Renderers.Ntp;
using Osc.Renderers.Systemd;
using Osc.Shared;

namespace Osc.Renderers.OperatingSystems.Coreos;

/// <summary>
/// gardener-extension-os-coreos (coreos, flatcar*): provision is an Ignition config (<see cref="IgnitionRenderer"/>);
/// reconcile stops the update services, chooses the time daemon and sets kubelet's cgroup driver. Its config is the
/// extension-wide ExtensionConfig with the OSC's providerConfig on top (<see cref="CoreosConfig"/>).
/// </summary>
internal sealed class CoreosFamily : IOsFamily
{
    private const string CgroupDriverScript = "/opt/bin/kubelet_cgroup_driver.sh";

    public bool Handles(string type) => OsTypes.IsOf(type, OsFamilyName.Coreos);

    public ProvisionOutput RenderProvision(OsRenderContext context)
    {
        var deviations = new List<Bash.ScriptDeviation>();
        var config = CoreosConfig.Effective(context.Document, context.Settings.Coreos?.Value, context.Report);
        // Ignition applies the files itself: no rootfs view of a provision script.
        var userData = IgnitionRenderer.RenderProvision(context.Document, context.Secrets, config, context.Report, deviations);
        return new ProvisionOutput(userData, [], deviations);
    }

    /// <summary>The CoreOS config this OSC gets: the extension-wide one with its providerConfig on top.</summary>
    public NodeSettings EffectiveSettings(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings, Report report)
    {
        var effective = CoreosConfig.Effective(document, settings.Coreos?.Value, report);
        return effective is null
            ? settings
            : settings with { Coreos = new LoadedDocument<CoreosExtensionConfig>(effective, settings.Coreos?.Source ?? document.Source, settings.Coreos?.Positions ?? document.Positions) };
    }

    public OsReconcileOutput RenderReconcile(OsRenderContext context)
    {
        var config = context.Settings.Coreos?.Value;
        const string noop = "[Service]\nExecStart=\nExecStart=/bin/true\nRestart=no\n";
        var units = new List<Unit>();
        foreach (var name in new[] { "update-engine.service", "locksmithd.service" })
        {
            units.Add(new Unit { Name = name, Command = UnitCommand.Stop, Enable = false, DropIns = [new DropIn { Name = "20-noop-execstart.conf", Content = noop }] });
        }
        var files = new List<NodeFile>();
        if (config?.Ntp?.Enabled != false)
        {
            var ntpd = config?.Ntp?.Daemon == CoreosNtpDaemon.Ntpd;
            units.Add(new Unit { Name = "systemd-timesyncd.service", Command = ntpd ? UnitCommand.Stop : UnitCommand.Start, Enable = !ntpd });
            units.Add(new Unit { Name = "ntpd.service", Command = ntpd ? UnitCommand.Start : UnitCommand.Stop, Enable = ntpd, FilePaths = ntpd ? [NtpConfRenderer.Path] : null });
            if (ntpd)
            {
                files.Add(OsReconcileOutput.PlainFile(NtpConfRenderer.Path, NtpConfRenderer.Render(config!.Ntp!.Ntpd?.Servers, config.Ntp.Ntpd?.Interfaces), NtpConfRenderer.Mode));
            }
        }
        files.Add(OsReconcileOutput.PlainFile("/etc/modprobe.d/sctp.conf", "install sctp /bin/true", FileModes.Octal0644));
        files.Add(OsReconcileOutput.PlainFile(CgroupDriverScript, EmbeddedText.Template("kubelet_cgroup_driver.sh.tpl"), FileModes.Octal0755));
        units.Add(new Unit
        {
            Name = "kubelet.service",
            DropIns = [new DropIn { Name = "10-configure-cgroup-driver.conf", Content = $"[Service]\nExecStartPre={CgroupDriverScript}\n" }],
            FilePaths = [CgroupDriverScript],
        });
        units.Add(new Unit
        {
            Name = CoreosIgnitionLayout.ContainerdUnitName,
            DropIns = [new DropIn { Name = CoreosIgnitionLayout.ExecDropInName, Content = IgnitionRenderer.ExecDropIn }],
        });
        return new OsReconcileOutput(units, files, null);
    }

    /// <summary>The extension-wide config's ntpd settings (as before the providerConfig is applied).</summary>
    public IEnumerable<RenderedArtifact> ExtensionConfigFiles(NodeSettings settings)
    {
        if (settings.Coreos is { Value.Ntp: { Daemon: CoreosNtpDaemon.Ntpd } ntp } coreos && ntp.Enabled != false)
        {
            yield return NodeSettingsRenderer.NtpConf(ntp.Ntpd?.Servers, ntp.Ntpd?.Interfaces, coreos.DisplayName);
        }
    }

    /// <summary>Ignition refuses two storage entries for one path, and writes units from systemd.units as well.</summary>
    public IEnumerable<NodePathClaim> ProvisionClaims(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings)
    {
        var osc = document.Value;
        var enableDocker = CoreosConfig.Effective(document, settings.Coreos?.Value, new Report())?.EnableDocker == true;
        const string Storage = "Ignition, which refuses two storage entries for one path";
        var claims = new List<NodePathClaim> { new(CoreosIgnitionLayout.SetupScriptPath, NodePathClaimKind.Conflicting, $"{Storage} (the containerd setup script)") };
        foreach (var masked in CoreosIgnitionLayout.MaskedUnits)
        {
            claims.Add(new NodePathClaim(SystemdUnitsRenderer.UnitDirectory + "/" + masked, NodePathClaimKind.Conflicting, $"{Storage} (the link that masks {masked})"));
        }
        claims.Add(enableDocker
            ? new NodePathClaim(CoreosIgnitionLayout.DockerWantsLinkPath, NodePathClaimKind.Conflicting, $"{Storage} (the link that enables docker.service)")
            : new NodePathClaim(CoreosIgnitionLayout.DockerExtensionLinkPath, NodePathClaimKind.Conflicting, $"{Storage} (the link that disables Flatcar's docker extension)"));
        const string Units = "Ignition, which writes units from systemd.units as well (which one lands last is Ignition's order, not the OSC's)";
        NodePathClaims.UnitClaims(CoreosIgnitionLayout.SetupUnitName, true, [], NodePathClaimKind.Conflicting, Units, claims);
        claims.Add(new NodePathClaim(CoreosIgnitionLayout.ExecDropInPath, NodePathClaimKind.Conflicting, Units));
        foreach (var unit in osc.Spec.Units ?? [])
        {
            NodePathClaims.UnitClaims(unit.Name, unit.Content is not null, (unit.DropIns ?? []).Select(d => d.Name), NodePathClaimKind.Conflicting, Units, claims);
        }
        return claims;
    }
}
