// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using System.Text;

namespace Osc.TestUtil;

/// <summary>
/// The NativeAOT <c>osc</c>, published once per state of the sources and shared by every test process
/// of a run (OscCli.Tests' AotPublishTests and the node proofs of NodeBoot). It is published from a
/// copy of <c>src/</c>, so it never races a build or pack of the checkout's own <c>obj/</c>, under a
/// file lock, into <c>$TMPDIR/osc-native-&lt;hash of the sources&gt;/</c>: the first caller publishes,
/// the others wait and reuse what it left, including its output (warnings are asserted on it).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class NativeOsc
{
    /// <summary>The binary's path, and the publish's exit code and output.</summary>
    public sealed record Build(string Binary, int ExitCode, string Output, bool Reused);

    private static readonly Lazy<Build> Published = new(PublishOnce);

    /// <summary>Publishes (or finds) the native binary of the current sources.</summary>
    public static Build Get() => Published.Value;

    private static readonly string[] Inputs = ["src", "schemas", "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md", "LICENSE"];

    private static Build PublishOnce()
    {
        // The copy has no .git: the commit the JIT build stamps into its version (0.1.0+<commit>) is handed over.
        var commit = HeadCommit();
        var key = SourceHash(commit);
        var cache = Path.Combine(Path.GetTempPath(), $"osc-native-{key}");
        var binary = Path.Combine(cache, "osc");
        var log = Path.Combine(cache, "publish.log");
        var exitCodeFile = Path.Combine(cache, "exit-code");
        RemoveStaleCaches(cache);
        using var held = Lock(cache + ".lock");
        if (File.Exists(exitCodeFile))
        {
            return new Build(binary, int.Parse(File.ReadAllText(exitCodeFile), System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(log), Reused: true);
        }
        var copy = cache + ".src";
        ExternalTool.Run("/bin/rm", ["-rf", copy, cache]);
        Directory.CreateDirectory(copy);
        foreach (var input in Inputs)
        {
            var from = Path.Combine(RepoPaths.Root, input);
            if (Directory.Exists(from))
            {
                CopyTree(from, Path.Combine(copy, input));
            }
            else
            {
                File.Copy(from, Path.Combine(copy, input));
            }
        }
        var publishDir = Path.Combine(copy, "publish");
        var publish = ExternalTool.Run("dotnet",
            ["publish", Path.Combine(copy, "src", "OscCli"), "-c", "Release", "-r", "linux-x64", "-p:OscNativeAot=true", "-o", publishDir,
                .. (commit.Length > 0 ? new[] { "-p:SourceRevisionId=" + commit } : [])],
            timeoutSeconds: 1200, workingDirectory: copy,
            environment: new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" });
        Directory.CreateDirectory(cache);
        if (File.Exists(Path.Combine(publishDir, "osc")))
        {
            File.Copy(Path.Combine(publishDir, "osc"), binary);
            File.SetUnixFileMode(binary, (UnixFileMode)0x1ED); // 0755
        }
        File.WriteAllText(log, publish.Stdout + publish.Stderr);
        File.WriteAllText(exitCodeFile, publish.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ExternalTool.Run("/bin/rm", ["-rf", copy]);
        return new Build(binary, publish.ExitCode, publish.Stdout + publish.Stderr, Reused: false);
    }

    /// <summary>SHA-256 over the commit and the relative path and bytes of every input file (build outputs left out), first 16 hex digits.</summary>
    private static string SourceHash(string commit)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(commit + "\0"));
        var files = Inputs.SelectMany(input =>
        {
            var path = Path.Combine(RepoPaths.Root, input);
            return Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)) : [path];
        }).Select(f => Path.GetRelativePath(RepoPaths.Root, f)).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(RepoPaths.Root, file)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static string HeadCommit()
    {
        try
        {
            return ExternalTool.Run("git", ["-C", RepoPaths.Root, "rev-parse", "HEAD"]) is { ExitCode: 0 } head ? head.Stdout.Trim() : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ""; // no git: the build has no commit in its version either
        }
    }

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not "bin" and not "obj"))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    /// <summary>An exclusive lock on a file (flock under the hood on Linux), waiting for another process that holds it.</summary>
    private static FileStream Lock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }

    /// <summary>Binaries of other source states, two days old: removed, so the temporary folder does not fill up.</summary>
    private static void RemoveStaleCaches(string current)
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), "osc-native-*"))
        {
            if (directory != current && !directory.EndsWith(".src", StringComparison.Ordinal) && Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddDays(-2))
            {
                ExternalTool.Run("/bin/rm", ["-rf", directory]);
                File.Delete(directory + ".lock");
            }
        }
    }
}
