// SPDX-License-Identifier: Apache-2.0
using System.Diagnostics;
using Xunit;

namespace Osc.TestUtil;

/// <summary>
/// Real validators (containerd, python3's tomllib, …): found on PATH, or the calling
/// <c>[SkippableFact]</c> is skipped with the reason. In CI (CI=true) a missing tool fails the test:
/// .ci/run installs them.
/// </summary>
public static class ExternalTool
{
    /// <summary>Where .ci/run extracts validators that must not be installed (time daemons conflict; resolved would take over resolv.conf).</summary>
    public static string ExtractedRoot => Path.Combine(RepoPaths.Root, ".validators", "root");

    public static string FindOrSkip(string name, string purpose)
    {
        var extracted = new[] { "usr/sbin", "usr/bin", "lib/systemd" }.Select(d => Path.Combine(ExtractedRoot, d));
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Concat(extracted))
        {
            var candidate = Path.Combine(dir, name);
            if (dir.Length > 0 && System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new Xunit.Sdk.XunitException($"{name} is required in CI for: {purpose} (.ci/run installs it)");
        }
        Skip.If(true, $"{name} not found on PATH or in .validators/root (bash .ci/run extracts it): {purpose} was not checked");
        return "";
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string tool, IEnumerable<string> arguments, string? stdin = null, int timeoutSeconds = 60,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + tool);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeoutSeconds} s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
