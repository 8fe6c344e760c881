// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RenderCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"osc-render-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private static string Example(string name) => Path.Combine(RepoPaths.Examples, name);

    /// <summary>The whole tree as text: mode, path, then the content of each file.</summary>
    private static string Tree(string root)
    {
        var text = new StringBuilder();
        foreach (var path in Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path);
            var mode = Convert.ToString((int)File.GetUnixFileMode(path), 8);
            if (Directory.Exists(path))
            {
                text.Append($"== {mode} {relative}/\n");
                continue;
            }
            text.Append($"== {mode} {relative}\n").Append(Encoding.UTF8.GetString(File.ReadAllBytes(path)));
            text.Append(File.ReadAllBytes(path) is [.., (byte)'\n'] ? "" : "\n(no newline at end)\n");
        }
        return text.ToString();
    }

    [Fact]
    public void Reconcile_example_renders_its_rootfs_view()
    {
        var result = CliRunner.Run(["render", Example("reconcile-gardenlinux.yaml"), "--output", _out]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("rendered 1 object (10 files)", result.Stderr, StringComparison.Ordinal);
        Golden.Verify(Tree(_out), "OscCli.Tests", "render/reconcile-gardenlinux.tree", "txt");
    }

    [Fact]
    public void Node_settings_add_ntp_and_dns_files()
    {
        var result = CliRunner.Run(["render", Example("reconcile-gardenlinux.yaml"), Example("node-settings.yaml"), "--output", _out]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var rootfs = Path.Combine(_out, "shoot--dev--demo", "worker-pool-a-original", "rootfs");
        var added = new[] { "etc/chrony/chrony.conf", "etc/systemd/resolved.conf.d/10-osc.conf",
            "etc/systemd/system/kubelet.service.d/10-configure-resolv-conf.conf", "opt/gardener/bin/configure_kubelet_resolv_conf.sh" };
        var text = new StringBuilder();
        foreach (var file in added)
        {
            var path = Path.Combine(rootfs, file);
            text.Append($"== {Convert.ToString((int)File.GetUnixFileMode(path), 8)} {file}\n").Append(File.ReadAllText(path));
        }
        Golden.Verify(text.ToString(), "OscCli.Tests", "render/node-settings.files", "txt");
    }

    [Fact]
    public void A_failed_render_writes_nothing()
    {
        var result = CliRunner.Run(["render", Example("invalid-reconcile.yaml"), "--output", _out]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing was written", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), ".osc-staging-*"));
    }

    [Fact]
    public void A_second_render_replaces_the_object_folder()
    {
        var stale = Path.Combine(_out, "shoot--dev--demo", "worker-pool-a-original", "rootfs", "stale");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "left from an older render");
        var unrelated = Path.Combine(_out, "other", "object", "keep");
        Directory.CreateDirectory(Path.GetDirectoryName(unrelated)!);
        File.WriteAllText(unrelated, "not ours to touch");

        var result = CliRunner.Run(["render", Example("reconcile-gardenlinux.yaml"), "--output", _out]);

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(unrelated));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_out, "shoot--dev--demo"), "*.osc-old-*"));
    }

    [Fact]
    public void Provision_example_renders_its_user_data()
    {
        var result = CliRunner.Run(["render", Example("provision-ubuntu.yaml"), "--output", _out]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var userData = Path.Combine(_out, "shoot--dev--demo", "worker-pool-a-init", "user-data");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(userData));
        var text = File.ReadAllText(userData);
        // The machine controller replaces this placeholder in the user-data: it must stay in clear text.
        Assert.Contains("\n    <<BOOTSTRAP_TOKEN>>\n", text, StringComparison.Ordinal);
        Golden.Verify(text, "OscCli.Tests", "render/provision-ubuntu.user-data", "yaml");
    }

    [Fact]
    public void Provision_example_renders_the_rootfs_view_of_what_its_script_writes()
    {
        var result = CliRunner.Run(["render", Example("provision-ubuntu.yaml"), "--output", _out]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        File.Delete(Path.Combine(_out, "shoot--dev--demo", "worker-pool-a-init", "user-data"));
        Golden.Verify(Tree(_out), "OscCli.Tests", "render/provision-ubuntu.tree", "txt");
    }

    [Fact]
    public void Provision_objects_of_other_os_types_are_reported_as_not_rendered_yet()
    {
        var input = File.ReadAllText(Example("provision-ubuntu.yaml")).Replace("type: ubuntu", "type: custom-os", StringComparison.Ordinal);

        var result = CliRunner.Run(["render", "-", "--output", _out], input);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning[OSC2007]", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_out, "shoot--dev--demo", "worker-pool-a-init")));
        Assert.Equal(1, CliRunner.Run(["render", "--strict", "-", "--output", _out], input).ExitCode);
    }

    [Fact]
    public void Compress_gzip_writes_gzip_user_data_for_ubuntu_only()
    {
        var result = CliRunner.Run(["render", Example("provision-ubuntu.yaml"), "--output", _out, "--compress", "gzip"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var bytes = File.ReadAllBytes(Path.Combine(_out, "shoot--dev--demo", "worker-pool-a-init", "user-data"));
        Assert.Equal(new byte[] { 0x1f, 0x8b }, bytes[..2]);
        var gardenlinux = File.ReadAllText(Example("provision-ubuntu.yaml")).Replace("type: ubuntu", "type: gardenlinux", StringComparison.Ordinal);
        var refused = CliRunner.Run(["render", "-", "--output", _out + "-gl", "--compress", "gzip"], gardenlinux);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error[OSC2012]", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Containerd_options_are_checked()
    {
        Assert.Equal(2, CliRunner.Run(["render", Example("reconcile-gardenlinux.yaml"), "--output", _out, "--containerd-config-version", "5"]).ExitCode);
        Assert.Equal(2, CliRunner.Run(["render", Example("reconcile-gardenlinux.yaml"), "--output", _out, "--containerd-version", "two"]).ExitCode);
        Assert.Equal(1, CliRunner.Run(["render", Example("reconcile-gardenlinux.yaml"), "--output", _out, "--containerd-base", "/nonexistent.toml"]).ExitCode);
    }

    [Fact]
    public void Config_version_3_moves_the_settings_to_the_v3_plugins()
    {
        var result = CliRunner.Run(["render", Example("reconcile-gardenlinux.yaml"), "--output", _out, "--containerd-config-version", "3", "--containerd-version", "2.2.0"]);

        Assert.Equal(0, result.ExitCode);
        var config = File.ReadAllText(Path.Combine(_out, "shoot--dev--demo", "worker-pool-a-original", "rootfs", "etc", "containerd", "config.toml"));
        Assert.Contains("[plugins.\"io.containerd.cri.v1.images\".pinned_images]\n      sandbox = \"registry.k8s.io/pause:3.10\"", config, StringComparison.Ordinal);
        Assert.Contains("bin_dirs = [\"/opt/cni/bin\"]", config, StringComparison.Ordinal);
        Assert.Contains("[plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.runsc]", config, StringComparison.Ordinal);
    }
}
