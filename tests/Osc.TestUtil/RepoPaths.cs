// SPDX-License-Identifier: Apache-2.0
using Xunit;

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
    /// The shared folder; when it is absent the calling <c>[SkippableFact]</c> is reported as skipped
    /// with the reason, except in CI (CI=true), where a missing shared folder fails the test.
    /// </summary>
    public static string SharedOrSkip(string what)
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
        Skip.If(true, $"../shared not found beside the clone: {what}");
        return "";
    }
}
