// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Text;
using Osc.Model;

namespace Osc.Renderers.Dns;

/// <summary>A systemd-resolved drop-in ([Resolve]) from Osc's typed settings; unset keys keep the image's defaults.</summary>
internal static class ResolvedDropInRenderer
{
    public const string Path = "/etc/systemd/resolved.conf.d/10-osc.conf";

    public static string Render(ResolvedConfig config)
    {
        var text = new StringBuilder("# managed by osc\n[Resolve]\n");
        List(text, "DNS", config.Dns);
        List(text, "FallbackDNS", config.FallbackDns);
        List(text, "Domains", config.Domains);
        Value(text, "DNSSEC", config.Dnssec?.ToWire());
        Value(text, "DNSOverTLS", config.DnsOverTls?.ToWire());
        Value(text, "Cache", config.Cache?.ToWire());
        Value(text, "DNSStubListener", config.DnsStubListener?.ToWire());
        return text.ToString();
    }

    private static void List(StringBuilder text, string key, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            text.Append(key).Append('=').AppendJoin(' ', values).Append('\n');
        }
    }

    private static void Value(StringBuilder text, string key, string? value)
    {
        if (value is not null)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }
    }
}
