// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// Provision scripts executed in a sandbox root: every declared file and unit exists with exactly
/// the declared bytes and mode, nothing else is written, and only the expected commands ran.
/// Includes the content upstream's script gets wrong.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProvisionScriptSandboxTests
{
    /// <summary>What each OS script itself writes besides the OSC's files and units, and the commands it runs (stubs log them).</summary>
    internal static readonly Dictionary<string, (string[] Files, string[] Commands)> OsBehaviour = new()
    {
        ["gardenlinux"] = (
            ["/etc/containerd/config.toml", "/etc/modules", "/etc/systemd/system/containerd.service.d/11-exec_config.conf", "/var/lib/osc/provision-osc-applied"],
            ["containerd config default", "modprobe nfsd", "nslookup *", "systemctl daemon-reload", "systemctl enable containerd", "systemctl restart containerd"]),
        ["suse-chost"] = (
            ["/etc/containerd/config.toml", "/etc/hostname", "/etc/systemd/journald.conf.d/10-use-persistent-log-storage.conf",
             "/etc/systemd/system/containerd.service.d/11-exec_config.conf", "/var/lib/osc/provision-osc-applied"],
            ["containerd config default", "systemctl show containerd -p Conflicts", "zypper -q install -y wget socat jq nfs-client", "systemctl daemon-reload",
             "systemctl enable containerd", "systemctl restart containerd", "systemctl disable docker", "systemctl stop docker", "systemctl restart systemd-journald"]),
        ["ubuntu"] = (
            ["/etc/cloud/cloud.cfg.d/custom-networking.cfg", "/etc/containerd/config.toml", "/etc/systemd/system/containerd.service.d/11-exec_config.conf",
             "/var/lib/osc/provision-osc-applied"],
            ["apt-get update -qq", "apt-get install --no-upgrade -qqy containerd runc socat nfs-common logrotate jq policykit-1", "containerd config default",
             "systemctl daemon-reload", "systemctl enable containerd", "systemctl restart containerd"]),
    };

    public static TheoryData<string, string, string> OsCases
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var row in Cases)
            {
                data.Add("gardenlinux", (string)row[0], (string)row[1]);
            }
            foreach (var row in Cases.Where(r => (string)r[0] is "plain" or "eof-line" or "quotes-in-path" or "command-substitution" or "no-trailing-newline"))
            {
                data.Add("suse-chost", (string)row[0], (string)row[1]);
                data.Add("ubuntu", (string)row[0], (string)row[1]);
            }
            return data;
        }
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "plain", "{path: /etc/plain.conf, permissions: 0644, content: {inline: {encoding: '', data: \"a = 1\\n\"}}}" },
        { "b64-binary", "{path: /opt/bin/blob, permissions: 0755, content: {inline: {encoding: b64, data: AAEC//79gA==}}}" },
        { "eof-line", "{path: /etc/eof.txt, content: {inline: {encoding: '', data: \"before\\nEOF\\nafter\\n\"}, transmitUnencoded: true}}" },
        { "command-substitution", "{path: /etc/cmd.txt, content: {inline: {encoding: '', data: \"$(touch /pwned) `touch /pwned2` ${HOME} $PATH\\n\"}, transmitUnencoded: true}}" },
        { "backslashes", "{path: /etc/bs.txt, content: {inline: {encoding: '', data: \"a\\\\\\\\b\\\\nc\\\\\"}, transmitUnencoded: true}}" },
        { "no-trailing-newline", "{path: /etc/nonl.txt, content: {inline: {encoding: '', data: \"no newline at end\"}, transmitUnencoded: true}}" },
        { "binary-unencoded", "{path: /etc/bin.dat, content: {inline: {encoding: b64, data: AP8ACg==}, transmitUnencoded: true}}" },
        { "quotes-in-path", "{path: \"/etc/my dir/it's \\\"q\\\" $x.conf\", permissions: 0600, content: {inline: {encoding: '', data: \"x\\n\"}}}" },
        { "placeholder", "{path: /var/lib/gardener-node-agent/credentials/bootstrap-token, permissions: 0640, content: {inline: {encoding: '', data: <<BOOTSTRAP_TOKEN>>}, transmitUnencoded: true}}" },
    };

    private static (LoadedDocument<Model.OperatingSystemConfig> Document, string UserData, List<ScriptFile> Files, IReadOnlyList<RenderedArtifact> Rootfs) Render(string file, string type = "gardenlinux")
    {
        var input = OscLoader.LoadText("in.yaml", $"""
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {"{"}name: a, namespace: b{"}"}
            spec:
              type: {type}
              purpose: provision
              units:
              - name: app.service
                content: "[Service]\nExecStart=/bin/true $HOME `x`\n"
                dropIns: [{"{"}name: 10-env.conf, content: "[Service]\nEnvironment=A=$B\n"{"}"}]
              files:
              - {file}
            """);
        Assert.False(input.Report.HasErrors, string.Join("\n", input.Report.Items));
        var document = input.OperatingSystemConfigs.Single();
        var result = OscRenderer.Render(input);
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        var files = OperatingSystemsTestAccess.ProvisionFiles(document);
        var userData = result.Objects.Single().UserData!;
        return (document, type == "ubuntu" ? OperatingSystemsTestAccess.ShellPartOfArchive(userData) : userData, files, result.Objects.Single().Rootfs);
    }

    [SkippableTheory]
    [MemberData(nameof(OsCases))]
    public void Script_writes_exactly_the_declared_files_and_nothing_else(string type, string name, string file)
    {
        var (document, userData, files, rootfs) = Render(file, type);
        var (osFiles, osCommands) = OsBehaviour[type];
        using var sandbox = new ScriptSandbox();

        var run = sandbox.Run(userData);

        Assert.True(run.ExitCode == 0, $"{name}: exit {run.ExitCode}\n{run.Stderr}");
        var expectedFiles = files.Select(f => f.Path)
            .Concat(["/etc/systemd/system/app.service", "/etc/systemd/system/app.service.d/10-env.conf"])
            .Concat(osFiles).Order(StringComparer.Ordinal);
        Assert.Equal(expectedFiles, sandbox.CreatedFiles());
        foreach (var declared in files)
        {
            Assert.Equal(ProvisionScript.NodeBytes(declared, yamlEmbedded: type == "ubuntu"), sandbox.Read(declared.Path));
            Assert.Equal(declared.Permissions ?? 0x1A4u, sandbox.Mode(declared.Path) & 0xFFF);
        }
        // The rendered rootfs/ view predicts what the script writes: every file of it, byte for byte, with its mode.
        foreach (var predicted in rootfs)
        {
            Assert.Contains(predicted.Path, sandbox.CreatedFiles());
            Assert.True(predicted.Content.AsSpan().SequenceEqual(sandbox.Read(predicted.Path)), $"{name}: {predicted.Path} differs from the rootfs view");
            Assert.Equal(predicted.Mode, sandbox.Mode(predicted.Path) & 0xFFF);
        }
        Assert.Equal(expectedFiles.Where(f => f is not ("/etc/containerd/config.toml" or "/etc/modules" or "/etc/hostname")), rootfs.Select(a => a.Path));
        Assert.Equal("[Service]\nExecStart=/bin/true $HOME `x`\n", Encoding.UTF8.GetString(sandbox.Read("/etc/systemd/system/app.service")));
        Assert.Equal("[Service]\nEnvironment=A=$B\n", Encoding.UTF8.GetString(sandbox.Read("/etc/systemd/system/app.service.d/10-env.conf")));
        // Only the OS script's own commands ran, then the unit lines (nslookup asks for the sandbox's host name).
        var log = sandbox.StubLog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.StartsWith("nslookup ", StringComparison.Ordinal) ? "nslookup *" : l);
        Assert.Equal([.. osCommands, "systemctl enable app.service", "systemctl restart --no-block app.service"], log);
        Assert.Equal("a", document.Value.Metadata!.Name);
    }

    [SkippableFact]
    public void Second_run_does_nothing()
    {
        var (_, userData, _, _) = Render("{path: /etc/plain.conf, content: {inline: {encoding: '', data: x}}}");
        using var sandbox = new ScriptSandbox();
        sandbox.Run(userData);
        var log = sandbox.StubLog;

        var second = sandbox.Run(userData);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Provision OSC already applied", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(log, sandbox.StubLog);
    }

    [SkippableTheory]
    [MemberData(nameof(OsCases))]
    public void Script_passes_bash_n_and_shellcheck(string type, string name, string file)
    {
        var shellcheck = ExternalTool.FindOrSkip("shellcheck", "shellcheck of provision scripts");
        var bash = ExternalTool.FindOrSkip("bash", "bash -n of provision scripts");
        var (_, userData, _, _) = Render(file, type);
        var path = Path.Combine(Path.GetTempPath(), $"osc-{name}-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, userData);
        try
        {
            var syntax = ExternalTool.Run(bash, ["-n", path]);
            Assert.True(syntax.ExitCode == 0, syntax.Stderr);
            var check = ExternalTool.Run(shellcheck, ["-S", "error", "-s", "bash", path]);
            Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Upstream_bytes_stay_for_safe_content_and_deviations_are_reported()
    {
        var safe = OscRenderer.Render(OscLoader.LoadText("in.yaml", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: b}\nspec:\n  type: gardenlinux\n  purpose: provision\n  files: [{path: /t, content: {inline: {encoding: '', data: '<<MACHINE_NAME>>'}, transmitUnencoded: true}}]\n"));
        Assert.Contains("\ncat << EOF > \"/t\"\n<<MACHINE_NAME>>\nEOF", safe.Objects.Single().UserData, StringComparison.Ordinal);
        Assert.DoesNotContain(safe.Report.Items, d => d.Code == "OSC2008");

        var unsafeInput = OscRenderer.Render(OscLoader.LoadText("in.yaml", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: b}\nspec:\n  type: gardenlinux\n  purpose: provision\n  files: [{path: /t, content: {inline: {encoding: '', data: 'x $(id)'}, transmitUnencoded: true}}]\n"));
        var warning = Assert.Single(unsafeInput.Report.Items, d => d.Code == "OSC2008");
        Assert.Equal("$.spec.files[0]", warning.Path);
        Assert.Contains("printf '%s' 'x $(id)' > \"/t\"", unsafeInput.Objects.Single().UserData, StringComparison.Ordinal);
    }
}
