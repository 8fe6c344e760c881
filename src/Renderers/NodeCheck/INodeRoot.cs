// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;

namespace Osc.Renderers.NodeCheck;

/// <summary>
/// A node's root file system as <see cref="NodeChecker"/> reads it: the seam between the comparison
/// (this library, no file system) and whoever reads the disk (the CLI, or a test's tree in memory).
/// Paths are absolute node paths (<c>/etc/containerd/config.toml</c>). An implementation must stay
/// inside the root: symbolic links in parent directories resolve as if the root were <c>/</c>, the
/// last component is never followed, and every read is bounded by the caller's limit.
/// </summary>
internal interface INodeRoot
{
    /// <summary>
    /// What is at <paramref name="path"/>: its kind and mode, the link target of a symbolic link, and for
    /// a regular file at most <paramref name="maxBytes"/> bytes of its content (<see cref="NodeEntry.Size"/>
    /// is the whole size). Never opens anything but a regular file for reading.
    /// </summary>
    NodeEntry Read(string path, int maxBytes);

    /// <summary>The names in the directory at <paramref name="path"/> (without . and ..), at most <paramref name="maxEntries"/> of them.</summary>
    NodeDirectory List(string path, int maxEntries);
}

/// <summary>The kind of file system object at a node path.</summary>
internal enum NodeEntryKind
{
    Missing,
    RegularFile,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,

    /// <summary>The root refused to say (permission denied, an I/O error, too many levels of links): see <see cref="NodeEntry.Problem"/>.</summary>
    Unreadable,
}

/// <summary>
/// One path of the node: its kind, permission bits (07777), size, the first bytes of a regular file
/// (as many as were asked for), a symbolic link's target, or why it could not be read.
/// </summary>
internal sealed record NodeEntry(NodeEntryKind Kind, uint Mode = 0, long Size = 0, byte[]? Content = null, string? LinkTarget = null, string? Problem = null)
{
    public static NodeEntry Missing { get; } = new(NodeEntryKind.Missing);

    public static NodeEntry Unreadable(string problem) => new(NodeEntryKind.Unreadable, Problem: problem);
}

/// <summary>A directory's names (sorted by the reader or not: the checker sorts), whether the limit cut them, or what the path is instead.</summary>
internal sealed record NodeDirectory(NodeEntryKind Kind, IReadOnlyList<string> Names, bool Truncated = false, string? Problem = null);
