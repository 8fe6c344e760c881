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
