// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.Json;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// What a user sees for broken input: each file in BadInputs/ is rendered (render checks
/// everything validate does, and Secret references too), and the text diagnostics, the JSON lines
/// and the exit code are compared with a golden file. Every run must exit 1 and write nothing.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BadInputGoldenTests : IDisposable
{
    private static readonly string BadInputs = Path.Combine(RepoPaths.Root, "tests", "OscCli.Tests", "BadInputs");

    private readonly string _out = Path.Combine(Path.GetTempPath(), $"osc-bad-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(BadInputs).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Bad_input_is_reported_with_positions_and_nothing_is_written(string file)
    {
        var path = Path.Combine(BadInputs, file);

        var text = CliRunner.Run(["render", path, "--output", _out]);
        var json = CliRunner.Run(["render", path, "--output", _out, "--format", "json"]);

        Assert.Equal(1, text.ExitCode);
        Assert.Equal(1, json.ExitCode);
        Assert.False(Directory.Exists(_out), "nothing may be written for bad input");
        var lines = json.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var diagnostic = JsonDocument.Parse(line);
            var code = diagnostic.RootElement.GetProperty("code").GetString();
            Assert.Matches("^OSC[0-9]{4}$", code);
            Assert.True(diagnostic.RootElement.GetProperty("line").GetInt32() >= 1, line);
            Assert.True(diagnostic.RootElement.GetProperty("column").GetInt32() >= 1, line);
        }
        var relative = "tests/OscCli.Tests/BadInputs/" + file;
        var golden = new StringBuilder()
            .Append("$ osc render ").Append(relative).Append(" --output OUT\n")
            .Append("exit ").Append(text.ExitCode).Append('\n')
            .Append(Normalise(text.Stderr))
            .Append("$ osc render ").Append(relative).Append(" --output OUT --format json\n")
            .Append(Normalise(json.Stderr));
        Golden.Verify(golden.ToString(), "OscCli.Tests", "bad-inputs/" + Path.GetFileNameWithoutExtension(file), "txt");
    }

    private static string Normalise(string stderr) => stderr.Replace(RepoPaths.Root + "/", "", StringComparison.Ordinal);
}
