// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Osc.Renderers.OperatingSystems.Bash;

namespace Osc.Renderers.OperatingSystems.MemoryOne;

/// <summary>
/// memoryone's multipart/mixed user-data: a text/x-vsmp part, which the memoryone loader reads
/// before the OS boots, and a text/x-shellscript part, which cloud-init runs. Byte for byte as
/// upstream (boundary "==BOUNDARY==", each extension's own layout) whenever that is safe. Upstream
/// writes both parts raw, so a script line "--==BOUNDARY==" ends the script part and opens one of
/// the input's, a line break in a vsmp value starts a new line or part, and cloud-init's MIME reader
/// garbles non-ASCII text of a raw part. Osc instead cuts vsmp values at a line break, sends such a
/// script base64-encoded (which cloud-init decodes), and picks another boundary when the vsmp text
/// still holds upstream's; each with a deviation (OSC2008).
/// </summary>
internal static class MemoryOneEnvelope
{
    public const string UpstreamBoundary = "==BOUNDARY==";

    private const string Delimiter = "--" + UpstreamBoundary;

    /// <summary>RFC 2045's line length for base64 bodies.</summary>
    private const int Base64LineLength = 76;

    public enum Layout
    {
        /// <summary>memoryone-gardenlinux: part text right after the part header, no closing delimiter, no final newline.</summary>
        GardenLinux,

        /// <summary>memoryone-chost: a blank line after each part header, a closing delimiter and newline.</summary>
        Chost,
    }

    public static string Write(Layout layout, IReadOnlyList<string> vsmpLines, string script, List<ScriptDeviation> deviations)
    {
        var vsmp = new StringBuilder();
        foreach (var line in vsmpLines)
        {
            if (layout == Layout.GardenLinux)
            {
                vsmp.Append('\n').Append(line);
            }
            else
            {
                vsmp.Append(line).Append('\n');
            }
        }
        var vsmpText = vsmp.ToString();
        var reason = Base64Reason(script);
        var base64 = reason is not null;
        if (reason is not null)
        {
            deviations.Add(new ScriptDeviation("$.spec", $"the script part is sent base64-encoded (Content-Transfer-Encoding: base64): it {reason}; upstream sends it raw",
                "cloud-init decodes the part and runs exactly the provision script"));
        }
        var boundary = UpstreamBoundary;
        if (vsmpText.Contains(Delimiter, StringComparison.Ordinal))
        {
            boundary = FreshBoundary(vsmpText, script);
            deviations.Add(new ScriptDeviation("$.spec.providerConfig", $"the MIME boundary is \"{boundary}\": the vsmp settings contain \"{Delimiter}\", where upstream's envelope would end the vsmp part",
                "both parts arrive whole for any MIME reader that takes the boundary from the Content-Type header, as cloud-init's does; remove the text from the vsmp settings to keep upstream's boundary"));
        }
        var text = new StringBuilder(script.Length * (base64 ? 4 : 3) / 3 + vsmpText.Length + 256)
            .Append("Content-Type: multipart/mixed; boundary=\"").Append(boundary).Append("\"\nMIME-Version: 1.0\n")
            .Append("--").Append(boundary).Append("\nContent-Type: text/x-vsmp; section=vsmp\n");
        if (layout == Layout.GardenLinux)
        {
            text.Remove(text.Length - 1, 1); // the vsmp lines (each after a newline) follow the header directly
        }
        else
        {
            text.Append('\n');
        }
        text.Append(vsmpText).Append("\n--").Append(boundary).Append("\nContent-Type: text/x-shellscript\n");
        if (base64)
        {
            // A blank line before the body, as MIME requires: Osc's own form for the part it encodes.
            text.Append("Content-Transfer-Encoding: base64\n\n");
            AppendBase64Lines(text, Encoding.UTF8.GetBytes(script));
        }
        else
        {
            if (layout == Layout.Chost)
            {
                text.Append('\n');
            }
            text.Append(script);
        }
        text.Append("\n--").Append(boundary);
        return layout == Layout.Chost ? text.Append("--\n").ToString() : text.ToString();
    }

    /// <summary>Why the script cannot travel raw, or null: raw it must be ASCII text without upstream's delimiter.</summary>
    private static string? Base64Reason(string script)
    {
        if (script.Contains(Delimiter, StringComparison.Ordinal))
        {
            return $"contains \"{Delimiter}\", where upstream's envelope would end the script part and open a part of the input's (which cloud-init runs)";
        }
        foreach (var c in script)
        {
            if (c > 0x7E || (c < 0x20 && c is not '\n' and not '\t'))
            {
                return "holds non-ASCII or control characters, which cloud-init's MIME reader would pass on as \\uXXXX text or refuse to write";
            }
        }
        return null;
    }

    /// <summary>A boundary neither part contains, derived from their text (same input, same bytes).</summary>
    private static string FreshBoundary(string vsmp, string script)
    {
        for (var attempt = 0; ; attempt++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(vsmp, "\0", script, "\0", attempt.ToString(CultureInfo.InvariantCulture))));
            var candidate = "==BOUNDARY-" + Convert.ToHexString(hash, 0, 8) + "==";
            if (!vsmp.Contains("--" + candidate, StringComparison.Ordinal) && !script.Contains("--" + candidate, StringComparison.Ordinal))
            {
                return candidate;
            }
        }
    }

    private static void AppendBase64Lines(StringBuilder text, byte[] data)
    {
        var encoded = Convert.ToBase64String(data);
        for (var at = 0; at < encoded.Length; at += Base64LineLength)
        {
            if (at > 0)
            {
                text.Append('\n');
            }
            text.Append(encoded, at, Math.Min(Base64LineLength, encoded.Length - at));
        }
    }

    /// <summary>
    /// A vsmp key or value up to its first line break (CR, LF, NEL, LS, PS, VT, FF, … for any reader)
    /// or other control character but tab: upstream writes the rest as further lines of the MIME
    /// text, where a line "--==BOUNDARY==" opens a part cloud-init runs.
    /// </summary>
    public static string LineSafe(string value, string sourcePath, string what, List<ScriptDeviation> deviations)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if ((char.IsControl(value[i]) && value[i] != '\t') || value[i] is '\u2028' or '\u2029')
            {
                deviations.Add(new ScriptDeviation(sourcePath,
                    $"{what} is cut at its U+{(int)value[i]:X4} after \"{Printable(value[..i])}\"; upstream writes the rest as further lines of the user-data's MIME text, where they can open a part that cloud-init runs",
                    "the vsmp setting gets the text before the line break; remove the line break"));
                return value[..i];
            }
        }
        return value;
    }

    /// <summary>The start of a value for a message: at most 40 characters, control characters escaped.</summary>
    private static string Printable(string value)
    {
        var shown = new StringBuilder();
        foreach (var c in value.Length > 40 ? value[..40] : value)
        {
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return value.Length > 40 ? shown.Append('…').ToString() : shown.ToString();
    }
}
