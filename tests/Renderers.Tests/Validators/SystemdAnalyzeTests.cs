// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;
using Osc.Model.Loading;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.Validators;

/// <summary>
/// Rendered units and drop-ins go through <c>systemd-analyze verify</c>, which loads them into a
/// private manager. It only prints unknown keys and bad values (exit 0), so any output fails. The
/// commands units run must exist: the rendered /opt and stubs for missing binaries are put on a
/// tmpfs over /opt in a private mount namespace, leaving the host untouched.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class SystemdAnalyzeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("osc-systemd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void Rendered_units_and_drop_ins_of_the_examples_verify_cleanly()
    {
        var analyze = ExternalTool.FindOrSkip("systemd-analyze", "systemd-analyze verify of rendered units");
        var unshare = ExternalTool.FindOrSkip("unshare", "stubbing unit commands in a private mount namespace");
        ExternalTool.FindOrSkip("containerd", "the containerd.service unit that rendered drop-ins extend");
        var input = OscLoader.LoadFiles([Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml"), Path.Combine(RepoPaths.Examples, "node-settings.yaml")]);
        var rendered = OscRenderer.Render(input).Objects.Single();

        var (units, findings) = Verify(analyze, unshare, rendered);

        Assert.Equal(["containerd.service", "kubelet.service"], units);
        Assert.True(findings.Length == 0, findings);
    }

    [SkippableFact]
    public void A_bad_unit_is_reported()
    {
        var analyze = ExternalTool.FindOrSkip("systemd-analyze", "systemd-analyze verify of rendered units");
        var unshare = ExternalTool.FindOrSkip("unshare", "stubbing unit commands in a private mount namespace");
        var input = OscLoader.LoadText("bad.yaml", """
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {name: a, namespace: b}
            spec:
              type: gardenlinux
              purpose: reconcile
              units:
              - name: bad.service
                content: "[Service]\nRestartt=always\nExecStart=/opt/bin/bad\n"
            """);
        var rendered = OscRenderer.Render(input).Objects.Single();

        var (_, findings) = Verify(analyze, unshare, rendered);

        Assert.Contains("Unknown key 'Restartt'", findings, StringComparison.Ordinal);
    }

    private (List<string> Units, string Findings) Verify(string analyze, string unshare, RenderedObject rendered)
    {
        var unitDir = Path.Combine(_dir, "units");
        var optDir = Path.Combine(_dir, "opt");
        Directory.CreateDirectory(unitDir);
        Directory.CreateDirectory(optDir);
        const string systemPrefix = "/etc/systemd/system/";
        var units = new SortedSet<string>(StringComparer.Ordinal);
        var commands = new HashSet<string>(StringComparer.Ordinal);
        foreach (var artifact in rendered.Rootfs)
        {
            if (artifact.Path.StartsWith(systemPrefix, StringComparison.Ordinal))
            {
                var relative = artifact.Path[systemPrefix.Length..];
                var target = Path.Combine(unitDir, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, artifact.Content);
                units.Add(relative.Split('/')[0].Replace(".d", "", StringComparison.Ordinal));
                foreach (Match command in ExecCommand().Matches(System.Text.Encoding.UTF8.GetString(artifact.Content)))
                {
                    commands.Add(command.Groups[1].Value);
                }
            }
            else if (artifact.Path.StartsWith("/opt/", StringComparison.Ordinal))
            {
                var target = Path.Combine(optDir, artifact.Path["/opt/".Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, artifact.Content);
                File.SetUnixFileMode(target, (UnixFileMode)artifact.Mode);
            }
        }
        foreach (var command in commands.Where(c => c.StartsWith("/opt/", StringComparison.Ordinal)))
        {
            var stub = Path.Combine(optDir, command["/opt/".Length..]);
            if (!File.Exists(stub))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(stub)!);
                File.WriteAllText(stub, "#!/bin/sh\n");
                File.SetUnixFileMode(stub, (UnixFileMode)0x1ED);
            }
        }
        var arguments = units.Select(u => File.Exists(Path.Combine(unitDir, u)) ? Path.Combine(unitDir, u) : u);
        var script = $"mount -t tmpfs tmpfs /opt && cp -a '{optDir}/.' /opt/ && SYSTEMD_UNIT_PATH='{unitDir}:' '{analyze}' verify --man=no "
            + string.Join(' ', arguments.Select(a => $"'{a}'"));
        var run = ExternalTool.Run(unshare, ["--user", "--map-root-user", "--mount", "sh", "-c", script]);
        return (units.ToList(), (run.Stdout + run.Stderr).Trim());
    }

    [GeneratedRegex(@"^Exec\w*=[-@:+!]*(/\S+)", RegexOptions.Multiline)]
    private static partial Regex ExecCommand();
}
