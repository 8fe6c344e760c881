// SPDX-License-Identifier: Apache-2.0
namespace Osc.Cli.Tests;

public sealed class InternalErrorTests
{
    [Fact]
    public void OSC9001_an_exception_inside_a_command_is_reported_as_an_internal_error()
    {
        // A stdin stream that throws stands in for any bug below the CLI: the user sees a code and a hint, no stack trace.
        var stderr = new StringWriter { NewLine = "\n" };
        var app = new OscApp(new ThrowingStream(), new StringWriter(), stderr, new NoEnvironment());

        var code = app.Run(["validate", "-"]);

        Assert.Equal(1, code);
        Assert.Contains("error[OSC9001]", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("this is a bug in Osc", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
    }

    private sealed class NoEnvironment : ICliEnvironment
    {
        public bool ErrorIsTerminal => false;

        public string? GetVariable(string name) => null;

        public TimeSpan ProgressDelay => TimeSpan.Zero;
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("boom");

        public override int Read(Span<byte> buffer) => throw new InvalidOperationException("boom");

        public override void CopyTo(Stream destination, int bufferSize) => throw new InvalidOperationException("boom");
    }
}
