// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.TestUtil;

namespace Osc.Cli.Tests.Plan;

/// <summary>
/// <c>osc plan</c> on the bundled example as a person runs it: its first reconcile, the next generation of it
/// (Plan/Inputs) against it as last applied, in text and in node-agent's YAML, the same object again, and an
/// update Gardener refuses. Exit code, stderr and stdout against a golden file (snapshots/OscCli.Tests/plan/).
/// </summary>
public sealed class PlanGoldenTests
{
    private const string Example = "examples/reconcile-gardenlinux.yaml";
    private const string Next = "tests/OscCli.Tests/Plan/Inputs/reconcile-gardenlinux-next.yaml";

    /// <summary>Case name and the arguments after <c>osc plan</c> (repository-relative paths).</summary>
    public static TheoryData<string, string[]> Cases => new()
    {
        { "first-reconcile", [Example] },
        { "update", [Next, "--last-applied", Example] },
        { "update-yaml", [Next, "--last-applied", Example, "--format", "yaml"] },
        { "unchanged", [Example, "--last-applied", Example] },
        { "update-refused", [Example, "--last-applied", Next, "--kubernetes-version", "1.35.2"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_prints_its_golden_output(string name, string[] arguments)
    {
        var args = arguments.Select(a => a.StartsWith("examples/", StringComparison.Ordinal) || a.StartsWith("tests/", StringComparison.Ordinal) ? Path.Combine(RepoPaths.Root, a) : a);
        var input = name == "update-refused" ? Refused() : null;
        try
        {
            if (input is not null)
            {
                args = args.Select(a => a == Path.Combine(RepoPaths.Root, Example) ? input : a);
            }
            var result = CliRunner.Run(["plan", .. args]);

            var text = new StringBuilder()
                .Append(input is null ? "" : $"# {Example} here is a copy with spec.type suse-chost\n")
                .Append("$ osc plan ").Append(string.Join(' ', arguments)).Append('\n')
                .Append("exit ").Append(result.ExitCode).Append('\n')
                .Append("-- stderr\n").Append(Normalise(result.Stderr, input))
                .Append("-- stdout\n").Append(Normalise(result.Stdout, input));
            Golden.Verify(text.ToString(), "OscCli.Tests", "plan/" + name, "txt");
            if (result.ExitCode != 0)
            {
                Assert.Empty(result.Stdout);
            }
        }
        finally
        {
            if (input is not null)
            {
                File.Delete(input);
            }
        }
    }

    /// <summary>The example with spec.type changed: an update gardener's validation refuses (spec.type is immutable).</summary>
    private static string Refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"osc-plan-refused-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(RepoPaths.Root, Example)).Replace("type: gardenlinux", "type: suse-chost", StringComparison.Ordinal));
        return path;
    }

    private static string Normalise(string text, string? input)
    {
        text = text.Replace(RepoPaths.Root + "/", "", StringComparison.Ordinal);
        return input is null ? text : text.Replace(input, Example, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_plan_escapes_input_values_for_the_terminal()
    {
        var dir = Directory.CreateTempSubdirectory("osc-plan-escape-");
        try
        {
            var path = Path.Combine(dir.FullName, "new.yaml");
            File.WriteAllText(path, OscJson.Doc(files: OscJson.A(OscJson.File("/etc/\u001b]0;owned\u0007motd", "x"))));

            var result = CliRunner.Run(["plan", path]);

            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain('\u001b', result.Stdout);
            Assert.DoesNotContain('\u0007', result.Stdout);
            Assert.Contains("/etc/", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
