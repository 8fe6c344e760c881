// SPDX-License-Identifier: Apache-2.0
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// The output folder on real machines, through the real CLI process: modes whatever the umask, a DIR
/// on another file system, a user who may write DIR but not its parent, and the machine's refusals
/// (permission denied, read-only, full) as OSC3xxx errors with the path and the OS's reason.
/// Private tmpfs mounts (unshare --mount) and another user (setpriv) need root, as CI is.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutputMachineProblemTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("osc-machine-").FullName;

    public OutputMachineProblemTests()
    {
        // Others (the unprivileged user below) must reach the example and the folders.
        File.SetUnixFileMode(_work, (UnixFileMode)0x1FF);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string Example => Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml");

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [SkippableTheory]
    [InlineData("077")]
    [InlineData("000")]
    public void Modes_are_set_explicitly_whatever_the_umask(string umask)
    {
        var output = Path.Combine(_work, "out");

        var result = OscProcess.Shell($"umask {umask} && exec $OSC render {Quote(Example)} {Quote(Path.Combine(RepoPaths.Examples, "provision-ubuntu.yaml"))} --output {Quote(output)}");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var objects = Path.Combine(output, "shoot--dev--demo");
        Assert.Equal("755", Mode(output));
        Assert.Equal("755", Mode(objects));
        Assert.Equal("600", Mode(Path.Combine(objects, "worker-pool-a-init", "user-data")));
        Assert.Equal("644", Mode(Path.Combine(objects, "worker-pool-a-original", "status.yaml")));
        var rootfs = Path.Combine(objects, "worker-pool-a-original", "rootfs");
        Assert.All(Directory.GetDirectories(rootfs, "*", SearchOption.AllDirectories).Append(rootfs), d => Assert.Equal("755", Mode(d)));
        // The whole tree, modes included, is what an in-process render (under the test runner's umask) writes.
        Assert.Equal("644", Mode(Path.Combine(rootfs, "etc", "containerd", "config.toml")));
        var inProcess = Path.Combine(_work, "in-process");
        Assert.Equal(0, CliRunner.Run(["render", Example, Path.Combine(RepoPaths.Examples, "provision-ubuntu.yaml"), "--output", inProcess]).ExitCode);
        Assert.Equal(ExampleGoldenTests.Tree(inProcess), ExampleGoldenTests.Tree(output));
    }

    [SkippableFact]
    public void DIR_on_another_file_system_renders_and_rerenders()
    {
        OscProcess.RequireRoot("a DIR that is a mount point");
        var mount = Directory.CreateDirectory(Path.Combine(_work, "mnt")).FullName;

        var result = OscProcess.Shell($"""
            unshare --mount sh -c 'mount -t tmpfs osc-test "$0" && $OSC render "$1" --output "$0" && $OSC render "$1" --output "$0" && ls -A "$0"' {Quote(mount)} {Quote(Example)}
            """);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("shoot--dev--demo\n", result.Stdout);
    }

    [SkippableFact]
    public void A_user_may_render_into_a_DIR_it_can_write_below_a_parent_it_cannot()
    {
        OscProcess.RequireRoot("acting as another user");
        var setpriv = ExternalTool.FindOrSkip("setpriv", "running osc as an unprivileged user");
        var parent = Directory.CreateDirectory(Path.Combine(_work, "parent")).FullName;
        File.SetUnixFileMode(parent, (UnixFileMode)0x1ED); // 0755, root's: nobody cannot create entries here
        var output = Directory.CreateDirectory(Path.Combine(parent, "dir")).FullName;
        var nobody = $"{setpriv} --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp";
        ExternalTool.Run("chown", ["65534:65534", output]);

        var allowed = OscProcess.Shell($"{nobody} $OSC render {Quote(Example)} --output {Quote(output)} && {nobody} $OSC render {Quote(Example)} --output {Quote(output)}");
        var refused = OscProcess.Shell($"{nobody} $OSC render {Quote(Example)} --output {Quote(Path.Combine(parent, "other"))}");

        Assert.True(allowed.ExitCode == 0, allowed.Stderr);
        Assert.Equal(["shoot--dev--demo"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"error[OSC3001]: cannot create {Path.Combine(parent, "other")}: Permission denied", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("OSC9001", refused.Stderr, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("ro", "OSC3002", "Read-only file system")]
    [InlineData("size=8k", "OSC3003", "No space left on device")]
    public void A_read_only_or_full_file_system_is_a_machine_problem_with_the_path_and_the_reason(string mountOptions, string code, string reason)
    {
        OscProcess.RequireRoot("a read-only or full file system (tmpfs)");
        var mount = Directory.CreateDirectory(Path.Combine(_work, "mnt")).FullName;

        var result = OscProcess.Shell($"""
            unshare --mount sh -c 'mount -t tmpfs -o {mountOptions} osc-test "$0" && $OSC render "$1" --output "$0/out"; code=$?; ls -A "$0"; exit $code' {Quote(mount)} {Quote(Example)}
            """);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error[{code}]: cannot ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(mount, "out"), result.Stderr, StringComparison.Ordinal);
        Assert.Contains(": " + reason, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout); // not even DIR is left behind
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
