// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Renderers.NodeCheck;

/// <summary>How a node path differs from the rendered rootfs/ view.</summary>
internal enum DriftKind
{
    /// <summary>A file, directory or unit file the view has is not on the node.</summary>
    Missing,

    /// <summary>The file's bytes differ.</summary>
    Content,

    /// <summary>The file's permission bits differ.</summary>
    Mode,

    /// <summary>Something other than what the view has: a symbolic link, a directory, a FIFO, a device, a socket.</summary>
    Type,

    /// <summary>The node refused the read (permission denied, an I/O error, a loop of symbolic links).</summary>
    Unreadable,

    /// <summary>A drop-in in a unit's <c>/etc/systemd/system/&lt;unit&gt;.d/</c> that the OSC does not declare.</summary>
    ExtraDropIn,

    /// <summary>A unit the OSC enables lacks a link its [Install] section makes.</summary>
    NotEnabled,

    /// <summary>A unit the OSC disables (<c>enable: false</c>) still has a link its [Install] section makes.</summary>
    Enabled,

    /// <summary>A unit the OSC uses is masked (its unit file is a link to /dev/null).</summary>
    Masked,
}

/// <summary>
/// One difference between a node and the rendered view of an OperatingSystemConfig: the object
/// (<c>namespace/name</c>), the node path, the kind, what the view expects and what the node has
/// (each null where it says nothing), the unit it concerns, a sentence, and the input path (and
/// place) of what the view expects there.
/// </summary>
internal sealed record NodeDrift(
    string Object,
    string Path,
    DriftKind Kind,
    string Message,
    string? Expected = null,
    string? Actual = null,
    string? Unit = null,
    string? SourcePath = null,
    SourceSpan? Source = null)
{
    /// <summary>The kind as it is written in text and JSON output (<c>extra-drop-in</c>).</summary>
    public string KindName => WireName(Kind);

    public static string WireName(DriftKind kind) => kind switch
    {
        DriftKind.Missing => "missing",
        DriftKind.Content => "content",
        DriftKind.Mode => "mode",
        DriftKind.Type => "type",
        DriftKind.Unreadable => "unreadable",
        DriftKind.ExtraDropIn => "extra-drop-in",
        DriftKind.NotEnabled => "not-enabled",
        DriftKind.Enabled => "enabled",
        DriftKind.Masked => "masked",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// What <see cref="NodeChecker.Check"/> found: every drift (sorted by object, path and kind), the
/// findings of loading, validating and rendering (with errors in it, nothing was checked), and how
/// many objects, files (and directories) and units were held against the root.
/// </summary>
internal sealed record NodeCheckResult(IReadOnlyList<NodeDrift> Drifts, Report Report, int ObjectCount, int FileCount, int UnitCount);
