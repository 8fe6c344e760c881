// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using System.Text;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// Inputs as they exist around Gardener, through the CLI: what kubectl prints (a v1 List, YAML and
/// JSON), the Secret gardener-node-agent reads (upstream's osc.yaml fixture), directories as
/// kubectl apply -f reads them, --os-config, and the usage rules for options and stdin.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InputCommandTests : IDisposable
{
    private static readonly string Inputs = Path.Combine(RepoPaths.Root, "tests", "OscCli.Tests", "Inputs");

    private readonly string _work = Directory.CreateTempSubdirectory("osc-inputs-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Out(string name) => Path.Combine(_work, "out-" + name);

    [Theory]
    [InlineData("kubectl-get-osc.yaml")]
    [InlineData("kubectl-get-osc.json")]
    public void What_kubectl_get_osc_prints_validates_from_stdin(string file)
    {
        // kubectl get osc -A -o yaml | osc validate -
        var result = CliRunner.Run(["validate", "-"], File.ReadAllText(Path.Combine(Inputs, file)));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("osc: 0 errors, 0 warnings in 2 documents from 1 input\n", result.Stderr);
    }

    [Fact]
    public void A_List_in_YAML_and_in_JSON_renders_the_same_tree_as_its_items_would()
    {
        var yaml = CliRunner.Run(["render", Path.Combine(Inputs, "kubectl-get-osc.yaml"), "--output", Out("yaml")]);
        var json = CliRunner.Run(["render", "-", "--output", Out("json")], File.ReadAllText(Path.Combine(Inputs, "kubectl-get-osc.json")));

        Assert.True(yaml.ExitCode == 0, yaml.Stderr);
        Assert.True(json.ExitCode == 0, json.Stderr);
        var tree = ExampleGoldenTests.Tree(Out("yaml"));
        Assert.Equal(tree, ExampleGoldenTests.Tree(Out("json")));
        Assert.Contains("shoot--dev--demo/worker-a-3f1c7b2e-original/rootfs/var/lib/kubelet/config/kubelet\n", tree, StringComparison.Ordinal);
        Assert.Contains("shoot--dev--demo/worker-a-3f1c7b2e-init/user-data\n", tree, StringComparison.Ordinal);
    }

    /// <summary>The Secret gardenlet writes for gardener-node-agent, around upstream's osc.yaml (secrets_test.go).</summary>
    private static (string Secret, byte[] OscYaml) NodeAgentSecret(Func<string, string>? edit = null, string? checksum = null)
    {
        var shared = RepoPaths.SharedOrSkip("gardener-node-agent's osc.yaml fixture");
        var oscYaml = File.ReadAllBytes(Path.Combine(shared, "upstream", "gardener", "testdata", "nodeagent-secret", "osc.yaml.expected"));
        if (edit is not null)
        {
            oscYaml = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(oscYaml)));
        }
        checksum ??= Convert.ToHexStringLower(SHA256.HashData(oscYaml));
        var secret = $"""
            apiVersion: v1
            data:
              osc.yaml: {Convert.ToBase64String(oscYaml)}
            kind: Secret
            metadata:
              annotations:
                checksum/data-script: {checksum}
              labels:
                gardener.cloud/role: operating-system-config
                worker.gardener.cloud/pool: worker-a
              name: gardener-node-agent-worker-a-3f1c7b2e
              namespace: kube-system
            type: Opaque

            """;
        return (secret, oscYaml);
    }

    [SkippableFact]
    public void The_node_agent_Secret_is_read_as_its_OperatingSystemConfig_with_findings_in_the_decoded_text()
    {
        var (secret, oscYaml) = NodeAgentSecret();
        // gardenlet's checksum/data-script is the SHA-256 of osc.yaml; upstream's test asserts this value for this fixture.
        Assert.Equal("e92163ba634e290c2e13de35a778007114e201e168c0a27149d05ab5592e4d36", Convert.ToHexStringLower(SHA256.HashData(oscYaml)));
        var path = Path.Combine(_work, "input.yaml");
        File.WriteAllText(path, secret);

        var text = CliRunner.Run(["validate", path]);
        var json = CliRunner.Run(["validate", path, "--format", "json"]);

        // The fixture's status file has no content, which Gardener's validation refuses (upstream's test object
        // never went through it); node-agent's empty metadata, type and purpose are no findings.
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("--> input.yaml: Secret kube-system/gardener-node-agent-worker-a-3f1c7b2e data[osc.yaml]:23:14\n", Normalise(text.Stderr), StringComparison.Ordinal);
        var golden = new StringBuilder()
            .Append("$ osc validate input.yaml\nexit ").Append(text.ExitCode).Append('\n').Append(Normalise(text.Stderr))
            .Append("$ osc validate input.yaml --format json\n").Append(Normalise(json.Stderr));
        Golden.Verify(golden.ToString(), "OscCli.Tests", "inputs/node-agent-secret-fixture", "txt");
    }

    [SkippableFact]
    public void The_node_agent_Secret_renders_the_node_view_named_after_the_Secret()
    {
        // Without the content-less status file, the fixture is what node-agent applies: /some/path holds "bar" (YmFy).
        var (secret, _) = NodeAgentSecret(text => text.Replace("  extensionFiles:\n  - content: {}\n    path: /some/other/path\n", "", StringComparison.Ordinal));
        var result = CliRunner.Run(["render", "-", "--output", Out("agent")], secret);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var file = Path.Combine(Out("agent"), "kube-system", "gardener-node-agent-worker-a-3f1c7b2e", "rootfs", "some", "path");
        Assert.Equal("bar", File.ReadAllText(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [SkippableFact]
    public void A_node_agent_Secret_with_a_stale_checksum_gets_a_warning_and_strict_refuses_it()
    {
        var (secret, oscYaml) = NodeAgentSecret(
            text => text.Replace("  extensionFiles:\n  - content: {}\n    path: /some/other/path\n", "", StringComparison.Ordinal),
            checksum: "e92163ba634e290c2e13de35a778007114e201e168c0a27149d05ab5592e4d36");

        var lenient = CliRunner.Run(["validate", "-"], secret);
        var strict = CliRunner.Run(["validate", "--strict", "-"], secret);

        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("warning[OSC1262] $.metadata.annotations['checksum/data-script']", lenient.Stderr, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(oscYaml)), lenient.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
    }

    [Fact]
    public void A_directory_reads_its_json_yaml_and_yml_files_in_ordinal_name_order_and_not_its_subdirectories()
    {
        var dir = Path.Combine(_work, "manifests");
        Directory.CreateDirectory(Path.Combine(dir, "nested"));
        const string osc = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: ns}\nspec: {type: ubuntu, purpose: reconcile}\n";
        // Ordinal order reads B.yaml before a.yml (a culture-aware order would not): the second one holds the duplicate.
        File.WriteAllText(Path.Combine(dir, "a.yml"), osc);
        File.WriteAllText(Path.Combine(dir, "B.yaml"), osc);
        File.WriteAllText(Path.Combine(dir, "c.json"), """{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "ns"}}""");
        // None of these is read: another ending (kubectl matches it exactly), or below a subdirectory.
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not: [yaml");
        File.WriteAllText(Path.Combine(dir, "d.YAML"), "not: [yaml");
        File.WriteAllText(Path.Combine(dir, "nested", "e.yaml"), "not: [yaml");

        var result = CliRunner.Run(["validate", dir]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"is also defined in {Path.Combine(dir, "B.yaml")}\n  --> {Path.Combine(dir, "a.yml")}:3:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("osc: 1 error, 0 warnings in 3 documents from 1 input", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_manifests_is_reported()
    {
        var dir = Path.Combine(_work, "empty");
        Directory.CreateDirectory(dir);

        var result = CliRunner.Run(["validate", dir]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error[OSC1002]: the directory {dir} holds no *.json, *.yaml or *.yml file", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "validate", "-", "-" }, 2)]
    [InlineData(new[] { "validate", "-", "--os-config", "-" }, 2)]
    [InlineData(new[] { "render", "-", "x.yaml", "-", "-", "--output", "o" }, 3)]
    public void Stdin_can_be_named_once(string[] args, int times)
    {
        var result = CliRunner.Run(args, "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"osc: '-' (stdin) is given {times} times; stdin can be read once\nRun 'osc --help' for usage.\n", result.Stderr);
    }

    [Theory]
    [InlineData(new[] { "validate", "--frmat", "json", "x.yaml" }, "--frmat", "--format")]
    [InlineData(new[] { "validate", "x.yaml", "--frmat=json" }, "--frmat", "--format")]
    [InlineData(new[] { "validate", "--os-confg", "x.yaml" }, "--os-confg", "--os-config")]
    [InlineData(new[] { "validate", "--strikt", "x.yaml" }, "--strikt", "--strict")]
    [InlineData(new[] { "render", "x.yaml", "--output", "o", "--outptu", "p" }, "--outptu", "--output")]
    [InlineData(new[] { "render", "x.yaml", "--output", "o", "--kubernetes", "1.35.2" }, "--kubernetes", "--kubernetes-version")]
    [InlineData(new[] { "schema", "--lst" }, "--lst", "--list")]
    public void An_unknown_option_is_a_usage_error_naming_the_closest_real_one(string[] args, string unknown, string closest)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"osc: unknown option '{unknown}'; did you mean '{closest}'? (a file whose name starts with '-' is given as ./", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot read", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_without_a_close_one_is_named_alone()
    {
        var result = CliRunner.Run(["validate", "--quux", "x.yaml"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("osc: unknown option '--quux' (a file whose name starts with '-' is given as ./--quux or after --)\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_double_dash_or_with_a_path_an_argument_starting_with_a_dash_is_a_file()
    {
        var afterDoubleDash = CliRunner.Run(["validate", "--", "-no-such-file.yaml"]);
        var path = Path.Combine(_work, "-dashed.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\n");
        var withPath = CliRunner.Run(["validate", path]);

        Assert.Equal(1, afterDoubleDash.ExitCode);
        Assert.Contains("error[OSC1010]: cannot read -no-such-file.yaml", afterDoubleDash.Stderr, StringComparison.Ordinal);
        Assert.True(withPath.ExitCode == 0, withPath.Stderr);
    }

    [Fact]
    public void Os_config_is_the_same_as_naming_the_file_among_the_inputs()
    {
        var config = Path.Combine(_work, "ubuntu-extension.yaml");
        File.WriteAllText(config, """
            apiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1
            kind: ExtensionConfig
            disableUnattendedUpgrades: true
            apt:
              primary:
              - arches: [default]
                uri: http://mirror.demo.internal/ubuntu

            """);
        var example = Path.Combine(RepoPaths.Examples, "provision-ubuntu.yaml");

        var withOption = CliRunner.Run(["render", example, "--os-config", config, "--output", Out("option")]);
        var asInput = CliRunner.Run(["render", example, config, "--output", Out("input")]);
        var without = CliRunner.Run(["render", example, "--output", Out("without")]);
        var validateOnly = CliRunner.Run(["validate", "--os-config", config]);

        Assert.True(withOption.ExitCode == 0, withOption.Stderr);
        Assert.Equal(ExampleGoldenTests.Tree(Out("input")), ExampleGoldenTests.Tree(Out("option")));
        Assert.NotEqual(ExampleGoldenTests.Tree(Out("without")), ExampleGoldenTests.Tree(Out("option")));
        Assert.Contains("http://mirror.demo.internal/ubuntu", File.ReadAllText(Path.Combine(Out("option"), "shoot--dev--demo", "worker-pool-a-init", "user-data")), StringComparison.Ordinal);
        Assert.True(validateOnly.ExitCode == 0, validateOnly.Stderr);
        Assert.Contains("in 1 document from 1 input", validateOnly.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_input_at_all_is_a_usage_error()
    {
        var result = CliRunner.Run(["validate"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("osc validate: no input; name one or more FILEs", result.Stderr, StringComparison.Ordinal);
    }

    private string Normalise(string stderr) => stderr.Replace(_work + "/", "", StringComparison.Ordinal);
}
