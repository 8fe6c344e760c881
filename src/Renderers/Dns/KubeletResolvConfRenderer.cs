// SPDX-License-Identifier: Apache-2.0
using Osc.Model;

namespace Osc.Renderers.Dns;

/// <summary>
/// What the Ubuntu extension does so kubelet gives pods systemd-resolved's upstream resolv.conf
/// instead of the 127.0.0.53 stub: a script that rewrites kubelet's resolvConf, run before kubelet
/// by a drop-in. Same paths, modes and bytes as upstream.
/// </summary>
internal static class KubeletResolvConfRenderer
{
    public const string ScriptPath = "/opt/gardener/bin/configure_kubelet_resolv_conf.sh";
    public const uint ScriptMode = FileModes.Octal0755;
    public const string DropInName = "10-configure-resolv-conf.conf";

    public static string Script() => EmbeddedText.Template("configure_kubelet_resolv_conf.sh.tpl");

    public static DropIn DropIn() => new() { Name = DropInName, Content = $"[Service]\nExecStartPre={ScriptPath}\n" };
}
