// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using Osc.Model;
using Osc.Renderers.Dns;
using Osc.Renderers.Ntp;

namespace Osc.Renderers.Node;

/// <summary>
/// Time and name-resolution files: from Osc's NodeConfig when there is one; otherwise the
/// /etc/ntp.conf the Ubuntu or CoreOS extension writes when its config chooses ntpd.
/// </summary>
internal static class NodeSettingsRenderer
{
    public static IEnumerable<RenderedArtifact> Render(OperatingSystemConfig osc, NodeSettings settings)
    {
        if (settings.NodeConfig is { } nodeDocument)
        {
            var name = nodeDocument.DisplayName;
            var node = nodeDocument.Value;
            if (node.Ntp is { } ntp)
            {
                switch (ntp.Daemon)
                {
                    case NodeNtpDaemon.SystemdTimesyncd when ntp.Timesyncd is { } timesyncd:
                        yield return Artifact(TimesyncdDropInRenderer.Path, TimesyncdDropInRenderer.Render(timesyncd), "$.ntp.timesyncd", name);
                        break;
                    case NodeNtpDaemon.Chrony when ntp.Chrony is { } chrony:
                        yield return Artifact(ChronyConfRenderer.Path, ChronyConfRenderer.Render(chrony), "$.ntp.chrony", name);
                        break;
                    case NodeNtpDaemon.Ntpd:
                        yield return Artifact(NtpConfRenderer.Path, NtpConfRenderer.Render(ntp.Ntpd?.Servers, ntp.Ntpd?.Interfaces), "$.ntp", name);
                        break;
                }
            }
            if (node.Dns?.Resolved is { } resolved)
            {
                yield return Artifact(ResolvedDropInRenderer.Path, ResolvedDropInRenderer.Render(resolved), "$.dns.resolved", name);
            }
            if (node.Dns?.KubeletResolvConf == KubeletResolvConf.SystemdResolved)
            {
                yield return new RenderedArtifact(KubeletResolvConfRenderer.ScriptPath, Encoding.UTF8.GetBytes(KubeletResolvConfRenderer.Script()),
                    KubeletResolvConfRenderer.ScriptMode, "$.dns.kubeletResolvConf", name);
            }
            yield break;
        }
        var type = osc.Spec.Type;
        if (type.StartsWith("ubuntu", StringComparison.Ordinal) && settings.Ubuntu is { Value.Ntp: { Daemon: UbuntuNtpDaemon.Ntpd } ubuntuNtp } ubuntu)
        {
            yield return Artifact(NtpConfRenderer.Path, NtpConfRenderer.Render(ubuntuNtp.Ntpd?.Servers, ubuntuNtp.Ntpd?.Interfaces), "$.ntp", ubuntu.DisplayName);
        }
        else if ((type == "coreos" || type.StartsWith("flatcar", StringComparison.Ordinal))
            && settings.Coreos is { Value.Ntp: { Daemon: CoreosNtpDaemon.Ntpd } coreosNtp } coreos && coreosNtp.Enabled != false)
        {
            yield return Artifact(NtpConfRenderer.Path, NtpConfRenderer.Render(coreosNtp.Ntpd?.Servers, coreosNtp.Ntpd?.Interfaces), "$.ntp", coreos.DisplayName);
        }
    }

    private static RenderedArtifact Artifact(string path, string text, string sourcePath, string document) =>
        new(path, Encoding.UTF8.GetBytes(text), FileModes.Octal0644, sourcePath, document);
}
