// SPDX-License-Identifier: Apache-2.0
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>Tests that run `dotnet pack`/`dotnet publish` on src/: one at a time, since they share obj/Release.</summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuildCollection
{
    public const string Name = "dotnet builds of src";
}

/// <summary>
/// The NativeAOT build of osc: it publishes with no trim or AOT warning, and on every bundled example
/// it answers exactly as the JIT build does (exit code, diagnostics, the whole rendered tree, and
/// osc check's drifts).
/// </summary>
[Collection(DotnetBuildCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AotPublishTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("osc-aot-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Native_binary_publishes_without_warnings_and_answers_as_the_jit_build_does()
    {
        ExternalTool.FindOrSkip("dotnet", "publishing the NativeAOT binary");
        // Published once per run for every test process that needs it (the node proofs run it on a node).
        var build = NativeOsc.Get();

        Assert.True(build.ExitCode == 0, build.Output);
        var warnings = build.Output.Split('\n').Where(line => line.Contains(": warning IL", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, "trim/AOT warnings:\n" + string.Join('\n', warnings));
        var binary = build.Binary;
        Assert.True(File.Exists(binary), "no osc binary at " + binary);

        var version = ExternalTool.Run(binary, ["--version"]);
        Assert.Equal(CliRunner.Run(["--version"]).Stdout, version.Stdout);
        var schema = ExternalTool.Run(binary, ["schema", "operatingsystemconfig"]);
        Assert.Equal(CliRunner.Run(["schema", "operatingsystemconfig"]).Stdout, schema.Stdout);
        // The combined schema is derived at run time (System.Text.Json nodes): the native binary must derive the same bytes.
        var combined = ExternalTool.Run(binary, ["schema"]);
        Assert.Equal(CliRunner.Run(["schema"]).Stdout, combined.Stdout);
        // Lists and the node-agent Secret are read the same way too.
        var list = ExternalTool.Run(binary, ["validate", Path.Combine(RepoPaths.Root, "tests", "OscCli.Tests", "BadInputs", "kubectl-list-yaml.yaml")]);
        Assert.Equal(CliRunner.Run(["validate", Path.Combine(RepoPaths.Root, "tests", "OscCli.Tests", "BadInputs", "kubectl-list-yaml.yaml")]).Stderr, list.Stderr);

        // osc check reads the node root through its own system calls (openat, statx, getdents64): the same drifts, natively.
        var checkInput = Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml");
        var rendered = Path.Combine(_work, "check-render");
        Assert.Equal(0, CliRunner.Run(["render", checkInput, "--output", rendered]).ExitCode);
        var root = Directory.GetDirectories(Directory.GetDirectories(rendered).Single()).Single() + "/rootfs";
        File.AppendAllText(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First(), "changed\n");
        var nativeCheck = ExternalTool.Run(binary, ["check", checkInput, "--root", root, "--format", "json"]);
        var jitCheck = CliRunner.Run(["check", checkInput, "--root", root, "--format", "json"]);
        Assert.Equal((1, jitCheck.Stdout, jitCheck.Stderr), (nativeCheck.ExitCode, nativeCheck.Stdout, nativeCheck.Stderr));
        Assert.Contains("\"drift\":\"content\"", nativeCheck.Stdout, StringComparison.Ordinal);

        foreach (var row in ExampleGoldenTests.Cases)
        {
            var (name, examples, options) = ((string)row[0], (string[])row[1], (string[])row[2]);
            var native = Render(binary, examples, options, Path.Combine(_work, name + "-native"));
            var jit = Render(null, examples, options, Path.Combine(_work, name + "-jit"));
            Assert.Equal(jit, native);
        }
    }

    /// <summary>Exit code, stderr and tree of one render, by the native binary or (null) in-process.</summary>
    private static (int ExitCode, string Stderr, string Tree) Render(string? binary, string[] examples, string[] options, string output)
    {
        string[] arguments = ["render", .. examples.Select(e => Path.Combine(RepoPaths.Examples, e)), "--output", output, .. options];
        var (exitCode, stderr) = binary is null ? Answer(CliRunner.Run(arguments)) : Answer(ExternalTool.Run(binary, arguments));
        return (exitCode, stderr.Replace(output, "OUT", StringComparison.Ordinal),
            Directory.Exists(output) ? ExampleGoldenTests.Tree(output) : "(nothing written)");
    }

    private static (int, string) Answer(CliRunner.Result result) => (result.ExitCode, result.Stderr);

    private static (int, string) Answer(ExternalTool.Result result) => (result.ExitCode, result.Stderr);
}
