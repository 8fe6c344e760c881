// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using Osc.Model.Binding;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Model.Kubernetes;

/// <summary>Binds a <c>v1/Secret</c> document (hand-written: the schema of Secret is Kubernetes', not ours).</summary>
public static class SecretBinder
{
    private static readonly string[] Known = ["apiVersion", "kind", "metadata", "type", "data", "stringData", "immutable"];

    public static Secret Bind(YamlNode node, BindContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var path = OscPath.Root;
        var mapping = ctx.BeginObject(node, path, "Secret");
        ObjectMeta? metadata = null;
        string? type = null;
        var data = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, string>? stringData = null;
        foreach (var entry in mapping?.Entries ?? [])
        {
            var fieldPath = ctx.EnterField(entry, path);
            switch (entry.Key.Value)
            {
                case "apiVersion" or "kind":
                    ctx.ReadString(entry.Value, fieldPath);
                    break;
                case "metadata":
                    metadata = OperatingSystemConfigBinder.BindObjectMeta(entry.Value, ctx, fieldPath);
                    break;
                case "type":
                    type = ctx.ReadString(entry.Value, fieldPath);
                    break;
                case "immutable":
                    ctx.ReadBoolean(entry.Value, fieldPath);
                    break;
                case "data":
                    var encoded = ctx.ReadMap(entry.Value, fieldPath, ctx.ReadRequiredString);
                    foreach (var (key, value) in encoded ?? new Dictionary<string, string>())
                    {
                        if (TryDecodeBase64(value, out var bytes))
                        {
                            data[key] = bytes;
                        }
                        else
                        {
                            var valuePath = OscPath.Property(fieldPath, key);
                            ctx.Report.Add(DiagnosticCatalog.InvalidSecretData, $"data['{key}'] is not valid base64",
                                valuePath, ctx.Positions.Locate(valuePath), "Secret data values are base64; use stringData for plain text");
                        }
                    }
                    break;
                case "stringData":
                    stringData = ctx.ReadMap(entry.Value, fieldPath, ctx.ReadRequiredString);
                    break;
                default:
                    ctx.UnknownField(entry, fieldPath, "Secret", Known, null);
                    break;
            }
        }
        foreach (var (key, value) in stringData ?? new Dictionary<string, string>())
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }
        return new Secret
        {
            Metadata = metadata ?? OperatingSystemConfigBinder.BindObjectMeta(null, ctx, OscPath.Property(path, "metadata")),
            Type = type,
            Data = data,
        };
    }

    /// <summary>Standard base64 with padding, as Go's <c>base64.StdEncoding</c>: CR and LF are skipped, nothing else is.</summary>
    public static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = [];
        text = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (text.Length % 4 != 0)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }
        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }
        bytes = buffer[..written];
        return true;
    }
}
