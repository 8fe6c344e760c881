// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Tomlyn;
using Tomlyn.Parsing;

namespace Osc.Renderers.Toml;

/// <summary>
/// Parses TOML text into a <see cref="ConfigTable"/> through Tomlyn's event parser (no reflection,
/// so it works under NativeAOT). Tables re-opened by later headers are merged. As in go-toml v1,
/// an array whose items are all tables becomes an array of tables. A key or table defined twice is
/// refused, as TOML 1.0 and containerd refuse it (the event parser alone would let the last one win).
/// </summary>
internal static class TomlModelReader
{
    /// <summary>
    /// Deepest nesting of tables and arrays read (Tomlyn's default is 64). Validation keeps a plugin's
    /// path and values within <c>CriConfigRules.MaxPluginNesting</c>, so every config Osc renders parses back.
    /// </summary>
    public const int MaxDepth = 128;

    private static readonly TomlSerializerOptions Options = TomlSerializerOptions.Default with { MaxDepth = MaxDepth };

    /// <summary>The table, or null with <paramref name="error"/> set when the text is not valid TOML.</summary>
    public static ConfigTable? TryRead(string text, out string error)
    {
        error = "";
        try
        {
            // The syntax tree's validation finds redefined keys and tables; the event parser below builds the model.
            var syntax = SyntaxParser.Parse(text, Options, sourceName: null, validate: true);
            if (syntax.HasErrors)
            {
                error = string.Join("; ", syntax.Diagnostics.Select(d => d.ToString()));
                return null;
            }
            var parser = TomlParser.Create(text, new TomlParserOptions(), Options);
            var root = Build(parser);
            if (parser.HasErrors)
            {
                error = string.Join("; ", parser.Diagnostics.Select(d => d.ToString()));
                return null;
            }
            Normalize(root);
            return root;
        }
        catch (TomlException ex)
        {
            error = ex.Message;
            return null;
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private static ConfigTable Build(TomlParser parser)
    {
        var root = new ConfigTable();
        var stack = new Stack<object>();
        string? key = null;
        while (parser.MoveNext())
        {
            var kind = parser.Current.Kind;
            switch (kind)
            {
                case TomlParseEventKind.StartDocument or TomlParseEventKind.EndDocument:
                    break;
                case TomlParseEventKind.PropertyName:
                    key = parser.GetPropertyName();
                    break;
                case TomlParseEventKind.StartTable:
                    stack.Push(stack.Count == 0 ? root : Open(stack.Peek(), key, static () => new ConfigTable()));
                    break;
                case TomlParseEventKind.StartArray:
                    stack.Push(Open(stack.Peek(), key, static () => new List<object>()));
                    break;
                case TomlParseEventKind.EndTable or TomlParseEventKind.EndArray:
                    stack.Pop();
                    break;
                default:
                    object value = kind switch
                    {
                        TomlParseEventKind.String => parser.GetString(),
                        TomlParseEventKind.Integer => parser.Current.GetInt64(),
                        TomlParseEventKind.Float => parser.Current.GetDouble(),
                        TomlParseEventKind.Boolean => parser.Current.GetBoolean(),
                        TomlParseEventKind.DateTime => new TomlDateTimeText(parser.Current.GetTomlDateTime().ToString()),
                        _ => throw new InvalidOperationException("unexpected TOML event " + kind),
                    };
                    if (stack.Peek() is ConfigTable table)
                    {
                        table[key!] = value;
                    }
                    else
                    {
                        ((List<object>)stack.Peek()).Add(value);
                    }
                    break;
            }
        }
        return root;
    }

    /// <summary>The container to fill next: a new one, or (for a re-opened table or table array) the existing one.</summary>
    private static T Open<T>(object parent, string? key, Func<T> create)
        where T : class
    {
        if (parent is List<object> list)
        {
            var item = create();
            list.Add(item);
            return item;
        }
        var table = (ConfigTable)parent;
        if (table.TryGetValue(key!, out var existing) && existing is T reopened)
        {
            return reopened;
        }
        var created = create();
        table[key!] = created;
        return created;
    }

    /// <summary>Arrays of tables become <see cref="TableArray"/>s, everywhere below <paramref name="table"/>.</summary>
    private static void Normalize(ConfigTable table)
    {
        foreach (var key in table.Keys.ToList())
        {
            table[key] = NormalizeValue(table[key]);
        }
    }

    private static object NormalizeValue(object value)
    {
        switch (value)
        {
            case ConfigTable table:
                Normalize(table);
                return table;
            case List<object> list when list.Count > 0 && list.All(i => i is ConfigTable):
                var tables = new TableArray();
                foreach (ConfigTable item in list)
                {
                    Normalize(item);
                    tables.Add(item);
                }
                return tables;
            case List<object> list:
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = NormalizeValue(list[i]);
                }
                return list;
            default:
                return value;
        }
    }
}
