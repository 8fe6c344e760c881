// SPDX-License-Identifier: Apache-2.0
using System.Text;
using System.Text.Json;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>Input as an attacker writes it, through the CLI: bounded reads, and messages that cannot drive the terminal.</summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("osc-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_endless_stdin_stops_at_the_size_limit_with_OSC1004()
    {
        var result = CliRunner.Run(["validate", "-"], new YesStream());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[OSC1004]: <stdin> has more than 67108864 bytes (reading stopped there)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("OSC9001", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_character_device_as_input_or_containerd_base_stops_at_the_size_limit()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "no /dev/zero on this system");
        var example = Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml");

        var validate = CliRunner.Run(["validate", "/dev/zero"]);
        var render = CliRunner.Run(["render", example, "--output", Path.Combine(_dir, "out"), "--containerd-base", "/dev/zero"]);

        Assert.Equal((1, 1), (validate.ExitCode, render.ExitCode));
        Assert.Contains("error[OSC1004]: /dev/zero has more than 67108864 bytes", validate.Stderr, StringComparison.Ordinal);
        Assert.Contains("error[OSC1004]: /dev/zero has more than 67108864 bytes", render.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Escape_sequences_in_values_are_shown_escaped_in_text_and_exact_in_json()
    {
        // A name that, printed raw, clears the screen and prints a green "all good" (YAML escapes, so the file itself is plain text).
        var path = Write("esc.yaml", Head + "metadata: {name: \"\\e[2J\\e[32mall good\\e[0m\\u202e\", namespace: ns}\nspec: {type: ubuntu, purpose: reconcile}\n");

        var text = CliRunner.Run(["validate", path]);
        var json = CliRunner.Run(["validate", "--format", "json", path]);

        Assert.Equal((1, 1), (text.ExitCode, json.ExitCode));
        Assert.DoesNotContain('\u001b', text.Stderr);
        Assert.DoesNotContain('\u202e', text.Stderr);
        Assert.Contains("\"\\u{1b}[2J\\u{1b}[32mall good\\u{1b}[0m\\u{202e}\"", text.Stderr, StringComparison.Ordinal);
        var message = json.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .First(d => d.GetProperty("code").GetString() == "OSC1201").GetProperty("message").GetString();
        Assert.Contains("\u001b[2J\u001b[32mall good\u001b[0m\u202e", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_and_bidi_characters_in_the_source_line_are_escaped_and_the_caret_still_points_at_the_value()
    {
        // Raw C1 (U+009B, a CSI on some terminals) and a right-to-left override before the value.
        var path = Write("raw.yaml", Head + "metadata: {name: osc, namespace: ns}\nspec: {type: ubuntu, purpose: \u009b\u202esometimes}\n");

        var result = CliRunner.Run(["validate", path]);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stderr.Split('\n');
        var source = Array.FindIndex(lines, l => l.StartsWith("4 | ", StringComparison.Ordinal));
        Assert.Equal("4 | spec: {type: ubuntu, purpose: \\u{9b}\\u{202e}sometimes}", lines[source]);
        // The caret starts under the escaped value's first character and spans it to its end.
        var caret = lines[source + 1];
        Assert.Equal(lines[source].IndexOf("\\u{9b}", StringComparison.Ordinal), caret.IndexOf('^', StringComparison.Ordinal));
        Assert.Equal("\\u{9b}\\u{202e}sometimes".Length, caret.Count(c => c == '^'));
    }

    [Fact]
    public void Json_with_cr_line_breaks_is_located_and_shown_on_its_line()
    {
        var path = Write("cr.json", "{\r\"apiVersion\": \"v1\",\r\"kind\": [1,\r2,,]}");

        var result = CliRunner.Run(["validate", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cr.json:4:3", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("4 | 2,,]}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_json_is_a_located_syntax_error()
    {
        var path = Write("surrogate.json", "{\"apiVersion\": \"v1\",\n \"kind\": \"\\udc00\"}");

        var result = CliRunner.Run(["validate", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[OSC1001] $.kind: JSON string holds an invalid Unicode surrogate escape", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("surrogate.json:2:10", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>`yes` on a pipe: "y\n" forever.</summary>
    private sealed class YesStream : Stream
    {
        private long _served;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = (byte)(_served++ % 2 == 0 ? 'y' : '\n');
            }
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
