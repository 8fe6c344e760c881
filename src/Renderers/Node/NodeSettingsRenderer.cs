// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using Osc.Model;
using Osc.Renderers.Dns;
using Osc.Renderers.Ntp;
using Osc.Renderers.OperatingSystems;

namespace Osc.Renderers.Node;

/// <summary>
/// Time and name-resolution files: from Osc's NodeConfig when there is one; otherwise what the OS family's
/// own config sets (the /etc/ntp.conf the Ubuntu or CoreOS extension writes when its config chooses ntpd).
/// </summary>
internal static class NodeSettingsRenderer
{
    public static IEnumerable<RenderedArtifact> Render(NodeSettings settings, IOsFamily? family)
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
                        yield return NtpConf(ntp.Ntpd?.Servers, ntp.Ntpd?.Interfaces, name);
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
        foreach (var artifact in family?.ExtensionConfigFiles(settings) ?? [])
        {
            yield return artifact;
        }
    }

    /// <summary>/etc/ntp.conf from a config document's ntpd settings (<c>$.ntp</c> of <paramref name="document"/>).</summary>
    public static RenderedArtifact NtpConf(IReadOnlyList<string>? servers, IReadOnlyList<string>? interfaces, string document) =>
        new(NtpConfRenderer.Path, Encoding.UTF8.GetBytes(NtpConfRenderer.Render(servers, interfaces)), NtpConfRenderer.Mode, "$.ntp", document);

    private static RenderedArtifact Artifact(string path, string text, string sourcePath, string document) =>
        new(path, Encoding.UTF8.GetBytes(text), FileModes.Octal0644, sourcePath, document);
}
