// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.RegularExpressions;
using Osc.Model.Loading;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.Validators;

/// <summary>
/// NTP and DNS files checked by the daemons that read them: chronyd's own parser (-p), and ntpsec,
/// systemd-timesyncd and systemd-resolved started in throwaway user, mount and network namespaces
/// (no network, nothing on the host changes) while their parser diagnostics are collected.
/// </summary>
public sealed partial class NodeSettingsValidatorTests : IDisposable
{
    private const string Osc = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: b}\nspec: {type: ubuntu, purpose: reconcile}\n---\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("osc-node-validators-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Rendered(string nodeConfigYaml, string nodePath)
    {
        var result = OscRenderer.Render(OscLoader.LoadText("in.yaml", Osc + "apiVersion: config.osc.dev/v1alpha1\nkind: NodeConfig\n" + nodeConfigYaml));
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        var artifact = result.Objects.Single().Rootfs.Single(a => a.Path == nodePath);
        var file = Path.Combine(_dir, Path.GetFileName(nodePath));
        File.WriteAllBytes(file, artifact.Content);
        return file;
    }

    [SkippableTheory]
    [InlineData("ntp: {daemon: chrony, chrony: {servers: [{address: 10.0.0.1}]}}")]
    [InlineData("ntp: {daemon: chrony, chrony: {servers: [{address: time.example.org, iburst: true, prefer: true, minpoll: 4, maxpoll: 10}], pools: [{address: pool.ntp.org, iburst: true, maxsources: 4}], makestep: {threshold: 0.5, limit: -1}, rtcsync: true, driftfile: /var/lib/chrony/drift}}")]
    public void Chronyd_parses_rendered_chrony_conf(string yaml)
    {
        var chronyd = ExternalTool.FindOrSkip("chronyd", "chronyd -p -f on rendered chrony.conf");
        var file = Rendered(yaml, "/etc/chrony/chrony.conf");

        var run = ExternalTool.Run(chronyd, ["-p", "-f", file]);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
    }

    [SkippableTheory]
    [InlineData("ntp: {daemon: ntpd, ntpd: {servers: [10.0.0.1, time.example.org]}}")]
    [InlineData("ntp: {daemon: ntpd, ntpd: {servers: [10.0.0.1], interfaces: [eth0, 192.168.1.1]}}")]
    public void Ntpsec_parses_rendered_ntp_conf(string yaml)
    {
        var ntpd = ExternalTool.FindOrSkip("ntpd", "ntpsec parse of rendered ntp.conf");
        var unshare = ExternalTool.FindOrSkip("unshare", "running ntpd without network");
        var file = Rendered(yaml, "/etc/ntp.conf");

        var run = ExternalTool.Run(unshare, ["--user", "--map-root-user", "--net", "timeout", "2", ntpd, "-n", "-c", file, "-l", "stderr"]);

        var log = run.Stdout + run.Stderr;
        Assert.Contains("CONFIG: readconfig: parsing file: " + file, log, StringComparison.Ordinal);
        // "restrict nopeer/notrap ignored": ntpsec's notice that these upstream keywords are no-ops now, not an error.
        var findings = ConfigLine().Matches(log).Select(m => m.Groups[1].Value)
            .Where(m => !m.StartsWith("readconfig: parsing file", StringComparison.Ordinal) && !RestrictIgnored().IsMatch(m))
            .ToList();
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [SkippableTheory]
    [InlineData("ntp: {daemon: systemd-timesyncd, timesyncd: {servers: [10.0.0.1, time.example.org], fallbackServers: [pool.ntp.org], pollIntervalMinSec: 32, pollIntervalMaxSec: 2048, rootDistanceMaxSec: 5}}",
        "/etc/systemd/timesyncd.conf.d/10-osc.conf", "systemd-timesyncd", "systemd-timesync", "timesyncd.conf")]
    [InlineData("dns: {resolved: {dns: [10.0.0.10, '1.1.1.1#cloudflare-dns.com', '2001:db8::1'], fallbackDns: [9.9.9.9], domains: ['~cluster.local', example.org, '~.'], dnssec: allow-downgrade, dnsOverTls: opportunistic, cache: no-negative, dnsStubListener: udp}}",
        "/etc/systemd/resolved.conf.d/10-osc.conf", "systemd-resolved", "systemd-resolve", "resolved.conf")]
    public void Systemd_daemon_parses_rendered_drop_in(string yaml, string nodePath, string daemon, string user, string confName)
    {
        var binary = ExternalTool.FindOrSkip(daemon, $"{daemon} parse of its rendered drop-in");
        var unshare = ExternalTool.FindOrSkip("unshare", $"running {daemon} in private namespaces");
        var dropIn = Rendered(yaml, nodePath);

        var diagnostics = SystemdDaemonCheck(unshare, binary, user, confName, dropIn);

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [SkippableFact]
    public void Systemd_daemon_check_reports_a_bad_drop_in()
    {
        // The check itself can fail: an unknown key and a bad value are found.
        var binary = ExternalTool.FindOrSkip("systemd-resolved", "systemd-resolved parse of a drop-in");
        var unshare = ExternalTool.FindOrSkip("unshare", "running systemd-resolved in private namespaces");
        var bad = Path.Combine(_dir, "20-bad.conf");
        File.WriteAllText(bad, "[Resolve]\nDNSSEC=maybe\nDomainz=x\n");

        var diagnostics = SystemdDaemonCheck(unshare, binary, "systemd-resolve", "resolved.conf", bad);

        Assert.Equal(2, diagnostics.Count);
    }

    /// <summary>
    /// Starts the daemon for 3 s with /etc/systemd/NAME.d/ holding only <paramref name="dropIn"/>; the
    /// daemon user is mapped to root inside the namespace so its privilege drop works. Returns the
    /// parser's "FILE:LINE: message" lines about our files.
    /// </summary>
    private List<string> SystemdDaemonCheck(string unshare, string binary, string user, string confName, string dropIn)
    {
        var work = Path.Combine(_dir, "sd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var etc = Path.Combine(work, "etc-systemd");
        Directory.CreateDirectory(Path.Combine(etc, confName + ".d"));
        Directory.CreateDirectory(Path.Combine(work, "var-lib"));
        Directory.CreateDirectory(Path.Combine(work, "run", "systemd"));
        File.Copy(dropIn, Path.Combine(etc, confName + ".d", Path.GetFileName(dropIn)));
        var passwd = File.ReadAllLines("/etc/passwd").Where(l => !l.StartsWith(user + ":", StringComparison.Ordinal)).Append($"{user}:x:0:0::/:/bin/false");
        File.WriteAllLines(Path.Combine(work, "passwd"), passwd);
        const string script = """
            w=$1; bin=$2
            mount --bind "$w/passwd" /etc/passwd && mount --bind "$w/etc-systemd" /etc/systemd &&
            mount --bind "$w/var-lib" /var/lib && mount --bind "$w/run" /run || exit 99
            SYSTEMD_LOG_LEVEL=debug SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_COLOR=0 timeout 3 "$bin" 2>&1
            echo "osc-daemon-exit=$?"
            """;
        var run = ExternalTool.Run(unshare, ["--user", "--map-root-user", "--mount", "--net", "sh", "-c", script, "sh", work, binary]);
        var log = run.Stdout + run.Stderr;
        // Still running when timeout stopped it (124): it got past reading its configuration.
        Assert.True(log.Contains("osc-daemon-exit=124", StringComparison.Ordinal), $"{binary} did not start:\n{log}");
        return log.Split('\n').Where(l => l.StartsWith($"/etc/systemd/{confName}", StringComparison.Ordinal) && Regex.IsMatch(l, @"^\S+:\d+: ")).ToList();
    }

    [GeneratedRegex(@"CONFIG: (.*)")]
    private static partial Regex ConfigLine();

    [GeneratedRegex(@"^restrict \w+ ignored$")]
    private static partial Regex RestrictIgnored();
}
