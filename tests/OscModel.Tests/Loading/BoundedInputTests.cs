// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Model.Tests.Loading;

/// <summary>Every read and every expansion is bounded: bytes read, bytes and nodes aliases expand to, and the depth they reach.</summary>
public sealed class BoundedInputTests
{
    private static Report Load(string text, LoadLimits? limits = null)
    {
        var report = new Report();
        YamlLoader.Load("in.yaml", text, report, limits);
        return report;
    }

    [Fact]
    public void A_large_scalar_aliased_many_times_is_OSC1005_by_its_bytes()
    {
        // The input: few nodes (no node budget is near), but 1 MiB × 3,000 = 3 GB of text.
        var text = new StringBuilder("big: &big ").Append('x', 1 << 20).Append("\nuses:\n");
        for (var i = 0; i < 3000; i++)
        {
            text.Append("- *big\n");
        }

        var diagnostic = Assert.Single(Load(text.ToString()).Items);

        Assert.Equal("OSC1005", diagnostic.Code);
        Assert.Contains("bytes", diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith("$.uses[", diagnostic.Path, StringComparison.Ordinal);
        // The anchor's 1 MiB and 63 aliases make 64 MiB plus the keys' 7 bytes: the 63rd alias is the first over.
        Assert.Equal("$.uses[62]", diagnostic.Path);
    }

    [Fact]
    public void The_byte_budget_spans_the_documents_of_one_input()
    {
        // Each document alone stays within a 1 MiB budget; together they do not.
        var document = "a: &a " + new string('x', 100_000) + "\nb: [*a, *a, *a]\n";
        var text = string.Join("---\n", Enumerable.Repeat(document, 4));

        var report = Load(text, new LoadLimits { MaxExpandedBytes = 1 << 20 });

        var diagnostic = Assert.Single(report.Items);
        Assert.Equal("OSC1005", diagnostic.Code);
        Assert.Equal(8, diagnostic.Span!.Value.Start.Line); // the third document's second alias: 900,006 + 2 × 100,000 bytes
    }

    [Fact]
    public void Input_without_aliases_never_reaches_the_byte_budget()
    {
        var text = "a: " + new string('x', 1000) + "\nb: " + new string('y', 1000) + "\n";

        Assert.Empty(Load(text, new LoadLimits { MaxExpandedBytes = text.Length }).Items);
    }

    [Fact]
    public void Nodes_added_by_aliases_are_counted_over_the_whole_input()
    {
        var document = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n";
        var text = string.Join("---\n", Enumerable.Repeat(document, 10));

        var report = Load(text, new LoadLimits { MaxNodes = 500 });

        var diagnostic = Assert.Single(report.Items);
        Assert.Equal("OSC1005", diagnostic.Code);
        Assert.Contains("input's YAML aliases add", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_nested_in_anchors_are_OSC1006_at_the_depth_their_expansion_reaches()
    {
        // Every anchor is one level deeper than the one it repeats: shallow text, a deep tree.
        var text = new StringBuilder("a0: &a0 [x]\n");
        for (var i = 1; i < 400; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [*a{i - 1}]\n");
        }

        var diagnostic = Assert.Single(Load(text.ToString()).Items);

        Assert.Equal("OSC1006", diagnostic.Code);
        Assert.Contains("alias *a", diagnostic.Message, StringComparison.Ordinal);
        // a_k expands to k + 2 levels; used at depth 3 in a_(k+1), a253 reaches 3 + 255 - 1 = 257 levels on line 255.
        Assert.Equal(255, diagnostic.Span!.Value.Start.Line);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Json_positions_count_every_line_break_as_the_yaml_reader_does(string lineBreak)
    {
        var text = string.Join(lineBreak, "{", "\"a\":", "[1,", "2,,]}");

        var diagnostic = Assert.Single(Load(text).Items);

        Assert.Equal(("OSC1001", 4, 3), (diagnostic.Code, diagnostic.Span!.Value.Start.Line, diagnostic.Span.Value.Start.Column));
    }

    [Fact]
    public void Json_values_after_cr_line_breaks_are_located_on_their_lines()
    {
        var report = new Report();
        var documents = YamlLoader.Load("in.json", "{\r\"a\": 1,\r\"b\": \"x\"\r}", report);

        var root = Assert.IsType<YamlMapping>(Assert.Single(documents).Root);
        Assert.Equal(new SourcePosition(3, 6), root.Get("b")!.Span.Start);
    }

    [Theory]
    [InlineData("{\"a\": \"\\udc00\"}", "$.a")]
    [InlineData("{\"a\": \"x\\ud800\\ud800\"}", "$.a")]
    [InlineData("{\"a\": {\"\\udfff\": 1}}", "$.a")]
    public void Json_lone_surrogate_escapes_are_OSC1001_at_the_string(string json, string path)
    {
        var diagnostic = Assert.Single(Load(json).Items);

        Assert.Equal(("OSC1001", path), (diagnostic.Code, diagnostic.Path));
        Assert.Contains("surrogate", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(1, diagnostic.Span!.Value.Start.Line);
    }

    [Fact]
    public void Reading_an_endless_stream_stops_one_byte_past_the_limit()
    {
        var endless = new EndlessStream();
        var report = new Report();

        var input = OscLoader.ReadStream("<stdin>", endless, report, new LoadLimits { MaxInputBytes = 1000 });

        Assert.Null(input);
        Assert.Equal("OSC1004", Assert.Single(report.Items).Code);
        Assert.Equal(1001, endless.Served);
    }

    [Fact]
    public void A_stream_within_the_limit_is_read_whole()
    {
        var report = new Report();

        var input = OscLoader.ReadStream("<stdin>", new MemoryStream(Encoding.UTF8.GetBytes("a: 1\n")), report, new LoadLimits { MaxInputBytes = 5 });

        Assert.Empty(report.Items);
        Assert.Equal("a: 1\n", Encoding.UTF8.GetString(input!.Content));
    }

    [SkippableFact]
    public void A_character_device_reports_no_length_and_is_still_bounded()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "no /dev/zero on this system");
        var report = new Report();

        var input = OscLoader.ReadFile("/dev/zero", report, new LoadLimits { MaxInputBytes = 1 << 20 });

        Assert.Null(input);
        var diagnostic = Assert.Single(report.Items);
        Assert.Equal(("OSC1004", "/dev/zero"), (diagnostic.Code, diagnostic.Span!.Value.File));
    }

    [SkippableFact]
    public void A_fifo_is_read_up_to_the_limit()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are a POSIX feature");
        var directory = Directory.CreateTempSubdirectory("osc-fifo-");
        try
        {
            var fifo = Path.Combine(directory.FullName, "input");
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false }))
            {
                mkfifo!.WaitForExit();
                Assert.True(mkfifo.ExitCode == 0, "mkfifo failed: the FIFO case was not checked");
            }
            // The writer produces more than the limit and is cut off when the reader closes its end.
            var writer = Task.Run(() =>
            {
                try
                {
                    using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                    var chunk = new byte[4096];
                    Array.Fill(chunk, (byte)'y');
                    for (var i = 0; i < 1000; i++)
                    {
                        stream.Write(chunk);
                    }
                }
                catch (IOException)
                {
                    // EPIPE once the reader stopped: expected.
                }
            });
            var report = new Report();

            var input = OscLoader.ReadFile(fifo, report, new LoadLimits { MaxInputBytes = 64 * 1024 });

            Assert.Null(input);
            Assert.Equal("OSC1004", Assert.Single(report.Items).Code);
            Assert.True(writer.Wait(TimeSpan.FromSeconds(30)), "the writer did not finish");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>/dev/zero as a stream: never ends; counts what it served.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'y', offset, count);
            Served += count;
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
