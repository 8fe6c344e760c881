// SPDX-License-Identifier: Apache-2.0
using System;
using System.Runtime.InteropServices;

namespace Osc.Cli;

/// <summary>
/// The few libc calls the output tree needs beyond System.IO: directory descriptors opened without
/// following links (so a symlink below DIR is refused, never followed), a lock on DIR, and
/// <c>renameat2</c>, whose RENAME_EXCHANGE swaps the old and the new object folder in one step.
/// Source-generated P/Invoke: no reflection, NativeAOT- and trim-clean.
/// </summary>
internal static partial class LinuxFs
{
    public const int AtFdCwd = -100;
    public const uint RenameNoReplace = 1;
    public const uint RenameExchange = 2;

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EIO = 5;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int ENOSPC = 28;
    public const int EROFS = 30;
    public const int EMLINK = 31;
    public const int EWOULDBLOCK = 11;
    public const int ENAMETOOLONG = 36;
    public const int ENOSYS = 38;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;
    public const int EOPNOTSUPP = 95;
    public const int EDQUOT = 122;

    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;
    private const int ONoFollow = 0x20000;
    private const int OCloExec = 0x80000;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(int directory, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int descriptor, int operation);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirAt(int directory, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int Fchmod(int descriptor, uint mode);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int fromDirectory, string from, int toDirectory, string to, uint flags);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt(int fromDirectory, string from, int toDirectory, string to);

    /// <summary>
    /// Opens a directory, by default without following a symbolic link in its last component: 0 or more
    /// is the descriptor, otherwise minus the errno (ELOOP: a link; ENOTDIR: not a directory; ENOENT: absent).
    /// </summary>
    public static int OpenDirectory(int directory, string path, bool followLink = false)
    {
        var descriptor = OpenAt(directory, path, ORdOnly | ODirectory | OCloExec | (followLink ? 0 : ONoFollow), 0);
        return descriptor >= 0 ? descriptor : -Marshal.GetLastPInvokeError();
    }

    public static void CloseDescriptor(int descriptor)
    {
        if (descriptor >= 0)
        {
            _ = Close(descriptor);
        }
    }

    /// <summary>An exclusive lock on an open descriptor without waiting: 0, or the errno (EWOULDBLOCK: someone holds it).</summary>
    public static int TryLock(int descriptor) => Flock(descriptor, LockExclusive | LockNonBlocking) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>mkdir relative to a directory descriptor: 0, or the errno.</summary>
    public static int MakeDirectory(int directory, string name, uint mode) => MkdirAt(directory, name, mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>chmod of an open descriptor: the mode exactly, whatever the umask.</summary>
    public static int SetMode(int descriptor, uint mode) => Fchmod(descriptor, mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>renameat2, or ENOSYS where the C library has no such entry point.</summary>
    public static int Rename2(int fromDirectory, string from, int toDirectory, string to, uint flags)
    {
        try
        {
            return RenameAt2(fromDirectory, from, toDirectory, to, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (EntryPointNotFoundException)
        {
            return ENOSYS;
        }
    }

    /// <summary>Plain renameat (replaces an empty directory or a file; never follows the last component).</summary>
    public static int Rename(int fromDirectory, string from, int toDirectory, string to) =>
        RenameAt(fromDirectory, from, toDirectory, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>The operating system's words for an errno ("Permission denied").</summary>
    public static string Reason(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
