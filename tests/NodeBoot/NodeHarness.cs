// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using Osc.TestUtil;

namespace Osc.NodeBoot.Tests;

/// <summary>
/// Drives <c>tests/NodeBoot/nodeboot.sh</c>: boots one Debian 12 node in systemd-nspawn with the
/// given user-data and reads back what the harness collected. One node at a time (the collection
/// runs serially); the script bounds every wait and removes the node's processes and cgroups.
/// </summary>
internal static class NodeHarness
{
    public static string Script => Path.Combine(RepoPaths.Root, "tests", "NodeBoot", "nodeboot.sh");

    private static readonly Lazy<string?> HostProblem = new(() =>
    {
        var check = ExternalTool.Run("/bin/bash", [Script, "check"], timeoutSeconds: 60);
        return check.ExitCode == 0 ? null : (check.Stdout + check.Stderr).Trim();
    });

    /// <summary>Whether this host can boot a node (root, the tools, a writable cgroup hierarchy).</summary>
    public static bool HostCanBoot => HostProblem.Value is null;

    /// <summary>
    /// Skips with the reason when this host cannot boot a node. In CI a root machine must be able
    /// to (.ci/run installs the tools), so there only "not root" skips.
    /// </summary>
    public static void SkipUnlessHostCanBoot()
    {
        var problem = HostProblem.Value;
        if (problem is null)
        {
            return;
        }
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (ci && !problem.StartsWith("not root", StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"node-boot tests are required in CI, but this host cannot boot a node: {problem}");
        }
        Skip.If(true, $"node not booted: {problem}");
    }

    /// <summary>Boots a node; the returned state's folder is deleted when it is disposed.</summary>
    public static NodeState Boot(string instanceId, byte[] userData, string? rootfs = null, IEnumerable<string>? units = null, string? exec = null, int timeoutSeconds = 150)
    {
        // A node's root on tmpfs unpacks and deletes in a fraction of the time a busy disk takes (about 450 MB).
        var work = Directory.Exists("/dev/shm") ? Directory.CreateDirectory(Path.Combine("/dev/shm", $"osc-nodeboot-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("osc-nodeboot-").FullName;
        var state = new NodeState(work);
        try
        {
            var userDataPath = Path.Combine(work, "user-data");
            File.WriteAllBytes(userDataPath, userData);
            var arguments = new List<string> { Script, "boot", Path.Combine(work, "node"), "--user-data", userDataPath, "--instance-id", instanceId,
                "--timeout", timeoutSeconds.ToString(CultureInfo.InvariantCulture) };
            if (rootfs is not null)
            {
                arguments.AddRange(["--rootfs", rootfs]);
            }
            if (units is not null)
            {
                var unitsPath = Path.Combine(work, "units");
                File.WriteAllLines(unitsPath, units);
                arguments.AddRange(["--units", unitsPath]);
            }
            if (exec is not null)
            {
                var execPath = Path.Combine(work, "exec.sh");
                File.WriteAllText(execPath, exec);
                arguments.AddRange(["--exec", execPath]);
            }
            // The script's own timeout ends the boot first; this one only catches a hung harness.
            var run = ExternalTool.Run("/bin/bash", arguments, timeoutSeconds: timeoutSeconds + 900);
            state.HarnessOutput = run.Stderr;
            Assert.True(run.ExitCode == 0, $"the node-boot harness failed (exit {run.ExitCode}):\n{run.Stderr}\n{state.Tail("journal", 60)}");
            return state;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }
}

/// <summary>What the harness collected from one node (see nodeboot.sh for the files).</summary>
internal sealed class NodeState(string work) : IDisposable
{
    public string Root => Path.Combine(work, "node", "root");

    public string StateDirectory => Path.Combine(work, "node", "state");

    public string HarnessOutput { get; set; } = "";

    public string Read(string name) => File.Exists(Path.Combine(StateDirectory, name)) ? File.ReadAllText(Path.Combine(StateDirectory, name)) : "";

    public string Tail(string name, int lines) => string.Join('\n', Read(name).Split('\n').TakeLast(lines));

    public double BootSeconds => double.Parse(Read("boot-seconds").Trim(), CultureInfo.InvariantCulture);

    public double TotalSeconds => double.Parse(Read("total-seconds").Trim(), CultureInfo.InvariantCulture);

    /// <summary>Paths the node created or modified (relative to /, without the leading slash).</summary>
    public IReadOnlyDictionary<string, ChangedPath> Changed => Read("changed").Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(ChangedPath.Parse).ToDictionary(c => c.Path, StringComparer.Ordinal);

    public IReadOnlyList<string> Deleted => Read("deleted").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Failed units as "name" (from systemctl list-units --failed).</summary>
    public IReadOnlyList<string> FailedUnits => Read("failed-units").Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToList();

    /// <summary>systemctl show's properties for each unit given to the harness.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Units
    {
        get
        {
            var units = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var block in Read("units").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var properties = block.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                if (properties.TryGetValue("Id", out var id))
                {
                    units[id] = properties;
                }
            }
            return units;
        }
    }

    public byte[] ReadNodeFile(string nodePath) => File.ReadAllBytes(Path.Combine(Root, nodePath.TrimStart('/')));

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            // The node's files are root's; rm copes with anything a node leaves (sockets, odd modes).
            ExternalTool.Run("/bin/rm", ["-rf", "--one-file-system", work], timeoutSeconds: 120);
        }
    }
}

/// <summary>One line of the harness's "changed" list: type, octal mode, uid:gid, path.</summary>
internal sealed record ChangedPath(char Type, uint Mode, string Owner, string Path)
{
    public static ChangedPath Parse(string line)
    {
        var parts = line.Split(' ', 4);
        return new ChangedPath(parts[0][0], Convert.ToUInt32(parts[1], 8), parts[2], parts[3]);
    }
}
