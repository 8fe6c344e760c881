// SPDX-License-Identifier: Apache-2.0
namespace Osc.Cli.Tests;

/// <summary>
/// SIGKILL at every point where a render moves objects into place (the output writer's test hook,
/// <c>OSC_TEST_KILL_AT_STEP</c>), against the real CLI process. Invariant: every object is whole,
/// old or new, never missing and never a mix, once the next run has repaired what the killed one
/// left; with RENAME_EXCHANGE it holds at the very instant of the kill too. The next run removes
/// every leftover.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutputKillTests : IDisposable
{
    private const int Killed = 128 + 9; // how a process ended by SIGKILL exits

    private readonly string _work = Directory.CreateTempSubdirectory("osc-kill-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string Osc(string name, string content) => $$$"""
        apiVersion: extensions.gardener.cloud/v1alpha1
        kind: OperatingSystemConfig
        metadata: {name: {{{name}}}, namespace: ns}
        spec:
          type: gardenlinux
          purpose: reconcile
          files:
          - path: /etc/osc-test/{{{name}}}
            content: {inline: {encoding: '', data: {{{content}}}}}
          - path: /etc/osc-test/second
            content: {inline: {encoding: '', data: {{{content}}}}}

        """;

    /// <summary>v1 renders a, b, c; v2 renders a, b, c changed, and d new (a place that was empty).</summary>
    private string Input(string version, params string[] names)
    {
        var path = Path.Combine(_work, version + ".yaml");
        File.WriteAllText(path, string.Join("---\n", names.Select(n => Osc(n, version))));
        return path;
    }

    [SkippableTheory]
    [InlineData(false, 5)] // RENAME_EXCHANGE: a, b, c swapped, d placed, one point after the last
    [InlineData(true, 8)] // fallback: a, b, c each moved aside then in, d placed, one point after the last
    public void A_kill_at_any_rename_leaves_each_object_old_or_new_and_the_next_run_cleans_up(bool noExchange, int expectedKillPoints)
    {
        var v1 = Input("v1", "a", "b", "c");
        var v2 = Input("v2", "a", "b", "c", "d");
        var other = Input("other", "z");
        var killPoints = 0;
        for (var step = 1; ; step++)
        {
            var output = Path.Combine(_work, $"out-{step}");
            Assert.Equal(0, OscProcess.Run(["render", v1, "--output", output]).ExitCode);
            var variables = new Dictionary<string, string> { [OutputTreeOptions.KillAtStepVariable] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (noExchange)
            {
                variables[OutputTreeOptions.NoExchangeVariable] = "1";
            }

            var run = OscProcess.Run(["render", v2, "--output", output], variables);

            if (run.ExitCode == 0)
            {
                break; // past the last kill point: the run completed
            }
            Assert.True(run.ExitCode == Killed, $"step {step}: exit {run.ExitCode}\n{run.Stderr}");
            killPoints++;
            if (!noExchange)
            {
                AssertOldOrNew(output, step, allowMissingNew: true);
            }
            // The next run (of another object) repairs and removes what the killed one left.
            Assert.Equal(0, OscProcess.Run(["render", other, "--output", output]).ExitCode);
            AssertOldOrNew(output, step, allowMissingNew: true);
            Assert.DoesNotContain(Directory.GetFileSystemEntries(output), e => Path.GetFileName(e).StartsWith(".osc-", StringComparison.Ordinal));
            // And a full run puts everything new in place.
            Assert.Equal(0, OscProcess.Run(["render", v2, "--output", output]).ExitCode);
            Assert.All(new[] { "a", "b", "c", "d" }, n => Assert.Equal("v2", Version(output, n)));
            Assert.Equal(["ns"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
        }
        Assert.Equal(expectedKillPoints, killPoints);
    }

    /// <summary>a, b, c are each wholly v1 or wholly v2; d is v2 or (not yet placed) absent.</summary>
    private static void AssertOldOrNew(string output, int step, bool allowMissingNew)
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            var version = Version(output, name);
            Assert.True(version is "v1" or "v2", $"kill at step {step}: ns/{name} is {version ?? "missing"}");
        }
        var d = Version(output, "d");
        Assert.True(d == "v2" || (allowMissingNew && d is null), $"kill at step {step}: ns/d is {d}");
    }

    /// <summary>The version an object folder holds, if it is whole (both files, same version, status.yaml); null when absent.</summary>
    private static string? Version(string output, string name)
    {
        var folder = Path.Combine(output, "ns", name);
        if (!Directory.Exists(folder))
        {
            return null;
        }
        var own = File.ReadAllText(Path.Combine(folder, "rootfs", "etc", "osc-test", name));
        var second = File.ReadAllText(Path.Combine(folder, "rootfs", "etc", "osc-test", "second"));
        Assert.True(File.Exists(Path.Combine(folder, "status.yaml")), $"ns/{name} has no status.yaml");
        Assert.Equal(own, second);
        return own;
    }
}
