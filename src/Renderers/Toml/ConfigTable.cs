// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;

namespace Osc.Renderers.Toml;

/// <summary>
/// A TOML table as gardener-node-agent holds containerd's config: a map whose values are strings,
/// longs, doubles, bools, <see cref="TomlDateTimeText"/>, inline arrays (<see cref="List{T}"/> of
/// values), sub-tables (<see cref="ConfigTable"/>) or arrays of tables (<see cref="TableArray"/>).
/// Keys sort by ordinal, the order go-toml v1 writes them in.
/// </summary>
internal sealed class ConfigTable : SortedDictionary<string, object>
{
    public ConfigTable()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>An array of tables (<c>[[a.b]]</c>) from the base file; written back as table arrays.</summary>
internal sealed class TableArray : List<ConfigTable>
{
}

/// <summary>A TOML date-time kept as its text (containerd configs have none; kept so nothing is lost).</summary>
internal sealed record TomlDateTimeText(string Text);
