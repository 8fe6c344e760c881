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

    /// <summary>A copy that shares nothing mutable with this table (strings, numbers, booleans and date-times are immutable).</summary>
    public ConfigTable DeepCopy()
    {
        var copy = new ConfigTable();
        foreach (var (key, value) in this)
        {
            copy.Add(key, CopyValue(value));
        }
        return copy;
    }

    private static object CopyValue(object value)
    {
        switch (value)
        {
            case ConfigTable table:
                return table.DeepCopy();
            case TableArray tables:
                var copiedTables = new TableArray();
                foreach (var table in tables)
                {
                    copiedTables.Add(table.DeepCopy());
                }
                return copiedTables;
            case List<object> list:
                var copiedList = new List<object>(list.Count);
                foreach (var item in list)
                {
                    copiedList.Add(CopyValue(item));
                }
                return copiedList;
            default:
                return value;
        }
    }
}

/// <summary>An array of tables (<c>[[a.b]]</c>) from the base file; written back as table arrays.</summary>
internal sealed class TableArray : List<ConfigTable>
{
}

/// <summary>A TOML date-time kept as its text (containerd configs have none; kept so nothing is lost).</summary>
internal sealed record TomlDateTimeText(string Text);
