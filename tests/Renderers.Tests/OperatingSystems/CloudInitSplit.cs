// SPDX-License-Identifier: Apache-2.0
using System.Text.Json;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>One part of user-data as cloud-init hands it to its handlers: the resolved type, the decoded payload, whether it came from MIME or the archive, its MIME headers, and a MIME part's text before cloud-init decodes it.</summary>
internal sealed record CloudInitPart(string Type, string Payload, string Via, IReadOnlyList<string[]> Headers, string? Raw)
{
    /// <summary>
    /// Types cloud-init runs, or whose content makes it run or fetch something: shell scripts (every
    /// frequency), boothooks, part handlers (Python), includes (fetched and processed), jinja templates
    /// (rendered into one of these).
    /// </summary>
    public static readonly IReadOnlySet<string> ExecutableTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "text/x-shellscript", "text/x-shellscript-per-boot", "text/x-shellscript-per-instance", "text/x-shellscript-per-once",
        "text/cloud-boothook", "text/part-handler", "text/x-include-url", "text/x-include-once-url", "text/jinja2",
    };

    /// <summary>Cloud-config (runcmd, bootcmd, write_files, …) merged into cloud-init's configuration.</summary>
    public static readonly IReadOnlySet<string> ConfigTypes = new HashSet<string>(StringComparer.Ordinal) { "text/cloud-config", "text/cloud-config-jsonp" };

    public bool IsExecutable => ExecutableTypes.Contains(Type);

    public bool IsConfig => ConfigTypes.Contains(Type);
}

/// <summary>A user-data split, or the reason cloud-init could not read it (an archive PyYAML rejects).</summary>
internal sealed record CloudInitSplitResult(string Id, IReadOnlyList<CloudInitPart> Parts, string? Error)
{
    public IReadOnlyList<CloudInitPart> Executable => Parts.Where(p => p.IsExecutable).ToList();
}

/// <summary>
/// Splits rendered user-data as cloud-init does (cloud_init_split.py: Python's email parser, PyYAML's
/// safe_load, cloud-init's type detection), a whole batch in one python3 process.
/// </summary>
internal static class CloudInitSplit
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static string Script => Path.Combine(AppContext.BaseDirectory, "OperatingSystems", "cloud_init_split.py");

    /// <summary>python3 with PyYAML, or skip (fail in CI: .ci/run installs python3-yaml).</summary>
    public static string FindPythonOrSkip()
    {
        var python = ExternalTool.FindOrSkip("python3", "splitting user-data as cloud-init does");
        var probe = ExternalTool.Run(python, ["-c", "import yaml, email"]);
        if (probe.ExitCode != 0)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new Xunit.Sdk.XunitException("python3 has no PyYAML (Debian package python3-yaml; .ci/run installs it): " + probe.Stderr);
            }
            Skip.If(true, "python3 has no PyYAML (Debian package python3-yaml): user-data was not split as cloud-init does");
        }
        return python;
    }

    public static IReadOnlyDictionary<string, CloudInitSplitResult> Run(string python, IEnumerable<(string Id, string UserData)> cases)
    {
        var input = JsonSerializer.Serialize(cases.Select(c => new { id = c.Id, userData = c.UserData }).ToList(), Json);
        var run = ExternalTool.Run(python, [Script], stdin: input, timeoutSeconds: 300,
            environment: new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" });
        Assert.True(run.ExitCode == 0, "cloud_init_split.py failed: " + run.Stderr);
        var results = JsonSerializer.Deserialize<List<CloudInitSplitResult>>(run.Stdout, Json)
            ?? throw new InvalidOperationException("cloud_init_split.py printed nothing");
        return results.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }
}
