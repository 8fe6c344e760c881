// SPDX-License-Identifier: Apache-2.0
using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Osc.Model.Syntax;

namespace Osc.Cli;

/// <summary>
/// One JSON object on one line, the shape every <c>--format json</c> finding and drift shares: absent values are
/// <c>null</c>, never left out, and a location is <c>file</c>, <c>line</c>, <c>column</c> (null where there is none).
/// </summary>
internal static class JsonLine
{
    public static string Write(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeMembers(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary><c>file</c>, <c>line</c> and <c>column</c> of <paramref name="span"/>'s start, or three nulls.</summary>
    public static void WriteLocation(Utf8JsonWriter json, SourceSpan? span)
    {
        WriteNullable(json, "file", span?.File);
        if (span is { } located)
        {
            json.WriteNumber("line", located.Start.Line);
            json.WriteNumber("column", located.Start.Column);
        }
        else
        {
            json.WriteNull("line");
            json.WriteNull("column");
        }
    }
}
