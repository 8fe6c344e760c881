// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;
using Osc.Model;

namespace Osc.Renderers.Ntp;

/// <summary>/etc/chrony/chrony.conf from Osc's typed chrony settings: sources, drift file, makestep, rtcsync.</summary>
internal static class ChronyConfRenderer
{
    public const string Path = "/etc/chrony/chrony.conf";
    public const string DefaultDriftFile = "/var/lib/chrony/chrony.drift";

    public static string Render(ChronyConfig config)
    {
        var text = new StringBuilder("# managed by osc\n");
        foreach (var server in config.Servers ?? [])
        {
            text.Append(Source("server", server, allowMaxSources: false)).Append('\n');
        }
        foreach (var pool in config.Pools ?? [])
        {
            text.Append(Source("pool", pool, allowMaxSources: true)).Append('\n');
        }
        text.Append("driftfile ").Append(config.Driftfile ?? DefaultDriftFile).Append('\n');
        if (config.Makestep is { } makestep)
        {
            text.Append("makestep ").Append(makestep.Threshold.ToString("0.0##############", CultureInfo.InvariantCulture))
                .Append(' ').Append(makestep.Limit.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        if (config.Rtcsync == true)
        {
            text.Append("rtcsync\n");
        }
        return text.ToString();
    }

    private static string Source(string directive, ChronySource source, bool allowMaxSources)
    {
        var line = new StringBuilder(directive).Append(' ').Append(source.Address);
        if (source.Iburst == true)
        {
            line.Append(" iburst");
        }
        if (source.Prefer == true && !allowMaxSources)
        {
            line.Append(" prefer");
        }
        if (source.Minpoll is { } minpoll)
        {
            line.Append(" minpoll ").Append(minpoll.ToString(CultureInfo.InvariantCulture));
        }
        if (source.Maxpoll is { } maxpoll)
        {
            line.Append(" maxpoll ").Append(maxpoll.ToString(CultureInfo.InvariantCulture));
        }
        if (source.Maxsources is { } maxsources && allowMaxSources)
        {
            line.Append(" maxsources ").Append(maxsources.ToString(CultureInfo.InvariantCulture));
        }
        return line.ToString();
    }
}
