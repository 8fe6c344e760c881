// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Text;

namespace Osc.Renderers.Ntp;

/// <summary>
/// /etc/ntp.conf exactly as the Ubuntu and CoreOS extensions render their ntp-config template:
/// a leading empty line, one "server … iburst" per server, the drift file and restrictions, and
/// the interface lines only when interfaces are given.
/// </summary>
internal static class NtpConfRenderer
{
    public const string Path = "/etc/ntp.conf";
    public const uint Mode = FileModes.Octal0644; // as upstream

    public static string Render(IReadOnlyList<string>? servers, IReadOnlyList<string>? interfaces)
    {
        var text = new StringBuilder();
        foreach (var server in servers ?? [])
        {
            text.Append("\nserver ").Append(server).Append(" iburst");
        }
        text.Append("\n\ndriftfile /var/lib/ntp/ntp.drift\n")
            .Append("restrict default nomodify nopeer noquery notrap limited kod\n")
            .Append("restrict 127.0.0.1\n")
            .Append("restrict [::1]\n\n");
        if (interfaces is { Count: > 0 })
        {
            text.Append("interface ignore wildcard\ninterface listen 127.0.0.1\n");
            foreach (var name in interfaces)
            {
                text.Append("interface listen ").Append(name).Append('\n');
            }
        }
        return text.ToString();
    }
}
