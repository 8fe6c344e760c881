// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Cli;
using Osc.TestUtil;

namespace Osc.NodeBoot.Tests;

/// <summary>Runs <c>osc render</c> (the CLI, in-process) on a case file into a fresh folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class OscRender : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("osc-nodeboot-render-").FullName;

    public OscRender(string caseFile, params string[] extraArguments)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var app = new OscApp(new MemoryStream(), stdout, stderr, new QuietEnvironment());
        var code = app.Run(["render", CasePath(caseFile), "--output", _output, .. extraArguments]);
        Assert.True(code == 0, $"osc render {caseFile} failed ({code}):\n{stderr}");
        var objects = Directory.GetDirectories(_output).SelectMany(Directory.GetDirectories).ToList();
        ObjectDirectory = Assert.Single(objects);
        Messages = stderr.ToString();
    }

    public static string CasePath(string caseFile) => Path.Combine(RepoPaths.Root, "tests", "NodeBoot", "cases", caseFile);

    /// <summary>DIR/&lt;namespace&gt;/&lt;name&gt;.</summary>
    public string ObjectDirectory { get; }

    public string Messages { get; }

    public string Rootfs => Path.Combine(ObjectDirectory, "rootfs");

    public byte[] UserData => File.ReadAllBytes(Path.Combine(ObjectDirectory, "user-data"));

    /// <summary>Every file of the rootfs/ view as its node path.</summary>
    public IReadOnlyList<string> RootfsFiles => Directory.Exists(Rootfs)
        ? Directory.EnumerateFiles(Rootfs, "*", SearchOption.AllDirectories).Select(f => "/" + Path.GetRelativePath(Rootfs, f)).Order(StringComparer.Ordinal).ToList()
        : [];

    public byte[] RootfsFile(string nodePath) => File.ReadAllBytes(Path.Combine(Rootfs, nodePath.TrimStart('/')));

    public uint RootfsMode(string nodePath) => (uint)File.GetUnixFileMode(Path.Combine(Rootfs, nodePath.TrimStart('/')));

    public void Dispose() => Directory.Delete(_output, recursive: true);

    internal sealed class QuietEnvironment : ICliEnvironment
    {
        public bool ErrorIsTerminal => false;

        public string? GetVariable(string name) => name == "NO_COLOR" ? "1" : null;

        public TimeSpan ProgressDelay => TimeSpan.Zero;
    }
}
