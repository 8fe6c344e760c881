// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Loading;
using Osc.TestUtil;

namespace Osc.Renderers.Tests;

/// <summary>
/// The benchmark inputs (bench/inputs) compile cleanly for every OS family the benchmarks swap in,
/// so the suite measures the happy path; no timing here (that is bench/'s job).
/// </summary>
public sealed class BenchmarkInputTests
{
    private static readonly RenderOptions Options = new() { KubernetesVersion = new Version(1, 33, 4) };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var input in new[] { "reconcile-rich", "provision-node-init" })
        {
            foreach (var os in new[] { "ubuntu", "gardenlinux", "suse-chost", "coreos" })
            {
                data.Add(input, os);
            }
        }
        return data;
    }

    private static RenderResult Compile(string input, string os)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "bench", "inputs", input + ".yaml"))
            .Replace("\n  type: gardenlinux\n", "\n  type: " + os + "\n", StringComparison.Ordinal);
        return OscRenderer.Render(OscLoader.Load([new InputFile(input + ".yaml", Encoding.UTF8.GetBytes(text))]), Options);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Input_renders_without_findings_and_the_same_twice(string input, string os)
    {
        var first = Compile(input, os);
        var second = Compile(input, os);

        Assert.Empty(first.Report.Items.Select(d => d.Code + " " + d.Message));
        var rendered = Assert.Single(first.Objects);
        if (input == "reconcile-rich")
        {
            // 30 files and 16 units in, six registries: config.toml and one hosts.toml per upstream
            Assert.Contains(rendered.Rootfs, a => a.Path == "/etc/containerd/config.toml");
            Assert.Equal(6, rendered.Rootfs.Count(a => a.Path.StartsWith("/etc/containerd/certs.d/", StringComparison.Ordinal) && a.Path.EndsWith("/hosts.toml", StringComparison.Ordinal)));
            Assert.True(rendered.Rootfs.Count >= 46, $"{rendered.Rootfs.Count} rootfs files");
        }
        else
        {
            Assert.Contains("/var/lib/gardener-node-agent/init.sh", rendered.UserData, StringComparison.Ordinal);
        }
        // A second render in the same process is byte-identical (shared parsed defaults are never patched in place).
        var again = Assert.Single(second.Objects);
        Assert.Equal(rendered.UserData, again.UserData);
        Assert.Equal(rendered.Rootfs.Select(a => (a.Path, Encoding.UTF8.GetString(a.Content))), again.Rootfs.Select(a => (a.Path, Encoding.UTF8.GetString(a.Content))));
    }
}
