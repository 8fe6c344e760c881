// SPDX-License-Identifier: Apache-2.0
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>Progress of a batch: shown on a terminal once the batch takes longer than a moment, never on a pipe.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProgressTests : IDisposable
{
    private const string HideCursor = "\u001b[?25l";

    private readonly string _work = Directory.CreateTempSubdirectory("osc-progress-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>A batch of distinct reconcile OSCs, one file each.</summary>
    private string[] Batch(int count)
    {
        var template = File.ReadAllText(Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml"));
        return Enumerable.Range(0, count).Select(i =>
        {
            var path = Path.Combine(_work, $"osc-{i:D3}.yaml");
            File.WriteAllText(path, template.Replace("name: worker-pool-a-original", $"name: worker-pool-{i:D3}", StringComparison.Ordinal)
                .Replace("kubelet-config", $"kubelet-config-{i:D3}", StringComparison.Ordinal));
            return path;
        }).ToArray();
    }

    [Fact]
    public void A_slow_batch_on_a_terminal_shows_progress_on_stderr()
    {
        var files = Batch(30);

        var result = CliRunner.Run(["render", .. files, "--output", Path.Combine(_work, "out")], terminal: true, progressDelay: TimeSpan.Zero);

        Assert.True(result.ExitCode == 0, result.Stderr);
        // A live display hid the cursor and named the phase it saw first (the work may be past reading by then).
        Assert.Contains(HideCursor, result.Stderr, StringComparison.Ordinal);
        Assert.Matches("reading 30 inputs|rendering 30 objects|writing 30 objects", result.Stderr);
        Assert.EndsWith($"osc: rendered 30 objects (300 files) into {Path.Combine(_work, "out")}; 0 warnings\n", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_batch_on_a_pipe_shows_no_progress()
    {
        var files = Batch(30);

        var result = CliRunner.Run(["render", .. files, "--output", Path.Combine(_work, "out")], terminal: false, progressDelay: TimeSpan.Zero);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal($"osc: rendered 30 objects (300 files) into {Path.Combine(_work, "out")}; 0 warnings\n", result.Stderr);
    }

    [Fact]
    public void A_quick_batch_on_a_terminal_shows_no_progress()
    {
        var result = CliRunner.Run(["validate", Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml")], terminal: true);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("reading", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(HideCursor, result.Stderr, StringComparison.Ordinal);
    }
}
