// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// <c>osc check</c> through the CLI on unpacked trees: a tree made from the rendered view (plus what
/// the OS and <c>systemctl enable</c> put there) is clean; each kind of drift made on it is named, and
/// nothing else is; a hostile tree (links out of it, loops, FIFOs, devices, huge files, huge
/// directories) is read without leaving it, blocking or reading without bound.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CheckCommandTests : IDisposable
{
    /// <summary>
    /// A reconcile OSC with every kind of thing check looks at: files (0755, 0644, a group-writable one,
    /// a secretRef, an imageRef), a unit with an [Install] section, one with enable: false, a static one,
    /// an OS unit that only gets drop-ins (containerd.service), and a containerd config with a mirror.
    /// </summary>
    internal const string CaseYaml = """
        apiVersion: extensions.gardener.cloud/v1alpha1
        kind: OperatingSystemConfig
        metadata:
          name: worker-check
          namespace: check
        spec:
          type: gardenlinux
          purpose: reconcile
          criConfig:
            name: containerd
            containerd:
              sandboxImage: registry.k8s.io/pause:3.10
              registries:
              - upstream: docker.io
                server: https://registry-1.docker.io
                hosts:
                - url: https://mirror.check.internal
          units:
          - name: osc-agent.service
            command: start
            enable: true
            content: |
              [Unit]
              Description=an agent
              [Service]
              ExecStart=/opt/bin/osc-agent
              [Install]
              WantedBy=multi-user.target
            dropIns:
            - name: 10-limits.conf
              content: |
                [Service]
                LimitNOFILE=65536
          - name: osc-disabled.service
            enable: false
            content: |
              [Service]
              ExecStart=/bin/true
              [Install]
              WantedBy=multi-user.target
          - name: osc-static.service
            content: |
              [Service]
              Type=oneshot
              ExecStart=/bin/true
          - name: containerd.service
            dropIns:
            - name: 50-env.conf
              content: |
                [Service]
                Environment=OSC_NODE=check
          files:
          - path: /opt/bin/osc-agent
            permissions: 0755
            content:
              inline:
                encoding: b64
                data: IyEvYmluL3NoCmV4ZWMgc2xlZXAgaW5maW5pdHkK
          - path: /etc/osc/shared.conf
            permissions: 0664
            content:
              inline:
                encoding: ""
                data: |
                  shared = true
          - path: /var/lib/osc/settings.conf
            permissions: 0640
            content:
              secretRef:
                name: osc-settings
                dataKey: settings
          - path: /opt/bin/from-image
            permissions: 0750
            content:
              imageRef:
                image: registry.check.internal/tools:1.0
                filePathInImage: /bin/tool
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: osc-settings
          namespace: check
        stringData:
          settings: |
            mode = "check"
        """;

    /// <summary>The OS's own containerd unit, as Debian ships it (only what check reads: its [Install] section).</summary>
    private const string OsContainerdUnit = "[Unit]\nDescription=containerd container runtime\n[Service]\nExecStart=/usr/bin/containerd\n[Install]\nWantedBy=multi-user.target\n";

    private readonly string _work = Directory.CreateTempSubdirectory("osc-check-").FullName;

    public void Dispose() => ExternalTool.Run("/bin/rm", ["-rf", _work]);

    private string Root => Path.Combine(_work, "root");

    private string CaseFile => Path.Combine(_work, "case.yaml");

    /// <summary>The node as gardener-node-agent leaves it: the rendered view, the OS's unit, the imageRef file, the enable links.</summary>
    private void MakeCleanNode()
    {
        File.WriteAllText(CaseFile, CaseYaml);
        var output = Path.Combine(_work, "out");
        var render = CliRunner.Run(["render", CaseFile, "--output", output]);
        Assert.True(render.ExitCode == 0, render.Stderr);
        ExternalTool.Run("/bin/cp", ["-a", Path.Combine(output, "check", "worker-check", "rootfs"), Root]);
        Write("/usr/lib/systemd/system/containerd.service", OsContainerdUnit, 0x1A4);
        Write("/opt/bin/from-image", "bytes from the image", 0x1E8); // 0750
        Link("/etc/systemd/system/multi-user.target.wants/osc-agent.service", "/etc/systemd/system/osc-agent.service");
        Link("/etc/systemd/system/multi-user.target.wants/containerd.service", "/usr/lib/systemd/system/containerd.service");
        // gardener-node-agent writes inline files through its 0022 umask: the group-writable file arrives as 0644.
        File.SetUnixFileMode(NodePath("/etc/osc/shared.conf"), (UnixFileMode)0x1A4);
    }

    private string NodePath(string path) => Root + path;

    private void Write(string path, string content, int mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(NodePath(path))!);
        File.WriteAllText(NodePath(path), content);
        File.SetUnixFileMode(NodePath(path), (UnixFileMode)mode);
    }

    private void Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(NodePath(path))!);
        File.CreateSymbolicLink(NodePath(path), target);
    }

    private void Remove(string path)
    {
        if (Directory.Exists(NodePath(path)) && !File.GetAttributes(NodePath(path)).HasFlag(FileAttributes.ReparsePoint))
        {
            Directory.Delete(NodePath(path), recursive: true);
        }
        else
        {
            File.Delete(NodePath(path));
        }
    }

    private CliRunner.Result Check(params string[] extra) => CliRunner.Run(["check", CaseFile, "--root", Root, .. extra]);

    /// <summary>(kind, path) of each drift line, in output order.</summary>
    private static List<(string Kind, string Path)> Drifts(CliRunner.Result result) =>
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (line[(line.IndexOf('[') + 1)..line.IndexOf(']')], line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..line.IndexOf(": ", StringComparison.Ordinal)]))
            .ToList();

    [Fact]
    public void The_node_as_the_agent_leaves_it_has_no_drift()
    {
        MakeCleanNode();

        var result = Check();

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"osc check: no drift on {Root} (1 object: ", result.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> DriftCases => new()
    {
        // name, what is done to the node (see Tamper), the one drift expected as "kind path"
        { "missing file", "rm /opt/bin/osc-agent", "missing /opt/bin/osc-agent" },
        { "changed bytes", "append /etc/containerd/config.toml", "content /etc/containerd/config.toml" },
        { "changed mode", "chmod 0700 /opt/bin/osc-agent", "mode /opt/bin/osc-agent" },
        { "group-writable bit beyond the declared mode", "chmod 0666 /etc/osc/shared.conf", "mode /etc/osc/shared.conf" },
        { "changed mode of an imageRef file", "chmod 0755 /opt/bin/from-image", "mode /opt/bin/from-image" },
        { "missing imageRef file", "rm /opt/bin/from-image", "missing /opt/bin/from-image" },
        { "missing unit", "rm /etc/systemd/system/osc-static.service", "missing /etc/systemd/system/osc-static.service" },
        { "missing OS unit file", "rm /usr/lib/systemd/system/containerd.service", "missing /etc/systemd/system/containerd.service" },
        { "missing drop-in", "rm /etc/systemd/system/containerd.service.d/50-env.conf", "missing /etc/systemd/system/containerd.service.d/50-env.conf" },
        { "extra drop-in", "write /etc/systemd/system/osc-agent.service.d/99-local.conf", "extra-drop-in /etc/systemd/system/osc-agent.service.d/99-local.conf" },
        { "extra drop-in of a unit without drop-ins", "write /etc/systemd/system/osc-static.service.d/override.conf", "extra-drop-in /etc/systemd/system/osc-static.service.d/override.conf" },
        { "disabled unit", "rm /etc/systemd/system/multi-user.target.wants/osc-agent.service", "not-enabled /etc/systemd/system/multi-user.target.wants/osc-agent.service" },
        { "disabled OS unit", "rm /etc/systemd/system/multi-user.target.wants/containerd.service", "not-enabled /etc/systemd/system/multi-user.target.wants/containerd.service" },
        { "enabled unit that has enable: false", "link /etc/systemd/system/multi-user.target.wants/osc-disabled.service /etc/systemd/system/osc-disabled.service", "enabled /etc/systemd/system/multi-user.target.wants/osc-disabled.service" },
        { "masked OS unit", "link /etc/systemd/system/containerd.service /dev/null", "masked /etc/systemd/system/containerd.service" },
        { "file replaced by a link", "rm+link /var/lib/osc/settings.conf /etc/passwd", "type /var/lib/osc/settings.conf" },
        { "file replaced by a directory", "rm+mkdir /etc/systemd/system/osc-agent.service", "type /etc/systemd/system/osc-agent.service" },
        { "file replaced by a FIFO", "rm+mkfifo /etc/osc/shared.conf", "type /etc/osc/shared.conf" },
        { "agent directory replaced by a file", "rm+write /etc/containerd/conf.d", "type /etc/containerd/conf.d" },
        { "agent directory missing", "rm /var/bin/containerruntimes", "missing /var/bin/containerruntimes" },
        { "hosts.toml missing", "rm /etc/containerd/certs.d/docker.io/hosts.toml", "missing /etc/containerd/certs.d/docker.io/hosts.toml" },
        { "a loop of links in a parent directory", "rm+link /opt/bin /opt/bin", "unreadable /opt/bin/from-image|unreadable /opt/bin/osc-agent" },
    };

    [Theory]
    [MemberData(nameof(DriftCases))]
    public void Each_drift_is_named_and_nothing_else(string name, string tamper, string expected)
    {
        MakeCleanNode();
        Tamper(tamper);

        var result = Check();

        Assert.True(result.ExitCode == 1, $"{name}: exit {result.ExitCode}\n{result.Stdout}{result.Stderr}");
        var drifts = Drifts(result).Select(d => $"{d.Kind} {d.Path}").ToList();
        Assert.Equal(expected.Split('|'), drifts);
        Assert.Contains($"osc check: {drifts.Count} drift", result.Stderr, StringComparison.Ordinal);
    }

    private void Tamper(string action)
    {
        var words = action.Split(' ');
        var path = words[1];
        switch (words[0])
        {
            case "rm":
                Remove(path);
                break;
            case "append":
                File.AppendAllText(NodePath(path), "# changed by hand\n");
                break;
            case "chmod":
                File.SetUnixFileMode(NodePath(words[2]), (UnixFileMode)Convert.ToInt32(words[1], 8));
                break;
            case "write":
                Write(path, "[Service]\nEnvironment=LOCAL=1\n", 0x180);
                break;
            case "link":
                if (File.Exists(NodePath(path)) || Directory.Exists(NodePath(path)))
                {
                    Remove(path);
                }
                Link(path, words[2]);
                break;
            case "rm+link":
                Remove(path);
                Link(path, words[2]);
                break;
            case "rm+mkdir":
                Remove(path);
                Directory.CreateDirectory(NodePath(path));
                break;
            case "rm+write":
                Remove(path);
                Write(path, "not a directory", 0x1A4);
                break;
            case "rm+mkfifo":
                Remove(path);
                Assert.Equal(0, ExternalTool.Run("mkfifo", [NodePath(path)]).ExitCode);
                break;
            default:
                throw new ArgumentException(action);
        }
    }

    [Fact]
    public void Several_drifts_are_each_named_once_in_path_order()
    {
        MakeCleanNode();
        Tamper("append /opt/bin/osc-agent");
        Tamper("chmod 0700 /opt/bin/osc-agent");
        Tamper("rm /etc/systemd/system/osc-agent.service.d/10-limits.conf");
        Tamper("rm /etc/systemd/system/multi-user.target.wants/osc-agent.service");

        var result = Check();

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            ("not-enabled", "/etc/systemd/system/multi-user.target.wants/osc-agent.service"),
            ("missing", "/etc/systemd/system/osc-agent.service.d/10-limits.conf"),
            ("content", "/opt/bin/osc-agent"),
            ("mode", "/opt/bin/osc-agent"),
        ], Drifts(result));
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("drift[mode] /opt/bin/osc-agent: mode 0700 on the node, 0755 expected (check/worker-check, $.spec.files[0], " + CaseFile + ":53:5)", lines[3]);
        Assert.StartsWith("drift[content] /opt/bin/osc-agent: content differs from line 3 on (48 bytes on the node, 30 bytes expected)", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_prints_one_object_per_drift_with_what_was_expected_and_found()
    {
        MakeCleanNode();
        Tamper("chmod 0700 /opt/bin/osc-agent");
        Tamper("rm /etc/systemd/system/multi-user.target.wants/osc-agent.service");

        var result = Check("--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stderr.Trim().Split('\n').Where(l => !l.StartsWith('{')).FirstOrDefault() ?? "");
        var objects = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, objects.Count);
        var mode = objects[1];
        Assert.Equal("mode", mode.GetProperty("drift").GetString());
        Assert.Equal("check/worker-check", mode.GetProperty("object").GetString());
        Assert.Equal("/opt/bin/osc-agent", mode.GetProperty("path").GetString());
        Assert.Equal("0755", mode.GetProperty("expected").GetString());
        Assert.Equal("0700", mode.GetProperty("actual").GetString());
        Assert.Equal("$.spec.files[0]", mode.GetProperty("source").GetString());
        Assert.Equal(CaseFile, mode.GetProperty("file").GetString());
        Assert.Equal(53, mode.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Null, mode.GetProperty("unit").ValueKind);
        var enabled = objects[0];
        Assert.Equal("not-enabled", enabled.GetProperty("drift").GetString());
        Assert.Equal("osc-agent.service", enabled.GetProperty("unit").GetString());
    }

    [Fact]
    public void Links_resolve_inside_the_root_and_never_out_of_it()
    {
        MakeCleanNode();
        // Outside the root, a directory holding exactly the right file: following a link out of the root would find it.
        var outside = Path.Combine(_work, "outside");
        Directory.CreateDirectory(outside);
        File.Copy(NodePath("/var/lib/osc/settings.conf"), Path.Combine(outside, "settings.conf"));
        File.SetUnixFileMode(Path.Combine(outside, "settings.conf"), (UnixFileMode)0x1A0);
        // Inside the root, /srv/osc holds the right file too: an absolute link resolves there, as on the node.
        Directory.CreateDirectory(NodePath("/srv"));
        ExternalTool.Run("/bin/cp", ["-a", NodePath("/var/lib/osc"), NodePath("/srv/osc")]);
        Remove("/var/lib/osc");
        Link("/var/lib/osc", "/srv/osc");
        Assert.Equal("", Check().Stdout);

        // An absolute link to the outside directory's host path names a path inside the root, where there is nothing.
        Remove("/var/lib/osc");
        Link("/var/lib/osc", outside);
        Assert.Equal([("missing", "/var/lib/osc/settings.conf")], Drifts(Check()));

        // Climbing with .. stops at the root.
        Remove("/var/lib/osc");
        Link("/var/lib/osc", string.Concat(Enumerable.Repeat("../", 20)) + outside.TrimStart('/'));
        Assert.Equal([("missing", "/var/lib/osc/settings.conf")], Drifts(Check()));
    }

    [Fact]
    public void A_huge_file_is_read_only_as_far_as_the_comparison_needs()
    {
        MakeCleanNode();
        // 64 GiB, sparse: reading it whole would take minutes and all memory.
        using (var huge = new FileStream(NodePath("/etc/containerd/config.toml"), FileMode.Open))
        {
            huge.SetLength(64L << 30);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = Check();

        Assert.Equal([("content", "/etc/containerd/config.toml")], Drifts(result));
        Assert.Contains("(68719476736 bytes on the node, ", result.Stdout, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"took {started.Elapsed}");
    }

    [SkippableFact]
    public void A_device_node_is_looked_at_never_opened()
    {
        OscProcess.RequireRoot("mknod of a device node");
        MakeCleanNode();
        Remove("/etc/osc/shared.conf");
        // /dev/zero's numbers: opened and read, it would never end.
        Assert.Equal(0, ExternalTool.Run("mknod", [NodePath("/etc/osc/shared.conf"), "c", "1", "5"]).ExitCode);

        var result = Check();

        Assert.Equal([("type", "/etc/osc/shared.conf")], Drifts(result));
        Assert.Contains("a character device where a regular file is expected", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drop_in_directory_with_more_entries_than_the_limit_is_read_up_to_it()
    {
        MakeCleanNode();
        var directory = NodePath("/etc/systemd/system/osc-static.service.d");
        Directory.CreateDirectory(directory);
        for (var i = 0; i < 4100; i++)
        {
            File.WriteAllText(Path.Combine(directory, $"x{i:D4}.txt"), "");
        }

        var drifts = Drifts(Check());

        Assert.Equal([("unreadable", "/etc/systemd/system/osc-static.service.d")], drifts);
    }

    [Fact]
    public void Node_text_is_escaped_for_the_terminal_and_exact_in_json()
    {
        MakeCleanNode();
        Remove("/var/lib/osc/settings.conf");
        Link("/var/lib/osc/settings.conf", "/tmp/\u001b[31mred\u202e");

        var text = Check();
        var json = Check("--format", "json");

        Assert.Contains("a symbolic link to /tmp/\\u{1b}[31mred\\u{202e} where a regular file is expected", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text.Stdout);
        var drift = JsonDocument.Parse(json.Stdout.Trim()).RootElement;
        Assert.Equal("a symbolic link to /tmp/\u001b[31mred\u202e", drift.GetProperty("actual").GetString());
    }

    [Fact]
    public void Invalid_input_is_exit_1_with_nothing_on_stdout()
    {
        MakeCleanNode();
        File.WriteAllText(CaseFile, CaseYaml.Replace("name: osc-disabled.service", "name: \"\"", StringComparison.Ordinal));

        var result = Check();

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("error[OSC", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was checked", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_that_cannot_be_opened_is_OSC3008_with_nothing_on_stdout()
    {
        File.WriteAllText(CaseFile, CaseYaml);
        var missing = Path.Combine(_work, "no-such-root");

        var result = CliRunner.Run(["check", CaseFile, "--root", missing, "--format", "json"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var diagnostic = JsonDocument.Parse(result.Stderr.Trim()).RootElement;
        Assert.Equal("OSC3008", diagnostic.GetProperty("code").GetString());
        Assert.Contains(missing, diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("No such file or directory", diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Input_without_an_OperatingSystemConfig_checks_nothing_and_says_so()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(CaseFile, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: check\nstringData:\n  a: b\n");

        var result = Check();

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("holds no OperatingSystemConfig; nothing was checked", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_is_required_and_a_usage_error_without_it()
    {
        File.WriteAllText(CaseFile, CaseYaml);

        var result = CliRunner.Run(["check", CaseFile]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--root", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_name_chooses_the_host_file_as_render_does()
    {
        MakeCleanNode();
        var withHostFile = CaseYaml.Replace("""
              - path: /etc/osc/shared.conf
            """, """
              - path: /etc/osc/host.conf
                hostName: node-a
                content:
                  inline:
                    encoding: ""
                    data: only on node-a
              - path: /etc/osc/shared.conf
            """, StringComparison.Ordinal);
        Assert.NotEqual(CaseYaml, withHostFile);
        File.WriteAllText(CaseFile, withHostFile);

        Assert.Equal("", Check().Stdout);
        Assert.Equal([("missing", "/etc/osc/host.conf")], Drifts(Check("--host-name", "node-a")));
    }
}
