// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>
/// The OS extensions' validation of their extension-wide ExtensionConfig, which refuses to start the
/// extension (ValidateExtensionConfig in gardener-extension-os-ubuntu and -os-coreos,
/// pkg/controller/config/v1alpha1/validation/config.go): ntpd settings only with daemon ntpd, ntpd
/// needs servers, apt archive URIs are URLs with a scheme and a host. A per-OSC providerConfig is not
/// validated upstream, so these rules run on ExtensionConfig documents only.
/// </summary>
internal static class ExtensionConfigRules
{
    public static void Check(LoadedDocument<UbuntuExtensionConfig> document, Report report)
    {
        var ctx = new RuleContext(report, document.Positions, ValidationOptions.Default);
        var config = document.Value;
        if (config.Ntp is { } ntp)
        {
            CheckNtp(ntp.Daemon == UbuntuNtpDaemon.Ntpd, ntp.Ntpd is not null, ntp.Ntpd?.Servers, ctx);
        }
        if (config.Apt is { } apt)
        {
            CheckArchives(apt.Primary, "$.apt.primary", ctx);
            CheckArchives(apt.Security, "$.apt.security", ctx);
        }
    }

    public static void Check(LoadedDocument<CoreosExtensionConfig> document, Report report)
    {
        var ctx = new RuleContext(report, document.Positions, ValidationOptions.Default);
        if (document.Value.Ntp is { } ntp)
        {
            CheckNtp(ntp.Daemon == CoreosNtpDaemon.Ntpd, ntp.Ntpd is not null, ntp.Ntpd?.Servers, ctx);
        }
    }

    /// <summary>An unset daemon is systemd-timesyncd after the extension's defaulting.</summary>
    private static void CheckNtp(bool isNtpd, bool hasNtpdSettings, IReadOnlyList<string>? servers, RuleContext ctx)
    {
        if (!hasNtpdSettings || (ctx.Positions.Contains("$.ntp.daemon") && !ctx.IsValid("$.ntp.daemon")))
        {
            return;
        }
        if (!isNtpd)
        {
            ctx.Add(DiagnosticCatalog.NtpdSettingsWithOtherDaemon, "$.ntp.ntpd",
                "ntp.ntpd is set but the daemon is systemd-timesyncd; the OS extension's config validation refuses it and the extension does not start",
                "remove ntp.ntpd, or set daemon: ntpd");
        }
        if ((servers?.Count ?? 0) == 0)
        {
            ctx.Add(DiagnosticCatalog.NtpdServersRequired, ctx.Positions.Contains("$.ntp.ntpd.servers") ? "$.ntp.ntpd.servers" : "$.ntp.ntpd",
                "ntp.ntpd has no servers; the OS extension's config validation requires a list of NTP servers",
                "list the servers, e.g. servers: [time.example.org]");
        }
    }

    private static void CheckArchives(IReadOnlyList<UbuntuAptArchive>? archives, string listPath, RuleContext ctx)
    {
        for (var i = 0; i < (archives?.Count ?? 0); i++)
        {
            var archive = archives![i];
            var path = OscPath.Index(listPath, i);
            CheckUri(archive.Uri ?? "", ctx.Positions.Contains(path + ".uri") ? path + ".uri" : path, "uri", ctx);
            for (var j = 0; j < (archive.Search?.Count ?? 0); j++)
            {
                CheckUri(archive.Search![j], OscPath.Index(path + ".search", j), "search entry", ctx);
            }
        }
    }

    /// <summary>gardener-extension-os-ubuntu's isValidURL: url.Parse succeeds and gives a scheme and a host.</summary>
    private static void CheckUri(string uri, string path, string what, RuleContext ctx)
    {
        if (GoUrl.TryParse(uri, out var parsed, out _) && parsed.Scheme.Length > 0 && parsed.Host.Length > 0)
        {
            return;
        }
        ctx.Add(DiagnosticCatalog.InvalidAptUri, path,
            (uri.Length == 0 ? $"the archive has no {what}" : $"\"{uri}\" is not a URL with a scheme and a host") + "; the Ubuntu extension's config validation refuses it",
            "write the mirror's URL, e.g. http://archive.ubuntu.com/ubuntu");
    }
}
