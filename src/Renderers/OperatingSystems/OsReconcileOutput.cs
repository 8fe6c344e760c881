// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using Osc.Model;

namespace Osc.Renderers.OperatingSystems;

/// <summary>What an OS extension answers for a reconcile OSC: status.extensionUnits, extensionFiles and inPlaceUpdates.</summary>
internal sealed record OsReconcileOutput(IReadOnlyList<Unit> Units, IReadOnlyList<NodeFile> Files, InPlaceUpdatesStatus? InPlaceUpdates)
{
    /// <summary>The answer for an OS type no known extension serves: nothing.</summary>
    public static OsReconcileOutput None { get; } = new([], [], null);

    /// <summary>An extension file with plain text, as the extensions write their fixed files.</summary>
    public static NodeFile PlainFile(string path, string data, uint mode) => new()
    {
        Path = path,
        Permissions = mode,
        Content = new FileContent { Inline = new FileContentInline { Encoding = InlineEncoding.Plain, Data = data } },
    };
}
