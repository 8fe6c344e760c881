// SPDX-License-Identifier: Apache-2.0
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// The real CLI as a separate process (<c>dotnet osc.dll</c> from the build output), for what cannot be
/// done in-process: a umask, another user, a private mount, a SIGKILL.
/// </summary>
internal static class OscProcess
{
    /// <summary>osc.dll beside the tests (the project reference copies it), with its runtimeconfig.</summary>
    public static string Dll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "osc.dll");
            if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "osc.runtimeconfig.json")))
            {
                return beside;
            }
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            var built = Path.Combine(RepoPaths.Root, "src", "OscCli", "bin", configuration, "net10.0", "osc.dll");
            Assert.True(File.Exists(built), "osc.dll not found beside the tests nor at " + built);
            return built;
        }
    }

    public static string Dotnet => ExternalTool.FindOrSkip("dotnet", "running osc as its own process");

    /// <summary>Runs <c>dotnet osc.dll ARGS</c>.</summary>
    public static ExternalTool.Result Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ExternalTool.Run(Dotnet, [Dll, .. arguments], timeoutSeconds: 120, environment: environment);

    /// <summary>Runs <c>sh -c SCRIPT</c> with $OSC set to the command that starts osc.</summary>
    public static ExternalTool.Result Shell(string script, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["OSC"] = $"{Dotnet} {Dll}" };
        return ExternalTool.Run("/bin/sh", ["-c", script], timeoutSeconds: 120, environment: variables);
    }

    /// <summary>Root is needed for mounts and for acting as another user; off CI a test without it is skipped, in CI it fails.</summary>
    public static void RequireRoot(string purpose)
    {
        if (Environment.UserName == "root")
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new Xunit.Sdk.XunitException($"CI runs as root; {purpose} needs it");
        }
        Skip.If(true, $"not root: {purpose} was not checked");
    }
}
