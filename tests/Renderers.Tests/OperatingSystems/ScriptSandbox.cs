// SPDX-License-Identifier: Apache-2.0
using Osc.TestUtil;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// Runs a provision script as root of a throwaway directory: a small root made of Debian's
/// bash-static and busybox-static, with stubs for systemctl, modprobe, containerd and nslookup
/// that only log their arguments. The script runs through <c>unshare --user --map-root-user --root</c>,
/// so it cannot touch the host, and afterwards every file it wrote can be compared with the OSC.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ScriptSandbox : IDisposable
{
    private static readonly string[] Applets =
        ["cat", "mkdir", "base64", "chmod", "grep", "echo", "touch", "hostname", "rm", "ls", "sed", "head", "true", "false", "printf", "env", "test", "[", "cp", "ln", "sleep"];

    private static readonly string[] Stubs = ["systemctl", "modprobe", "containerd", "nslookup", "zypper", "apt-get"];

    public ScriptSandbox()
    {
        var bash = FindOrSkip("/bin/bash-static", "bash-static");
        var busybox = FindOrSkip("/bin/busybox", "busybox-static");
        Unshare = ExternalTool.FindOrSkip("unshare", "running provision scripts in a private root");
        Root = Directory.CreateTempSubdirectory("osc-sandbox-").FullName;
        var bin = Path.Combine(Root, "bin");
        Directory.CreateDirectory(bin);
        File.Copy(bash, Path.Combine(bin, "bash"));
        File.Copy(busybox, Path.Combine(bin, "busybox"));
        foreach (var applet in Applets)
        {
            File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        }
        File.CreateSymbolicLink(Path.Combine(bin, "sh"), "bash");
        foreach (var stub in Stubs)
        {
            var path = Path.Combine(bin, stub);
            File.WriteAllText(path, $"#!/bin/bash\necho \"{stub} $*\" >> /stub.log\n");
            File.SetUnixFileMode(path, (UnixFileMode)0x1ED);
        }
        // Directories every systemd host has (upstream's scripts write unit files without creating it).
        Directory.CreateDirectory(Path.Combine(Root, "etc", "systemd", "system"));
        File.SetUnixFileMode(Path.Combine(bin, "bash"), (UnixFileMode)0x1ED);
        File.SetUnixFileMode(Path.Combine(bin, "busybox"), (UnixFileMode)0x1ED);
        Baseline = Files().ToHashSet(StringComparer.Ordinal);
    }

    public string Root { get; }

    private string Unshare { get; }

    private HashSet<string> Baseline { get; }

    /// <summary>Back to the fresh root for the next script: everything but bin/ removed, the systemd unit folder recreated.</summary>
    public void Reset()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(Root))
        {
            if (Path.GetFileName(entry) == "bin")
            {
                continue;
            }
            if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
        Directory.CreateDirectory(Path.Combine(Root, "etc", "systemd", "system"));
    }

    public ExternalTool.Result Run(string script)
    {
        File.WriteAllText(Path.Combine(Root, "provision.sh"), script);
        Baseline.Add("/provision.sh");
        return ExternalTool.Run(Unshare, ["--user", "--map-root-user", "--root=" + Root, "/bin/env", "-i", "PATH=/bin", "/bin/bash", "/provision.sh"]);
    }

    /// <summary>Files the script created (paths as on the node), the stub log aside.</summary>
    public IReadOnlyList<string> CreatedFiles() => Files().Where(f => !Baseline.Contains(f) && f != "/stub.log").Order(StringComparer.Ordinal).ToList();

    public byte[] Read(string nodePath) => File.ReadAllBytes(Path.Combine(Root, nodePath.TrimStart('/')));

    public uint Mode(string nodePath) => (uint)File.GetUnixFileMode(Path.Combine(Root, nodePath.TrimStart('/')));

    public string StubLog => File.Exists(Path.Combine(Root, "stub.log")) ? File.ReadAllText(Path.Combine(Root, "stub.log")) : "";

    private IEnumerable<string> Files() => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
        .Where(f => !File.GetAttributes(f).HasFlag(FileAttributes.ReparsePoint))
        .Select(f => "/" + Path.GetRelativePath(Root, f));

    private static string FindOrSkip(string path, string package)
    {
        if (File.Exists(path))
        {
            return path;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new Xunit.Sdk.XunitException($"{path} is required in CI (package {package}; .ci/run installs it)");
        }
        Skip.If(true, $"{path} not found (Debian package {package}): provision scripts were not run in a sandbox");
        return "";
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
