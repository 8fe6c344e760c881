// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using System.Text;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// Every bundled example through the CLI, as a newcomer runs it: the exit code, what osc prints on
/// stderr and the whole rendered tree (every path, its mode and its bytes) against a golden file.
/// The case table must name every file in examples/, so a new example cannot go untested.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExampleGoldenTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"osc-examples-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    /// <summary>Case name, the example files rendered together, extra CLI options.</summary>
    public static TheoryData<string, string[], string[]> Cases => new()
    {
        { "reconcile-gardenlinux", ["reconcile-gardenlinux.yaml"], [] },
        { "reconcile-gardenlinux-node-settings", ["reconcile-gardenlinux.yaml", "node-settings.yaml"], [] },
        { "provision-ubuntu", ["provision-ubuntu.yaml"], [] },
        { "provision-ubuntu-gzip", ["provision-ubuntu.yaml"], ["--compress", "gzip"] },
        { "provision-gardenlinux", ["provision-gardenlinux.yaml"], [] },
        { "provision-flatcar", ["provision-flatcar.yaml"], [] },
        { "invalid-reconcile", ["invalid-reconcile.yaml"], [] },
    };

    [Fact]
    public void Every_example_has_a_case()
    {
        var covered = Cases.SelectMany(row => (string[])row[1]).ToHashSet(StringComparer.Ordinal);
        var examples = Directory.GetFiles(RepoPaths.Examples).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, example => Assert.True(covered.Contains(example!), $"examples/{example} has no case in {nameof(ExampleGoldenTests)}"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Example_renders_as_its_golden_tree(string name, string[] examples, string[] options)
    {
        var arguments = new List<string> { "render" };
        arguments.AddRange(examples.Select(example => Path.Combine(RepoPaths.Examples, example)));
        arguments.AddRange(["--output", _out]);
        arguments.AddRange(options);

        var result = CliRunner.Run([.. arguments]);

        var text = new StringBuilder()
            .Append("$ osc render ").Append(string.Join(' ', examples.Select(e => "examples/" + e))).Append(" --output OUT")
            .Append(options.Length == 0 ? "" : " " + string.Join(' ', options)).Append('\n')
            .Append("exit ").Append(result.ExitCode).Append('\n')
            .Append("-- stderr\n").Append(Normalise(result.Stderr))
            .Append("-- tree\n").Append(Directory.Exists(_out) ? Tree(_out) : "(nothing written)\n");
        Golden.Verify(text.ToString(), "OscCli.Tests", "examples/" + name, "txt");
        Assert.Empty(result.Stdout);
        if (result.ExitCode != 0)
        {
            Assert.False(Directory.Exists(_out), "a failed render must leave no output behind");
        }
    }

    private string Normalise(string stderr) =>
        stderr.Replace(RepoPaths.Root + "/", "", StringComparison.Ordinal).Replace(_out, "OUT", StringComparison.Ordinal);

    /// <summary>
    /// The whole tree as text: mode and path, then the content of each file; content that is not
    /// UTF-8 text (gzip user-data) as its size, SHA-256 and base64.
    /// </summary>
    internal static string Tree(string root)
    {
        var text = new StringBuilder();
        foreach (var path in Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path);
            var mode = Convert.ToString((int)File.GetUnixFileMode(path), 8);
            if (Directory.Exists(path))
            {
                text.Append($"== {mode} {relative}/\n");
                continue;
            }
            var bytes = File.ReadAllBytes(path);
            text.Append($"== {mode} {relative}\n");
            if (IsText(bytes))
            {
                text.Append(Encoding.UTF8.GetString(bytes)).Append(bytes is [] or [.., (byte)'\n'] ? "" : "\n(no newline at end)\n");
            }
            else
            {
                text.Append($"(binary, {bytes.Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(bytes))})\n")
                    .Append(Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks).ReplaceLineEndings("\n")).Append('\n');
            }
        }
        return text.ToString();
    }

    private static bool IsText(byte[] bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return false;
        }
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
