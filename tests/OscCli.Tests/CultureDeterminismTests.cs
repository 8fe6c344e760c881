// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// The rendered tree does not depend on the culture or time zone osc runs in: osc render, each run its own process,
/// under the invariant culture in UTC and under tr-TR and de-DE in far-off time zones, writes the same bytes and modes.
/// osc ships with invariant globalization, which would hide a culture-dependent format; the other runs therefore
/// switch it off through their own runtimeconfig, as a host that embeds the library would have it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CultureDeterminismTests : IDisposable
{
    private static readonly string[] Examples =
        ["node-settings.yaml", "provision-flatcar.yaml", "provision-gardenlinux.yaml", "provision-ubuntu.yaml", "reconcile-gardenlinux.yaml"];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("osc-culture-");

    public void Dispose() => _work.Delete(recursive: true);

    [SkippableFact]
    public void Rendered_trees_are_byte_identical_across_cultures_and_time_zones()
    {
        var invariant = Render("invariant", cultureAware: false, new Dictionary<string, string>
        {
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1", ["LC_ALL"] = "C", ["LANG"] = "C", ["TZ"] = "UTC",
        });
        var turkish = Render("tr-TR", cultureAware: true, new Dictionary<string, string>
        {
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0", ["LC_ALL"] = "tr_TR.UTF-8", ["LANG"] = "tr_TR.UTF-8", ["TZ"] = "Pacific/Kiritimati",
        });
        var german = Render("de-DE", cultureAware: true, new Dictionary<string, string>
        {
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0", ["LC_ALL"] = "de_DE.UTF-8", ["LANG"] = "de_DE.UTF-8", ["TZ"] = "America/St_Johns",
        });

        // Every example object, with its user-data, status.yaml and rootfs/ files.
        Assert.True(invariant.Count(f => f.Key.EndsWith("/user-data", StringComparison.Ordinal)) >= 3, string.Join("\n", invariant.Keys));
        Assert.Contains(invariant.Keys, path => path.Contains("/rootfs/", StringComparison.Ordinal));
        Assert.Equal(invariant, turkish);
        Assert.Equal(invariant, german);
    }

    /// <summary>Every file below the run's output: its relative path → its mode and base64 bytes (so a difference shows where).</summary>
    private SortedDictionary<string, string> Render(string name, bool cultureAware, IReadOnlyDictionary<string, string> environment)
    {
        var output = Path.Combine(_work.FullName, name);
        string[] arguments = [.. Examples.Select(e => Path.Combine(RepoPaths.Examples, e)), "--output", output, "--kubernetes-version", "1.35.2"];
        var run = cultureAware
            ? ExternalTool.Run(OscProcess.Dotnet, ["exec", "--runtimeconfig", CultureAwareRuntimeConfig(), OscProcess.Dll, "render", .. arguments],
                timeoutSeconds: 120, environment: environment)
            : OscProcess.Run(["render", .. arguments], environment);
        // Without ICU a culture-aware run would fail to start: a success means the culture's data was there to be used.
        Assert.True(run.ExitCode == 0, $"{name}: exit {run.ExitCode}\n{run.Stderr}");
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(output, file);
            tree[relative] = $"{File.GetUnixFileMode(file)} {Convert.ToBase64String(File.ReadAllBytes(file))}";
        }
        return tree;
    }

    /// <summary>osc's runtimeconfig with invariant globalization off.</summary>
    private string CultureAwareRuntimeConfig()
    {
        var shipped = Path.ChangeExtension(OscProcess.Dll, ".runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(shipped))!;
        var properties = config["runtimeOptions"]!["configProperties"]!.AsObject();
        properties["System.Globalization.Invariant"] = false;
        properties["System.Globalization.PredefinedCulturesOnly"] = false;
        var path = Path.Combine(_work.FullName, "osc.culture-aware.runtimeconfig.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}
