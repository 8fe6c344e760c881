// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;
using Osc.Model;

namespace Osc.Renderers.Ntp;

/// <summary>A systemd-timesyncd drop-in ([Time]) from Osc's typed settings; unset keys keep the image's defaults.</summary>
internal static class TimesyncdDropInRenderer
{
    public const string Path = "/etc/systemd/timesyncd.conf.d/10-osc.conf";

    public static string Render(TimesyncdConfig config)
    {
        var text = new StringBuilder("# managed by osc\n[Time]\n");
        if (config.Servers is { Count: > 0 } servers)
        {
            text.Append("NTP=").AppendJoin(' ', servers).Append('\n');
        }
        if (config.FallbackServers is { Count: > 0 } fallback)
        {
            text.Append("FallbackNTP=").AppendJoin(' ', fallback).Append('\n');
        }
        Seconds(text, "PollIntervalMinSec", config.PollIntervalMinSec);
        Seconds(text, "PollIntervalMaxSec", config.PollIntervalMaxSec);
        Seconds(text, "RootDistanceMaxSec", config.RootDistanceMaxSec);
        return text.ToString();
    }

    private static void Seconds(StringBuilder text, string key, int? value)
    {
        if (value is { } seconds)
        {
            text.Append(key).Append('=').Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
