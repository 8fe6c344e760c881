// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using Osc.Renderers.NodeCheck;

namespace Osc.Cli;

/// <summary>
/// A node's root directory read for <c>osc check</c>, as hostile as a node can make it. Every path is
/// walked one component at a time from a descriptor of the root, each component opened with
/// <c>O_PATH|O_NOFOLLOW</c> relative to the one before: a symbolic link in a parent directory is
/// resolved by Osc as if the root were <c>/</c> (an absolute target starts again at the root,
/// <c>..</c> never climbs above it, at most 40 links per path, as the kernel allows), the last
/// component is never followed, and nothing is opened for reading but a regular file, which is read
/// up to the caller's limit. FIFOs, devices and sockets are only looked at (statx), never opened.
/// </summary>
internal sealed unsafe partial class LinuxNodeRoot : INodeRoot, IDisposable
{
    private const int MaxLinksPerPath = 40;
    private const int PathMax = 4096;

    private static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
    private static readonly int ODirectory = Arm64 ? 0x4000 : 0x10000;
    private static readonly int ONoFollow = Arm64 ? 0x8000 : 0x20000;
    private const int ORdOnly = 0;
    private const int ONoCtty = 0x100;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const int OPath = 0x200000;
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxWanted = 0x1 | 0x2 | 0x100 | 0x200; // type, mode, inode, size

    private const uint TypeMask = 0xF000;
    private const uint TypeLink = 0xA000;
    private const uint TypeRegular = 0x8000;
    private const uint TypeDirectory = 0x4000;
    private const uint TypeCharacter = 0x2000;
    private const uint TypeBlock = 0x6000;
    private const uint TypeFifo = 0x1000;
    private const uint TypeSocket = 0xC000;

    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private const int ELOOP = 40;

    private readonly int _root;

    private LinuxNodeRoot(int root) => _root = root;

    /// <summary>Opens <paramref name="directory"/> (following a link there: the user named it) as the root, or returns null and why.</summary>
    public static LinuxNodeRoot? Open(string directory, out string? problem)
    {
        var descriptor = OpenAt(AtFdCwd, directory, OPath | ODirectory | OCloExec, 0);
        if (descriptor < 0)
        {
            problem = Reason(Marshal.GetLastPInvokeError());
            return null;
        }
        // statx is what every later look needs; a kernel or sandbox without it cannot be checked.
        if (Stat(descriptor, out _) is { } errno)
        {
            _ = Close(descriptor);
            problem = Reason(errno);
            return null;
        }
        problem = null;
        return new LinuxNodeRoot(descriptor);
    }

    public void Dispose() => _ = Close(_root);

    public NodeEntry Read(string path, int maxBytes)
    {
        using var walk = Resolve(path);
        if (walk.Errno != 0)
        {
            return Failure(walk.Errno);
        }
        if (Stat(walk.Last, out var status) is { } errno)
        {
            return NodeEntry.Unreadable(Reason(errno));
        }
        var mode = status.Mode & 0xFFF;
        switch (status.Mode & TypeMask)
        {
            case TypeLink:
                return new NodeEntry(NodeEntryKind.SymbolicLink, mode, status.Size, LinkTarget: ReadLink(walk.Last) ?? "?");
            case TypeDirectory:
                return new NodeEntry(NodeEntryKind.Directory, mode, status.Size);
            case TypeFifo:
                return new NodeEntry(NodeEntryKind.Fifo, mode);
            case TypeCharacter:
                return new NodeEntry(NodeEntryKind.CharacterDevice, mode);
            case TypeBlock:
                return new NodeEntry(NodeEntryKind.BlockDevice, mode);
            case TypeSocket:
                return new NodeEntry(NodeEntryKind.Socket, mode);
            case TypeRegular:
                break;
            default:
                return NodeEntry.Unreadable($"unknown file type {status.Mode & TypeMask:x}");
        }
        if (maxBytes <= 0)
        {
            return new NodeEntry(NodeEntryKind.RegularFile, mode, status.Size);
        }
        var file = OpenAt(walk.Parent, walk.LastName, ORdOnly | ONoFollow | ONonBlock | ONoCtty | OCloExec, 0);
        if (file < 0)
        {
            return Failure(Marshal.GetLastPInvokeError());
        }
        try
        {
            // The same file as the one looked at, or the node changed under us: never read something else.
            if (Stat(file, out var opened) is { } openedErrno)
            {
                return NodeEntry.Unreadable(Reason(openedErrno));
            }
            if ((opened.Mode & TypeMask) != TypeRegular || opened.Inode != status.Inode || opened.Device != status.Device)
            {
                return NodeEntry.Unreadable("it changed while it was being read");
            }
            return ReadContent(file, maxBytes, opened) is { } content
                ? new NodeEntry(NodeEntryKind.RegularFile, opened.Mode & 0xFFF, Math.Max(opened.Size, content.Length), content)
                : NodeEntry.Unreadable(Reason(Marshal.GetLastPInvokeError()));
        }
        finally
        {
            _ = Close(file);
        }
    }

    public NodeDirectory List(string path, int maxEntries)
    {
        using var walk = Resolve(path);
        if (walk.Errno != 0)
        {
            var failure = Failure(walk.Errno);
            return new NodeDirectory(failure.Kind, [], Problem: failure.Problem);
        }
        if (Stat(walk.Last, out var status) is { } errno)
        {
            return new NodeDirectory(NodeEntryKind.Unreadable, [], Problem: Reason(errno));
        }
        if ((status.Mode & TypeMask) != TypeDirectory)
        {
            return new NodeDirectory(Read(path, 0).Kind, []);
        }
        var directory = walk.Depth == 0
            ? OpenAt(_root, ".", ORdOnly | ODirectory | OCloExec, 0)
            : OpenAt(walk.Parent, walk.LastName, ORdOnly | ODirectory | ONoFollow | OCloExec, 0);
        if (directory < 0)
        {
            var failure = Failure(Marshal.GetLastPInvokeError());
            return new NodeDirectory(failure.Kind, [], Problem: failure.Problem);
        }
        try
        {
            var names = new List<string>();
            var buffer = new byte[64 * 1024];
            fixed (byte* start = buffer)
            {
                while (true)
                {
                    var count = GetDents64(directory, start, (nuint)buffer.Length);
                    if (count < 0)
                    {
                        return new NodeDirectory(NodeEntryKind.Unreadable, [], Problem: Reason(Marshal.GetLastPInvokeError()));
                    }
                    if (count == 0)
                    {
                        return new NodeDirectory(NodeEntryKind.Directory, names);
                    }
                    // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated): the kernel's layout on every architecture.
                    for (var offset = 0; offset < count;)
                    {
                        var length = *(ushort*)(start + offset + 16);
                        var name = start + offset + 19;
                        var nameLength = 0;
                        while (nameLength < length - 19 && name[nameLength] != 0)
                        {
                            nameLength++;
                        }
                        var text = Encoding.UTF8.GetString(name, nameLength);
                        if (text is not "." and not "..")
                        {
                            if (names.Count == maxEntries)
                            {
                                return new NodeDirectory(NodeEntryKind.Directory, names, Truncated: true);
                            }
                            names.Add(text);
                        }
                        offset += length;
                    }
                }
            }
        }
        finally
        {
            _ = Close(directory);
        }
    }

    private static NodeEntry Failure(int errno) => errno is ENOENT or ENOTDIR ? NodeEntry.Missing : NodeEntry.Unreadable(Reason(errno));

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes; null on a read error (errno set).</summary>
    private static byte[]? ReadContent(int file, int maxBytes, Status status)
    {
        var buffer = new byte[(int)Math.Min(maxBytes, Math.Clamp(status.Size, 0, 64 * 1024) + 1)];
        var filled = 0;
        while (filled < maxBytes)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(maxBytes, (long)buffer.Length * 2));
            }
            nint count;
            fixed (byte* start = buffer)
            {
                count = ReadBytes(file, start + filled, (nuint)(buffer.Length - filled));
            }
            if (count < 0)
            {
                return null;
            }
            if (count == 0)
            {
                break;
            }
            filled += (int)count;
        }
        return buffer.AsSpan(0, filled).ToArray();
    }

    private static string? ReadLink(int descriptor)
    {
        var buffer = stackalloc byte[PathMax];
        var count = ReadLinkAt(descriptor, "", buffer, PathMax);
        return count < 0 ? null : Encoding.UTF8.GetString(buffer, (int)count);
    }

    /// <summary>
    /// Walks <paramref name="path"/> from the root. Parent links are followed inside the root; the last
    /// component is not. The walk holds a descriptor for every directory on the way (its physical
    /// ancestors), so <c>..</c> goes to the real parent and stops at the root.
    /// </summary>
    private Walk Resolve(string path)
    {
        var walk = new Walk(_root);
        var pending = new Stack<string>();
        PushComponents(pending, path);
        var links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component is "" or ".")
            {
                continue;
            }
            if (component == "..")
            {
                walk.Up();
                continue;
            }
            var descriptor = OpenAt(walk.Last, component, OPath | ONoFollow | OCloExec, 0);
            if (descriptor < 0)
            {
                walk.Errno = Marshal.GetLastPInvokeError();
                return walk;
            }
            if (pending.Count > 0 && Stat(descriptor, out var status) is null && (status.Mode & TypeMask) == TypeLink)
            {
                var target = ReadLink(descriptor);
                _ = Close(descriptor);
                if (++links > MaxLinksPerPath || target is null)
                {
                    walk.Errno = target is null ? Marshal.GetLastPInvokeError() : ELOOP;
                    return walk;
                }
                if (target.StartsWith('/'))
                {
                    walk.ToRoot();
                }
                PushComponents(pending, target);
                continue;
            }
            walk.Push(descriptor, component);
        }
        return walk;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var components = path.Split('/');
        for (var i = components.Length - 1; i >= 0; i--)
        {
            pending.Push(components[i]);
        }
    }

    /// <summary>The descriptors of one walk (the root's is borrowed, the rest owned and closed on dispose).</summary>
    private sealed class Walk(int root) : IDisposable
    {
        private readonly List<(int Descriptor, string Name)> _steps = [];

        public int Errno { get; set; }

        public int Depth => _steps.Count;

        public int Last => _steps.Count == 0 ? root : _steps[^1].Descriptor;

        public int Parent => _steps.Count < 2 ? root : _steps[^2].Descriptor;

        public string LastName => _steps.Count == 0 ? "." : _steps[^1].Name;

        public void Push(int descriptor, string name) => _steps.Add((descriptor, name));

        public void Up()
        {
            if (_steps.Count > 0)
            {
                _ = Close(_steps[^1].Descriptor);
                _steps.RemoveAt(_steps.Count - 1);
            }
        }

        public void ToRoot()
        {
            while (_steps.Count > 0)
            {
                Up();
            }
        }

        public void Dispose() => ToRoot();
    }

    private readonly record struct Status(uint Mode, long Size, ulong Inode, ulong Device);

    /// <summary>statx of a descriptor itself (AT_EMPTY_PATH; a link is not followed): null, or the errno.</summary>
    private static int? Stat(int descriptor, out Status status)
    {
        // struct statx is the same on every architecture: mode at 28, inode at 32, size at 40, device major/minor at 136/140.
        var buffer = stackalloc byte[256];
        if (StatX(descriptor, "", AtEmptyPath | AtSymlinkNoFollow, StatxWanted, buffer) != 0)
        {
            status = default;
            return Marshal.GetLastPInvokeError();
        }
        status = new Status(*(ushort*)(buffer + 28), *(long*)(buffer + 40), *(ulong*)(buffer + 32), ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140));
        return null;
    }

    private static string Reason(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(int directory, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatX(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint ReadLinkAt(int directory, string path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadBytes(int descriptor, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    private static partial nint GetDents64(int descriptor, byte* buffer, nuint count);
}
