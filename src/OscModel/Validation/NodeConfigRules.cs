// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>
/// Osc's NodeConfig: every value that lands in a config file is checked so none can add a line
/// or a directive (servers are host names or IP literals, domains are domain names).
/// </summary>
public static class NodeConfigRules
{
    public static void Check(LoadedDocument<OscNodeConfig> document, Report report)
    {
        ArgumentNullException.ThrowIfNull(document);
        var ctx = new RuleContext(report, document.Positions, ValidationOptions.Default);
        var config = document.Value;
        if (config.Ntp is { } ntp)
        {
            CheckNtp(ntp, ctx);
        }
        if (config.Dns?.Resolved is { } resolved)
        {
            CheckList(resolved.Dns, "$.dns.resolved.dns", IsDnsServer, DiagnosticCatalog.InvalidDnsServer,
                "an IPv4 or IPv6 address, optionally with #server-name for DNS over TLS (e.g. 1.1.1.1#cloudflare-dns.com)", ctx);
            CheckList(resolved.FallbackDns, "$.dns.resolved.fallbackDns", IsDnsServer, DiagnosticCatalog.InvalidDnsServer,
                "an IPv4 or IPv6 address, optionally with #server-name", ctx);
            CheckList(resolved.Domains, "$.dns.resolved.domains", IsSearchDomain, DiagnosticCatalog.InvalidSearchDomain,
                "a domain name such as example.org, or ~example.org for a routing-only domain, or ~. for all", ctx);
        }
    }

    private static void CheckNtp(NodeNtpConfig ntp, RuleContext ctx)
    {
        var blocks = new (string Name, object? Block, NodeNtpDaemon Daemon)[]
        {
            ("timesyncd", ntp.Timesyncd, NodeNtpDaemon.SystemdTimesyncd),
            ("chrony", ntp.Chrony, NodeNtpDaemon.Chrony),
            ("ntpd", ntp.Ntpd, NodeNtpDaemon.Ntpd),
        };
        foreach (var (name, block, daemon) in blocks)
        {
            if (block is not null && daemon != ntp.Daemon && ctx.IsValid("$.ntp.daemon"))
            {
                ctx.Add(DiagnosticCatalog.UnusedDaemonSettings, "$.ntp." + name,
                    $"ntp.{name} is set but the daemon is {ntp.Daemon.ToWire()}, so these settings are not used",
                    $"remove ntp.{name}, or set daemon: {daemon.ToWire()}");
            }
        }
        const string serverHint = "a host name (time.example.org) or an IP address";
        if (ntp.Timesyncd is { } timesyncd)
        {
            CheckList(timesyncd.Servers, "$.ntp.timesyncd.servers", IsNtpServer, DiagnosticCatalog.InvalidNtpServer, serverHint, ctx);
            CheckList(timesyncd.FallbackServers, "$.ntp.timesyncd.fallbackServers", IsNtpServer, DiagnosticCatalog.InvalidNtpServer, serverHint, ctx);
            if (timesyncd.PollIntervalMinSec > timesyncd.PollIntervalMaxSec)
            {
                ctx.Add(DiagnosticCatalog.PollIntervalsReversed, "$.ntp.timesyncd.pollIntervalMinSec",
                    $"pollIntervalMinSec {timesyncd.PollIntervalMinSec} is above pollIntervalMaxSec {timesyncd.PollIntervalMaxSec}",
                    "systemd-timesyncd rejects it; make the minimum the smaller one");
            }
        }
        if (ntp.Chrony is { } chrony)
        {
            CheckList((chrony.Servers ?? []).Select(s => s.Address).ToList(), "$.ntp.chrony.servers", IsNtpServer, DiagnosticCatalog.InvalidNtpServer, serverHint, ctx, ".address");
            CheckList((chrony.Pools ?? []).Select(s => s.Address).ToList(), "$.ntp.chrony.pools", IsNtpServer, DiagnosticCatalog.InvalidNtpServer, serverHint, ctx, ".address");
            foreach (var (source, i) in (chrony.Servers ?? []).Concat(chrony.Pools ?? []).Select((s, i) => (s, i)))
            {
                if (source.Minpoll > source.Maxpoll)
                {
                    var list = i < (chrony.Servers?.Count ?? 0) ? "servers" : "pools";
                    var index = list == "servers" ? i : i - (chrony.Servers?.Count ?? 0);
                    ctx.Add(DiagnosticCatalog.PollIntervalsReversed, $"$.ntp.chrony.{list}[{index}].minpoll",
                        $"minpoll {source.Minpoll} is above maxpoll {source.Maxpoll}", "chrony rejects it; make minpoll the smaller one");
                }
            }
        }
        if (ntp.Ntpd is { } ntpd)
        {
            CheckList(ntpd.Servers, "$.ntp.ntpd.servers", IsNtpServer, DiagnosticCatalog.InvalidNtpServer, serverHint, ctx);
            CheckList(ntpd.Interfaces, "$.ntp.ntpd.interfaces", IsInterface, DiagnosticCatalog.InvalidNtpServer,
                "an interface name (eth0) or an IP address", ctx);
        }
    }

    private static void CheckList(IReadOnlyList<string>? values, string listPath, Func<string, bool> isValid, DiagnosticDescriptor descriptor,
        string hint, RuleContext ctx, string suffix = "")
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (!isValid(values![i]))
            {
                ctx.Add(descriptor, OscPath.Index(listPath, i) + suffix, $"\"{values[i]}\" is not valid here", "write " + hint);
            }
        }
    }

    internal static bool IsNtpServer(string value) => IPAddress.TryParse(value, out _) || IsHostName(value);

    private static bool IsDnsServer(string value)
    {
        var hash = value.IndexOf('#', StringComparison.Ordinal);
        var address = hash >= 0 ? value[..hash] : value;
        return IPAddress.TryParse(address, out _) && !address.Contains('%', StringComparison.Ordinal)
            && (hash < 0 || IsHostName(value[(hash + 1)..]));
    }

    private static bool IsSearchDomain(string value)
    {
        var domain = value.StartsWith('~') ? value[1..] : value;
        return domain == "." && value.StartsWith('~') || IsHostName(domain.TrimEnd('.'));
    }

    private static bool IsInterface(string value) =>
        IPAddress.TryParse(value, out _) || (value.Length is > 0 and <= 15 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'));

    /// <summary>RFC 1123 host name: labels of letters, digits and '-', not starting or ending with '-'.</summary>
    private static bool IsHostName(string value) =>
        value.Length is > 0 and <= 253 && value.Split('.').All(label =>
            label.Length is > 0 and <= 63 && char.IsAsciiLetterOrDigit(label[0]) && char.IsAsciiLetterOrDigit(label[^1])
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
