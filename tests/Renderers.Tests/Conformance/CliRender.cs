// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using Osc.Cli.Tests;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Renderers.Tests.Conformance;

/// <summary>
/// <c>osc render - --output DIR --format json</c> on a YAML text, through the CLI in-process (the door
/// users use, validation included), and the rendered tree read back.
/// </summary>
internal sealed class CliRender : IDisposable
{
    private readonly string _root;

    private CliRender(string root, CliRunner.Result result)
    {
        _root = root;
        ExitCode = result.ExitCode;
        Stderr = result.Stderr;
        Diagnostics = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                var d = json.RootElement;
                return (Code: d.GetProperty("code").GetString()!, Severity: d.GetProperty("severity").GetString()!, Path: d.GetProperty("path").GetString(),
                    Message: d.GetProperty("message").GetString()!);
            })
            .ToList();
        var output = Path.Combine(root, "out");
        ObjectDirectory = Directory.Exists(output) ? Directory.GetDirectories(output).SelectMany(Directory.GetDirectories).SingleOrDefault() : null;
    }

    public static CliRender Run(string yaml, params string[] arguments)
    {
        var root = Directory.CreateTempSubdirectory("osc-conformance-").FullName;
        var result = CliRunner.Run(["render", "-", "--output", Path.Combine(root, "out"), "--format", "json", .. arguments], stdin: yaml);
        return new CliRender(root, result);
    }

    public int ExitCode { get; }

    public string Stderr { get; }

    /// <summary>Every diagnostic printed: code, severity (error or warning), JSON path and message.</summary>
    public IReadOnlyList<(string Code, string Severity, string? Path, string Message)> Diagnostics { get; }

    /// <summary>DIR/&lt;namespace&gt;/&lt;name&gt; of the one rendered object, or null when nothing was written.</summary>
    public string? ObjectDirectory { get; }

    /// <summary>Asserts exit 0 and returns this, for chaining.</summary>
    public CliRender Succeeded()
    {
        Assert.True(ExitCode == 0, $"osc render exited {ExitCode}:\n{Stderr}");
        Assert.NotNull(ObjectDirectory);
        return this;
    }

    public string UserData => File.ReadAllText(Path.Combine(ObjectDirectory!, "user-data"));

    public bool HasUserData => File.Exists(Path.Combine(ObjectDirectory!, "user-data"));

    public string RootfsText(string nodePath) => File.ReadAllText(Path.Combine(ObjectDirectory!, "rootfs", nodePath.TrimStart('/')));

    public bool RootfsHas(string nodePath) => File.Exists(Path.Combine(ObjectDirectory!, "rootfs", nodePath.TrimStart('/')));

    /// <summary>status.yaml read back with Osc's own binder for the status type (the same shape upstream's actuator returns).</summary>
    public OperatingSystemConfigStatus Status
    {
        get
        {
            var report = new Report();
            var node = YamlLoader.Load("status.yaml", File.ReadAllText(Path.Combine(ObjectDirectory!, "status.yaml")), report).Single().Root;
            var status = OperatingSystemConfigBinder.BindOperatingSystemConfigStatus(node, new Osc.Model.Binding.BindContext(report, new SourceMap("status.yaml")), "$");
            Assert.Empty(report.Items);
            return status;
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
