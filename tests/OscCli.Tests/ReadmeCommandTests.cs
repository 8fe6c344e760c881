// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// Every <c>dotnet run --project src/OscCli -- …</c> line of the README's shell blocks, run as written from a
/// directory that looks like the repository root (its <c>examples/</c> and <c>tests/</c>), with the built osc in
/// place of <c>dotnet run</c>'s build step, so the README cannot promise an exit code or a file the CLI does not give.
/// </summary>
public sealed partial class ReadmeCommandTests : IDisposable
{
    private const string Prefix = "dotnet run --project src/OscCli -- ";

    private readonly string workDir = Directory.CreateTempSubdirectory("osc-readme-").FullName;

    /// <summary>What each README command must do: its exit code and the files it must leave (relative to the root).</summary>
    private static readonly Dictionary<string, (int ExitCode, string[] Files)> Expectations = new()
    {
        ["validate examples/reconcile-gardenlinux.yaml"] = (0, []),
        ["render examples/reconcile-gardenlinux.yaml examples/node-settings.yaml --output out"] =
            (0, ["out/shoot--dev--demo/worker-pool-a-original/status.yaml", "out/shoot--dev--demo/worker-pool-a-original/rootfs/etc/containerd/config.toml"]),
        ["render examples/provision-ubuntu.yaml --output out   # out/shoot--dev--demo/worker-pool-a-init/user-data"] =
            (0, ["out/shoot--dev--demo/worker-pool-a-init/user-data"]),
        ["plan tests/OscCli.Tests/Plan/Inputs/reconcile-gardenlinux-next.yaml --last-applied examples/reconcile-gardenlinux.yaml"] = (0, []),
    };

    public ReadmeCommandTests()
    {
        Directory.CreateSymbolicLink(Path.Combine(workDir, "examples"), Path.Combine(RepoPaths.Root, "examples"));
        Directory.CreateSymbolicLink(Path.Combine(workDir, "tests"), Path.Combine(RepoPaths.Root, "tests"));
    }

    public void Dispose() => Directory.Delete(workDir, recursive: true);

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in ReadmeCommands())
        {
            data.Add(command);
        }
        return data;
    }

    [Fact]
    public void Every_readme_command_has_an_expectation_and_every_expectation_a_command()
    {
        Assert.Equal(Expectations.Keys.Order(StringComparer.Ordinal), ReadmeCommands().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Readme_command_does_what_the_readme_says(string command)
    {
        Assert.True(Expectations.TryGetValue(command, out var expected), "no expectation for the README command: " + command);

        // The shell reads the rest of the line as the README's reader's shell would (a trailing comment included).
        var result = OscProcess.Shell($"cd '{workDir}' && $OSC {command}");

        Assert.True(result.ExitCode == expected.ExitCode,
            $"`{command}` exited {result.ExitCode}, the README says {expected.ExitCode}\n{result.Stderr}");
        foreach (var file in expected.Files)
        {
            Assert.True(File.Exists(Path.Combine(workDir, file)), $"`{command}` did not write {file}");
        }
    }

    /// <summary>The README's CLI synopsis names exactly the options each command's --help lists.</summary>
    [Theory]
    [InlineData("validate")]
    [InlineData("render")]
    [InlineData("plan")]
    [InlineData("check")]
    [InlineData("schema")]
    public void Readme_synopsis_names_every_option_of_the_command(string command)
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var synopsis = Synopsis().Match(readme);
        Assert.True(synopsis.Success, "README.md has no CLI synopsis block starting with 'osc validate FILE...'");
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in synopsis.Value.Split('\n'))
        {
            var start = SynopsisCommand().Match(line);
            if (start.Success)
            {
                current = start.Groups["command"].Value;
            }
            if (current == command)
            {
                documented.UnionWith(OptionName().Matches(line.Split('#')[0]).Select(m => m.Value));
            }
        }

        var help = CliRunner.Run([command, "--help"]);
        Assert.Equal(0, help.ExitCode);
        var offered = new SortedSet<string>(
            help.Stdout.Split('\n').Select(l => HelpOption().Match(l)).Where(m => m.Success).Select(m => m.Groups["option"].Value),
            StringComparer.Ordinal);
        offered.Remove("--help");

        Assert.Equal(offered, documented);
    }

    [GeneratedRegex("^osc validate FILE.*?(?=\n```)", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Synopsis();

    [GeneratedRegex("^osc (?<command>[a-z]+) ")]
    private static partial Regex SynopsisCommand();

    [GeneratedRegex("--[a-z][a-z-]*")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"^\s+(?:-\S+, )*(?<option>--[a-z][a-z-]*)")]
    private static partial Regex HelpOption();

    private static IEnumerable<string> ReadmeCommands()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        foreach (Match block in ShellBlock().Matches(readme))
        {
            foreach (var line in block.Groups["body"].Value.Split('\n'))
            {
                if (line.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    yield return line[Prefix.Length..];
                }
            }
        }
    }

    [GeneratedRegex("```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
