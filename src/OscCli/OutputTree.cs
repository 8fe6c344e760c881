// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Osc.Renderers;

namespace Osc.Cli;

/// <summary>How the output tree behaves under test: a kill point and the exchange-less fallback.</summary>
/// <param name="KillAtStep">SIGKILL this process just before commit step N (1-based); steps are the renames that move objects into place, and one more after the last.</param>
/// <param name="NoExchange">Act as if the file system had no RENAME_EXCHANGE (the fallback path).</param>
internal sealed record OutputTreeOptions(int? KillAtStep = null, bool NoExchange = false)
{
    public const string KillAtStepVariable = "OSC_TEST_KILL_AT_STEP";
    public const string NoExchangeVariable = "OSC_TEST_NO_RENAME_EXCHANGE";

    /// <summary>Read from variables only the test suite sets.</summary>
    public static OutputTreeOptions From(ICliEnvironment environment) => new(
        int.TryParse(environment.GetVariable(KillAtStepVariable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var step) ? step : null,
        environment.GetVariable(NoExchangeVariable) == "1");
}

/// <summary>
/// Writes rendered objects as DIR/&lt;namespace&gt;/&lt;name&gt;/{user-data,status.yaml,rootfs/…}.
/// <list type="bullet">
/// <item>Each object is written, as it is rendered, into a staging folder inside DIR
/// (<c>DIR/.osc-staging-&lt;id&gt;/new/…</c>, mode 0700), so it can be released at once and the moves
/// stay on one file system (a DIR that is a mount point works; only DIR needs to be writable).</item>
/// <item>Only when the whole run has no error, each object folder is moved into place: with
/// <c>renameat2(RENAME_EXCHANGE)</c> where one already exists (the old and the new swap in one step,
/// so a crash at any instant leaves one of them in place), or, where the file system has no
/// exchange, by moving the old one into staging first and the new one in second; a crash between
/// the two is repaired by the next run, which puts the old one back. A move that fails part-way
/// undoes the moves before it.</item>
/// <item>DIR is locked (flock) for the run; the next run removes what an interrupted one left
/// (<c>DIR/.osc-staging-*</c>) after that repair. A second osc on the same DIR is refused (OSC3006).</item>
/// <item>Modes are set explicitly, never by the umask: directories 0755, status.yaml 0644,
/// user-data 0600, rootfs files their declared mode.</item>
/// <item>Namespace and name are checked again here to be single safe path components (validation
/// already made them Kubernetes names; anything else is Osc's bug, never a write), and
/// DIR/&lt;namespace&gt; and DIR/&lt;namespace&gt;/&lt;name&gt; are opened without following symbolic links:
/// a link there is refused (OSC3005), never followed out of DIR. DIR itself may be a link: the
/// user chose it.</item>
/// </list>
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class OutputTree : IDisposable
{
    public const string StagingPrefix = ".osc-staging-";

    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755
    private const UnixFileMode StatusMode = (UnixFileMode)0x1A4; // 0644
    private const UnixFileMode UserDataMode = (UnixFileMode)0x180; // 0600
    private const uint PrivateDirectoryMode = 0x1C0; // 0700: staging, unreadable to others until moved into place

    private readonly string _output;
    private readonly OutputTreeOptions _options;
    private readonly Action? _objectStaged;
    private readonly List<(string Namespace, string Name)> _staged = [];
    private readonly HashSet<string> _stagedNamespaces = new(StringComparer.Ordinal);
    private readonly List<string> _createdDirectories = [];
    private int _outputDescriptor = -1;
    private string? _staging;
    private bool _committed;
    private int _step;

    /// <param name="outputDirectory">DIR.</param>
    /// <param name="options">Test hooks.</param>
    /// <param name="staged">Called after each object is staged (progress).</param>
    public OutputTree(string outputDirectory, OutputTreeOptions options, Action? staged = null)
    {
        _output = Path.GetFullPath(outputDirectory);
        _options = options;
        _objectStaged = staged;
    }

    /// <summary>DIR as an absolute path.</summary>
    public string OutputDirectory => _output;

    public int ObjectCount => _staged.Count;

    public int FileCount { get; private set; }

    /// <summary>Writes one object into staging. Throws <see cref="OutputProblemException"/> for a machine problem.</summary>
    public void Stage(RenderedObject rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var ns = SafeSegment(rendered.Namespace, "namespace");
        var name = SafeSegment(rendered.Name, "name");
        var staging = Open();
        var namespaceDirectory = Path.Combine(staging, "new", ns);
        var objectDirectory = Path.Combine(namespaceDirectory, name);
        Guard("write", objectDirectory, () =>
        {
            if (_stagedNamespaces.Add(ns))
            {
                MakeDirectory(namespaceDirectory);
            }
            // A second object with the same namespace and name was refused by validation (OSC1245).
            MakeDirectory(objectDirectory);
            if (rendered.UserData is { } userData)
            {
                // The cloud_config value of the result Secret: a secret, so only its owner reads it.
                WriteFile(Path.Combine(objectDirectory, "user-data"), rendered.CompressedUserData ?? Encoding.UTF8.GetBytes(userData), UserDataMode);
                FileCount++;
            }
            if (rendered.StatusYaml is { } status)
            {
                WriteFile(Path.Combine(objectDirectory, "status.yaml"), Encoding.UTF8.GetBytes(status), StatusMode);
            }
            if (rendered.Rootfs.Count == 0 && rendered.Directories.Count == 0)
            {
                return;
            }
            var rootfs = Path.Combine(objectDirectory, "rootfs");
            MakeDirectory(rootfs);
            foreach (var directory in rendered.Directories)
            {
                MakeDirectories(Inside(rootfs, directory), rootfs);
            }
            foreach (var artifact in rendered.Rootfs)
            {
                var path = Inside(rootfs, artifact.Path);
                MakeDirectories(Path.GetDirectoryName(path)!, rootfs);
                WriteFile(path, artifact.Content, (UnixFileMode)artifact.Mode);
                FileCount++;
            }
        });
        _staged.Add((ns, name));
        _objectStaged?.Invoke();
    }

    /// <summary>Moves every staged object into place (all or none). Throws <see cref="OutputProblemException"/> for a machine problem.</summary>
    public void Commit()
    {
        var staging = Open();
        var namespaces = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = new List<(string Namespace, string Name, Move How)>();
        try
        {
            // First every check, so a refusal moves nothing.
            var exists = new Dictionary<(string, string), bool>();
            foreach (var ns in _stagedNamespaces)
            {
                var descriptor = LinuxFs.OpenDirectory(_outputDescriptor, ns);
                if (descriptor >= 0)
                {
                    namespaces[ns] = descriptor;
                }
                else if (-descriptor != LinuxFs.ENOENT)
                {
                    throw Refused(-descriptor, Path.Combine(_output, ns));
                }
            }
            foreach (var (ns, name) in _staged)
            {
                if (!namespaces.TryGetValue(ns, out var parent))
                {
                    exists[(ns, name)] = false;
                    continue;
                }
                var descriptor = LinuxFs.OpenDirectory(parent, name);
                LinuxFs.CloseDescriptor(descriptor);
                if (descriptor < 0 && -descriptor != LinuxFs.ENOENT)
                {
                    throw Refused(-descriptor, Path.Combine(_output, ns, name));
                }
                exists[(ns, name)] = descriptor >= 0;
            }
            foreach (var ns in _stagedNamespaces.Where(ns => !namespaces.ContainsKey(ns)))
            {
                namespaces[ns] = CreateDirectoryAt(_outputDescriptor, ns, Path.Combine(_output, ns), (uint)DirectoryMode);
            }
            var exchange = !_options.NoExchange;
            foreach (var (ns, name) in _staged)
            {
                var staged = Path.Combine(staging, "new", ns, name);
                var target = Path.Combine(_output, ns, name);
                var parent = namespaces[ns];
                if (!exists[(ns, name)])
                {
                    Step();
                    var error = LinuxFs.Rename2(LinuxFs.AtFdCwd, staged, parent, name, LinuxFs.RenameNoReplace);
                    if (error is LinuxFs.EINVAL or LinuxFs.ENOSYS or LinuxFs.EOPNOTSUPP)
                    {
                        error = LinuxFs.Rename(LinuxFs.AtFdCwd, staged, parent, name); // we hold the lock: nobody else creates it
                    }
                    Check(error, "move into place", target);
                    done.Add((ns, name, Move.Placed));
                    continue;
                }
                if (exchange)
                {
                    Step();
                    var error = LinuxFs.Rename2(LinuxFs.AtFdCwd, staged, parent, name, LinuxFs.RenameExchange);
                    if (error == 0)
                    {
                        done.Add((ns, name, Move.Exchanged));
                        continue;
                    }
                    if (error is not (LinuxFs.EINVAL or LinuxFs.ENOSYS or LinuxFs.EOPNOTSUPP))
                    {
                        Check(error, "replace", target);
                    }
                    exchange = false; // this file system cannot swap: the fallback from here on
                }
                // Old out (into staging, where the next run finds it and puts it back if we die here), then new in.
                var oldNamespace = Path.Combine(staging, "old", ns);
                MakeDirectories(oldNamespace, staging);
                Step();
                Check(LinuxFs.Rename(parent, name, LinuxFs.AtFdCwd, Path.Combine(oldNamespace, name)), "move aside", target);
                done.Add((ns, name, Move.MovedAside));
                Step();
                Check(LinuxFs.Rename(LinuxFs.AtFdCwd, staged, parent, name), "move into place", target);
                done[^1] = (ns, name, Move.Replaced);
            }
            Step();
            _committed = true;
        }
        catch
        {
            Undo(done, staging, namespaces);
            throw;
        }
        finally
        {
            foreach (var descriptor in namespaces.Values)
            {
                LinuxFs.CloseDescriptor(descriptor);
            }
        }
    }

    /// <summary>Removes staging (after a commit: the replaced old objects), and DIR again when this run created it and wrote nothing; releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            if (_staging is not null && Directory.Exists(_staging))
            {
                try
                {
                    DeleteTree(_staging);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Only staging is left (the replaced old objects, or this failed run's own); the next run removes it.
                }
            }
            if (!_committed)
            {
                for (var i = _createdDirectories.Count - 1; i >= 0; i--)
                {
                    if (Directory.Exists(_createdDirectories[i]) && !Directory.EnumerateFileSystemEntries(_createdDirectories[i]).Any())
                    {
                        Directory.Delete(_createdDirectories[i]);
                    }
                }
            }
        }
        finally
        {
            LinuxFs.CloseDescriptor(_outputDescriptor);
            _outputDescriptor = -1;
        }
    }

    private enum Move
    {
        Placed,
        Exchanged,
        MovedAside,
        Replaced,
    }

    /// <summary>Puts back what a failed commit moved, newest first (best effort: the failure is what gets reported).</summary>
    private static void Undo(List<(string Namespace, string Name, Move How)> done, string staging, Dictionary<string, int> namespaces)
    {
        for (var i = done.Count - 1; i >= 0; i--)
        {
            var (ns, name, how) = done[i];
            if (!namespaces.TryGetValue(ns, out var parent))
            {
                continue;
            }
            var staged = Path.Combine(staging, "new", ns, name);
            var aside = Path.Combine(staging, "old", ns, name);
            _ = how switch
            {
                Move.Placed => LinuxFs.Rename(parent, name, LinuxFs.AtFdCwd, staged),
                Move.Exchanged => LinuxFs.Rename2(LinuxFs.AtFdCwd, staged, parent, name, LinuxFs.RenameExchange),
                Move.MovedAside => LinuxFs.Rename(LinuxFs.AtFdCwd, aside, parent, name),
                _ => LinuxFs.Rename(parent, name, LinuxFs.AtFdCwd, staged) == 0 ? LinuxFs.Rename(LinuxFs.AtFdCwd, aside, parent, name) : -1,
            };
        }
    }

    /// <summary>The test suite's kill point: SIGKILL, the way a crash or an OOM kill ends a run.</summary>
    private void Step()
    {
        _step++;
        if (_options.KillAtStep == _step)
        {
            Process.GetCurrentProcess().Kill();
            Environment.FailFast("SIGKILL did not end the process");
        }
    }

    /// <summary>Opens (creating if needed) and locks DIR, repairs and removes what an interrupted run left, and makes this run's staging folder.</summary>
    private string Open()
    {
        if (_staging is not null)
        {
            return _staging;
        }
        var descriptor = LinuxFs.OpenDirectory(LinuxFs.AtFdCwd, _output, followLink: true);
        if (descriptor == -LinuxFs.ENOENT)
        {
            if (new FileInfo(_output).LinkTarget is { } target)
            {
                throw new OutputProblemException(Osc.Model.Diagnostics.DiagnosticCatalog.OutputNotDirectory,
                    $"cannot write into {_output}: it is a symbolic link to {target}, which does not exist",
                    "point --output at a directory (or at a path that does not exist yet)");
            }
            descriptor = CreateOutputDirectory(_output);
        }
        else if (descriptor < 0)
        {
            throw Refused(-descriptor, _output);
        }
        _outputDescriptor = descriptor;
        var lockError = LinuxFs.TryLock(descriptor);
        if (lockError == LinuxFs.EWOULDBLOCK)
        {
            throw new OutputProblemException(Osc.Model.Diagnostics.DiagnosticCatalog.OutputLocked,
                $"cannot write into {_output}: another osc run is writing it (it holds the directory's lock)",
                "wait for the other run to finish, or choose another --output");
        }
        Check(lockError, "lock", _output);
        RemoveLeftovers();
        var name = StagingPrefix + Guid.NewGuid().ToString("N");
        LinuxFs.CloseDescriptor(CreateDirectoryAt(descriptor, name, Path.Combine(_output, name), PrivateDirectoryMode));
        _staging = Path.Combine(_output, name);
        MakeDirectory(Path.Combine(_staging, "new"));
        return _staging;
    }

    /// <summary>Creates DIR and the missing folders above it, each 0755.</summary>
    private int CreateOutputDirectory(string path)
    {
        if (Path.GetDirectoryName(path) is { } parent)
        {
            var above = LinuxFs.OpenDirectory(LinuxFs.AtFdCwd, parent, followLink: true);
            if (above >= 0)
            {
                LinuxFs.CloseDescriptor(above);
            }
            else if (above == -LinuxFs.ENOENT && new FileInfo(parent).LinkTarget is null)
            {
                LinuxFs.CloseDescriptor(CreateOutputDirectory(parent));
            }
            // Otherwise mkdir below fails and says why.
        }
        var error = LinuxFs.MakeDirectory(LinuxFs.AtFdCwd, path, (uint)DirectoryMode);
        Check(error, "create", path);
        _createdDirectories.Add(path);
        var descriptor = LinuxFs.OpenDirectory(LinuxFs.AtFdCwd, path);
        if (descriptor < 0)
        {
            throw Refused(-descriptor, path);
        }
        Check(LinuxFs.SetMode(descriptor, (uint)DirectoryMode), "set the mode of", path);
        return descriptor;
    }

    /// <summary>mkdir NAME in a directory, then opened without following links and given exactly <paramref name="mode"/>.</summary>
    private static int CreateDirectoryAt(int parent, string name, string path, uint mode)
    {
        Check(LinuxFs.MakeDirectory(parent, name, mode), "create", path);
        var descriptor = LinuxFs.OpenDirectory(parent, name);
        if (descriptor < 0)
        {
            throw Refused(-descriptor, path);
        }
        Check(LinuxFs.SetMode(descriptor, mode), "set the mode of", path);
        return descriptor;
    }

    /// <summary>
    /// What an interrupted run left: its staging folders. An old object it had moved aside whose
    /// place is still empty is put back first (the old-or-new guarantee of the fallback); then the rest goes.
    /// </summary>
    private void RemoveLeftovers()
    {
        List<string> leftovers;
        try
        {
            leftovers = Directory.EnumerateFileSystemEntries(_output, StagingPrefix + "*").ToList();
        }
        catch (Exception ex) when (OutputProblemException.FromException(ex, "read", _output) is { } problem)
        {
            throw problem;
        }
        foreach (var leftover in leftovers)
        {
            Guard("clean up", leftover, () =>
            {
                var info = new DirectoryInfo(leftover);
                if (info.LinkTarget is not null || !info.Exists)
                {
                    File.Delete(leftover); // our prefix, but not our kind of entry: the entry goes, never what it points at
                    return;
                }
                var aside = Path.Combine(leftover, "old");
                if (Directory.Exists(aside))
                {
                    foreach (var namespaceDirectory in Directory.EnumerateDirectories(aside))
                    {
                        var parent = LinuxFs.OpenDirectory(_outputDescriptor, Path.GetFileName(namespaceDirectory));
                        if (parent < 0)
                        {
                            continue;
                        }
                        try
                        {
                            foreach (var old in Directory.EnumerateDirectories(namespaceDirectory))
                            {
                                var name = Path.GetFileName(old);
                                var present = LinuxFs.OpenDirectory(parent, name);
                                LinuxFs.CloseDescriptor(present);
                                if (present == -LinuxFs.ENOENT)
                                {
                                    Check(LinuxFs.Rename(LinuxFs.AtFdCwd, old, parent, name), "restore", Path.Combine(_output, Path.GetFileName(namespaceDirectory), name));
                                }
                            }
                        }
                        finally
                        {
                            LinuxFs.CloseDescriptor(parent);
                        }
                    }
                }
                DeleteTree(leftover);
            });
        }
    }

    /// <summary>Deletes a tree without following any symbolic link in it (an old object may hold one).</summary>
    private static void DeleteTree(string path)
    {
        var directory = new DirectoryInfo(path);
        if (directory.LinkTarget is not null)
        {
            File.Delete(path);
            return;
        }
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo child && child.LinkTarget is null)
            {
                DeleteTree(child.FullName);
            }
            else
            {
                File.Delete(entry.FullName);
            }
        }
        Directory.Delete(path);
    }

    /// <summary>A namespace or name as one path component; anything else here is a bug upstream of the writer, never a write.</summary>
    private static string SafeSegment(string value, string what)
    {
        if (value is "_" || Osc.Model.Validation.Names.IsDnsSubdomain(value))
        {
            return value;
        }
        throw new InvalidOperationException($"rendered object {what} '{value}' is not a Kubernetes name; validation should have refused it");
    }

    /// <summary>The file's place under rootfs; a path that would leave rootfs is our bug (validation rejects '..').</summary>
    private static string Inside(string rootfs, string nodePath)
    {
        var full = Path.GetFullPath(Path.Combine(rootfs, nodePath.TrimStart('/')));
        if (!full.StartsWith(rootfs + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"rendered path {nodePath} leaves the rootfs view");
        }
        return full;
    }

    /// <summary>Creates a directory inside staging (ours, fresh) with mode 0755 whatever the umask.</summary>
    private static void MakeDirectory(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>Creates the missing directories from <paramref name="root"/> (which exists) down to <paramref name="path"/>, each 0755.</summary>
    private static void MakeDirectories(string path, string root)
    {
        if (path.Length <= root.Length || Directory.Exists(path))
        {
            return;
        }
        MakeDirectories(Path.GetDirectoryName(path)!, root);
        MakeDirectory(path);
    }

    /// <summary>A new file (never an existing one, never through a link) with exactly <paramref name="mode"/>.</summary>
    private static void WriteFile(string path, byte[] content, UnixFileMode mode)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        stream.Write(content);
        File.SetUnixFileMode(stream.SafeFileHandle, mode);
    }

    /// <summary>Runs file-system work, turning the machine's refusals into <see cref="OutputProblemException"/>.</summary>
    private static void Guard(string action, string path, Action work)
    {
        try
        {
            work();
        }
        catch (Exception ex) when (ex is not OutputProblemException && OutputProblemException.FromException(ex, action, path) is { } problem)
        {
            throw problem;
        }
    }

    private static void Check(int errno, string action, string path)
    {
        if (errno != 0)
        {
            throw (Exception?)OutputProblemException.FromErrno(errno, action, path)
                ?? new IOException($"cannot {action} {path}: {LinuxFs.Reason(errno)} (errno {errno})");
        }
    }

    /// <summary>Why a directory below (or at) DIR could not be opened: a link, a file, or the machine.</summary>
    private static Exception Refused(int errno, string path) => errno switch
    {
        // O_DIRECTORY|O_NOFOLLOW on a link answers ENOTDIR, so look at the entry itself.
        LinuxFs.ELOOP or LinuxFs.ENOTDIR when new FileInfo(path).LinkTarget is not null => new OutputProblemException(Osc.Model.Diagnostics.DiagnosticCatalog.OutputSymlink,
            $"cannot write {path}: it is a symbolic link, and Osc does not follow links below the output directory",
            "remove the link (Osc writes a real directory there), or choose another --output"),
        LinuxFs.ENOTDIR => new OutputProblemException(Osc.Model.Diagnostics.DiagnosticCatalog.OutputNotDirectory,
            $"cannot write {path}: it is not a directory",
            "move the file away, or choose another --output"),
        _ => (Exception?)OutputProblemException.FromErrno(errno, "open", path) ?? new IOException($"cannot open {path}: {LinuxFs.Reason(errno)} (errno {errno})"),
    };
}
