// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;
using Osc.Renderers.Dns;
using Osc.Renderers.Node;
using Osc.Renderers.Ntp;
using Osc.Renderers.OperatingSystems.GardenLinux;
using Osc.Renderers.OperatingSystems.SuseChost;

namespace Osc.Renderers.OperatingSystems;

/// <summary>What an OS extension answers for a reconcile OSC: status.extensionUnits, extensionFiles and inPlaceUpdates.</summary>
internal sealed record OsReconcileOutput(IReadOnlyList<Unit> Units, IReadOnlyList<NodeFile> Files, InPlaceUpdatesStatus? InPlaceUpdates)
{
    public static OsReconcileOutput None { get; } = new([], [], null);
}

/// <summary>
/// The reconcile answer of each OS extension. Unit and file sets, paths, modes and fixed contents
/// are upstream's; the helper scripts upstream embeds (install-ntp.sh, kubelet_cgroup_driver.sh,
/// inplace-update.sh) are Osc's own, doing the same job.
/// </summary>
internal static class OsReconcile
{
    /// <summary>The extension's answer, or null when it cannot be given (reported).</summary>
    public static OsReconcileOutput? Render(OperatingSystemConfig osc, NodeSettings settings, RenderOptions options, Report report, SourceMap positions)
    {
        ArgumentNullException.ThrowIfNull(osc);
        ArgumentNullException.ThrowIfNull(options);
        var type = osc.Spec.Type;
        if (type is "ubuntu" or "ubuntu-pro")
        {
            return Ubuntu(settings.Ubuntu?.Value);
        }
        if (GardenLinuxRenderer.Handles(type))
        {
            return GardenLinux(osc);
        }
        if (SuseChostRenderer.Handles(type))
        {
            if (options.KubernetesVersion is not { } kubernetes)
            {
                report.Add(DiagnosticCatalog.KubernetesVersionRequired,
                    $"{type} adds kubelet's extra_args depending on the Kubernetes version (upstream reads it from the shoot's Cluster)",
                    "$.spec.type", positions.Locate("$.spec.type"), "pass --kubernetes-version, e.g. --kubernetes-version 1.35.2");
                return null;
            }
            return new OsReconcileOutput([], SuseChostRenderer.ReconcileFiles(kubernetes), null);
        }
        if (type == "coreos" || type.StartsWith("flatcar", StringComparison.Ordinal))
        {
            return Coreos(settings.Coreos?.Value);
        }
        return OsReconcileOutput.None;
    }

    private static OsReconcileOutput Ubuntu(UbuntuExtensionConfig? config)
    {
        var daemon = config?.Ntp?.Daemon ?? UbuntuNtpDaemon.SystemdTimesyncd;
        var files = new List<NodeFile> { Plain("/opt/gardener/bin/install-ntp.sh", EmbeddedText.Template("install-ntp.sh.tpl"), FileModes.Octal0744) };
        if (daemon == UbuntuNtpDaemon.Ntpd)
        {
            files.Add(Plain(NtpConfRenderer.Path, NtpConfRenderer.Render(config?.Ntp?.Ntpd?.Servers, config?.Ntp?.Ntpd?.Interfaces), NtpConfRenderer.Mode));
        }
        files.Add(Plain(KubeletResolvConfRenderer.ScriptPath, KubeletResolvConfRenderer.Script(), KubeletResolvConfRenderer.ScriptMode));
        var units = new List<Unit>
        {
            new()
            {
                Name = "install-ntp-client.service",
                Command = UnitCommand.Restart,
                Content = "[Unit]\nDescription=Oneshot service to install requested ntp client\n\n[Service]\nType=oneshot\n"
                    + $"ExecStart=/bin/bash /opt/gardener/bin/install-ntp.sh {daemon.ToWire()}\n\n[Install]\nWantedBy=multi-user.target\n",
            },
            new() { Name = "kubelet.service", DropIns = [KubeletResolvConfRenderer.DropIn()], FilePaths = [KubeletResolvConfRenderer.ScriptPath] },
        };
        return new OsReconcileOutput(units, files, null);
    }

    private static OsReconcileOutput GardenLinux(OperatingSystemConfig osc)
    {
        if (osc.Spec.InPlaceUpdates is not { } inPlace)
        {
            return new OsReconcileOutput(GardenLinuxRenderer.ReconcileUnits(), [], null);
        }
        const string script = "/opt/gardener/bin/inplace-update.sh";
        var file = new NodeFile
        {
            Path = script,
            Permissions = FileModes.Octal0755,
            Content = new FileContent { Inline = new FileContentInline { Encoding = InlineEncoding.B64, Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(EmbeddedText.Template("inplace-update.sh.tpl"))) } },
        };
        var status = new InPlaceUpdatesStatus { OsUpdate = new OsUpdate { Command = script, Args = [NormalizeVersion(inPlace.OperatingSystemVersion)] } };
        return new OsReconcileOutput(GardenLinuxRenderer.ReconcileUnits(), [file], status);
    }

    private static OsReconcileOutput Coreos(CoreosExtensionConfig? config)
    {
        const string noop = "[Service]\nExecStart=\nExecStart=/bin/true\nRestart=no\n";
        const string cgroupScript = "/opt/bin/kubelet_cgroup_driver.sh";
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
                files.Add(Plain(NtpConfRenderer.Path, NtpConfRenderer.Render(config!.Ntp!.Ntpd?.Servers, config.Ntp.Ntpd?.Interfaces), NtpConfRenderer.Mode));
            }
        }
        files.Add(Plain("/etc/modprobe.d/sctp.conf", "install sctp /bin/true", FileModes.Octal0644));
        files.Add(Plain(cgroupScript, EmbeddedText.Template("kubelet_cgroup_driver.sh.tpl"), FileModes.Octal0755));
        units.Add(new Unit { Name = "kubelet.service", DropIns = [new DropIn { Name = "10-configure-cgroup-driver.conf", Content = $"[Service]\nExecStartPre={cgroupScript}\n" }], FilePaths = [cgroupScript] });
        units.Add(new Unit { Name = "containerd.service", DropIns = [new DropIn { Name = "11-exec_config.conf", Content = "[Service]\nExecStart=\nExecStart=/usr/bin/containerd --config /etc/containerd/config.toml" }] });
        return new OsReconcileOutput(units, files, null);
    }

    /// <summary>Gardener's version normalisation: the release without pre-release or build parts ("1.0.0-inplace" → "1.0.0").</summary>
    internal static string NormalizeVersion(string version)
    {
        var trimmed = version.TrimStart('v');
        var cut = trimmed.IndexOfAny(['-', '+']);
        return cut < 0 ? trimmed : trimmed[..cut];
    }

    private static NodeFile Plain(string path, string data, uint mode) => new()
    {
        Path = path,
        Permissions = mode,
        Content = new FileContent { Inline = new FileContentInline { Encoding = InlineEncoding.Plain, Data = data } },
    };
}
