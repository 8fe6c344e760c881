// SPDX-License-Identifier: Apache-2.0
using System;
using System.IO;
using Osc.Model.Diagnostics;

namespace Osc.Cli;

/// <summary>
/// The machine refused a write of the output tree (OSC3xxx): the path and the operating system's
/// reason, for a located error. Anything that is not such a refusal stays an exception: Osc's bug.
/// </summary>
internal sealed class OutputProblemException(DiagnosticDescriptor descriptor, string message, string hint) : Exception(message)
{
    public DiagnosticDescriptor Descriptor { get; } = descriptor;

    public string Hint { get; } = hint;

    /// <summary>The problem for an errno met while doing <paramref name="action"/> on <paramref name="path"/>, or null when the errno means a bug.</summary>
    public static OutputProblemException? FromErrno(int errno, string action, string path)
    {
        var message = $"cannot {action} {path}: {LinuxFs.Reason(errno)}";
        return errno switch
        {
            LinuxFs.EACCES or LinuxFs.EPERM => new(DiagnosticCatalog.OutputPermissionDenied, message,
                "make the directory writable for this user, or choose another --output"),
            LinuxFs.EROFS => new(DiagnosticCatalog.OutputReadOnly, message, "choose an --output on a writable file system"),
            LinuxFs.ENOSPC or LinuxFs.EDQUOT => new(DiagnosticCatalog.OutputNoSpace, message, "free space (or quota) on that file system, or choose another --output"),
            LinuxFs.ENOTDIR or LinuxFs.EEXIST => new(DiagnosticCatalog.OutputNotDirectory, message, "--output must name a directory (or nothing yet); move the file away"),
            LinuxFs.ELOOP => new(DiagnosticCatalog.OutputSymlink, message, "Osc does not follow symbolic links below the output directory; remove the link"),
            LinuxFs.EIO or LinuxFs.ENAMETOOLONG or LinuxFs.EMLINK or LinuxFs.ENFILE or LinuxFs.EMFILE => new(DiagnosticCatalog.OutputIoError, message,
                "the operating system refused the write; check the file system, or choose another --output"),
            _ => null,
        };
    }

    /// <summary>The problem behind an exception System.IO threw for <paramref name="path"/>, or null when it means a bug.</summary>
    public static OutputProblemException? FromException(Exception exception, string action, string path) => exception switch
    {
        OutputProblemException problem => problem,
        PathTooLongException => FromErrno(LinuxFs.ENAMETOOLONG, action, path),
        UnauthorizedAccessException { InnerException: IOException inner } when IsErrno(inner.HResult) => FromErrno(inner.HResult, action, path),
        UnauthorizedAccessException => FromErrno(LinuxFs.EACCES, action, path),
        // On Unix, System.IO puts the errno in HResult for the errors it has no exception type of its own for.
        IOException io when io is not FileNotFoundException and not DirectoryNotFoundException && IsErrno(io.HResult) => FromErrno(io.HResult, action, path),
        _ => null,
    };

    private static bool IsErrno(int value) => value is > 0 and < 4096;
}
