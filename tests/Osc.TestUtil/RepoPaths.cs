// SPDX-License-Identifier: Apache-2.0
namespace Osc.TestUtil;

/// <summary>Finds the repository root (the folder with Osc.sln) and the shared folder beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Osc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Osc.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    public static string Schemas => Path.Combine(Root, "schemas");

    public static string Snapshots => Path.Combine(Root, "snapshots");

    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>../shared beside the clone (or OSC_SHARED_DIR), or null when absent (a user's clone).</summary>
    public static string? Shared
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("OSC_SHARED_DIR");
            var candidate = string.IsNullOrEmpty(configured) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : configured;
            return Directory.Exists(Path.Combine(candidate, "upstream")) ? candidate : null;
        }
    }

    /// <summary>
    /// The shared folder, or a skip: xunit 2 has no dynamic skip, so the test passes after writing a
    /// visible SKIPPED line; in CI (CI=true) a missing shared folder is a failure instead.
    /// </summary>
    public static string? SharedOrSkip(Xunit.Abstractions.ITestOutputHelper? output, string what)
    {
        var shared = Shared;
        if (shared is not null)
        {
            return shared;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new Xunit.Sdk.XunitException($"../shared is required in CI for: {what}");
        }
        var line = $"SKIPPED (../shared not found beside the clone): {what}";
        output?.WriteLine(line);
        Console.Error.WriteLine(line);
        SkipLog.Record(line);
        return null;
    }
}
