// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

public sealed class ValidateCommandTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Examples, name);

    [Fact]
    public void Valid_examples_exit_zero_without_diagnostics()
    {
        foreach (var example in new[] { "reconcile-gardenlinux.yaml", "provision-ubuntu.yaml" })
        {
            var result = CliRunner.Run(["validate", Example(example)]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Contains("osc: 0 errors, 0 warnings", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Invalid_example_prints_located_diagnostics_and_exits_one()
    {
        var result = CliRunner.Run(["validate", Example("invalid-reconcile.yaml")]);

        Assert.Equal(1, result.ExitCode);
        var text = result.Stderr.Replace(RepoPaths.Root + "/", "", StringComparison.Ordinal);
        Golden.Verify(text, "OscCli.Tests", "invalid-reconcile.text", "txt");
    }

    [Fact]
    public void Json_format_prints_one_object_per_diagnostic()
    {
        var result = CliRunner.Run(["validate", "--format", "json", Example("invalid-reconcile.yaml")]);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            foreach (var key in new[] { "code", "severity", "path", "file", "line", "column", "message", "hint" })
            {
                Assert.True(root.TryGetProperty(key, out _), $"missing {key} in {line}");
            }
        }
        Assert.Contains(lines, l => l.Contains("\"code\":\"OSC1213\"", StringComparison.Ordinal) && l.Contains("\"line\":17", StringComparison.Ordinal));
    }

    [Fact]
    public void Strict_turns_warnings_into_errors()
    {
        const string yaml = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a}\nspec: {type: ubuntu, purpose: reconcile}\n";

        var lenient = CliRunner.Run(["validate", "-"], yaml);
        var strict = CliRunner.Run(["validate", "--strict", "-"], yaml);

        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("warning[OSC1202]", lenient.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("error[OSC1202]", strict.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_is_named_in_diagnostics()
    {
        var result = CliRunner.Run(["validate", "-"], "apiVersion: v1\nkind: ConfigMap\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--> <stdin>:2:7", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("OSC1009", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_reported_not_thrown()
    {
        var result = CliRunner.Run(["validate", "/nonexistent/osc.yaml"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[OSC1010]", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_file_is_reported()
    {
        var path = Path.Combine(Path.GetTempPath(), $"osc-huge-{Guid.NewGuid():N}.yaml");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.SetLength(65L * 1024 * 1024);
            }
            var result = CliRunner.Run(["validate", path]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("error[OSC1004]", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Colour_only_on_a_terminal_and_never_with_NO_COLOR()
    {
        var input = "apiVersion: v1\nkind: ConfigMap\n";
        Assert.Contains("\u001b[", CliRunner.Run(["validate", "-"], input, terminal: true).Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", CliRunner.Run(["validate", "-"], input, terminal: false).Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", CliRunner.Run(["validate", "-"], input, terminal: true, new() { ["NO_COLOR"] = "1" }).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_and_help_answer_and_exit_zero()
    {
        var version = CliRunner.Run(["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.1.0", version.Stdout, StringComparison.Ordinal);
        var help = CliRunner.Run(["--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("validate", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("render", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("schema", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 valid", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("osc render examples/provision-ubuntu.yaml --output out", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_two()
    {
        Assert.Equal(2, CliRunner.Run(["validate"]).ExitCode);
        Assert.Equal(2, CliRunner.Run(["render", "--output", "o"]).ExitCode);
        Assert.Equal(2, CliRunner.Run(["validate", "--format", "xml", "x.yaml"]).ExitCode);
        Assert.Equal(2, CliRunner.Run(["frobnicate"]).ExitCode);
    }

    [Fact]
    public void Schema_prints_the_combined_schema_one_document_schema_or_their_names()
    {
        var combined = CliRunner.Run(["schema"]);
        Assert.Equal(0, combined.ExitCode);
        Assert.Contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\"", combined.Stdout, StringComparison.Ordinal);
        Assert.Equal(combined.Stdout, CliRunner.Run(["schema", "manifest"]).Stdout);

        var list = CliRunner.Run(["schema", "--list"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["manifest", "coreos-extensionconfig", "memoryone-chost", "memoryone-gardenlinux", "operatingsystemconfig", "osc-nodeconfig", "ubuntu-extensionconfig"],
            list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var schema = CliRunner.Run(["schema", "operatingsystemconfig"]);
        Assert.Equal(0, schema.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "operatingsystemconfig.schema.json")), schema.Stdout);
        Assert.Equal(schema.Stdout, CliRunner.Run(["schema", "operatingsystemconfig.schema.json"]).Stdout);

        Assert.Equal(2, CliRunner.Run(["schema", "nope"]).ExitCode);
        Assert.Equal(2, CliRunner.Run(["schema", "kubernetes/secret"]).ExitCode);
        Assert.Equal(2, CliRunner.Run(["schema", "--list", "operatingsystemconfig"]).ExitCode);
    }

    [Fact]
    public void Binary_garbage_gets_a_diagnostic_not_a_crash()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        var path = Path.Combine(Path.GetTempPath(), $"osc-garbage-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, bytes);
        try
        {
            var result = CliRunner.Run(["validate", path]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("error[OSC1003]", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
