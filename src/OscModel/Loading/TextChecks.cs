// SPDX-License-Identifier: Apache-2.0
using System;
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Model.Loading;

/// <summary>Byte-level checks before parsing: size, byte-order marks, UTF-8 validity, control characters.</summary>
internal static class TextChecks
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="bytes"/>, or null after reporting why it is not acceptable text.</summary>
    public static string? Decode(string file, byte[] bytes, Report report, LoadLimits limits)
    {
        if (bytes.LongLength > limits.MaxInputBytes)
        {
            report.Add(DiagnosticCatalog.InputTooLarge, $"the input has {bytes.LongLength} bytes; the limit is {limits.MaxInputBytes}", null,
                At(file, 1, 1), "split the input into several files");
            return null;
        }
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            report.Add(DiagnosticCatalog.NotText, "the input is UTF-16 or UTF-32; Osc reads UTF-8", null, At(file, 1, 1),
                "save the file as UTF-8");
            return null;
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }
        var line = 1;
        var column = 1;
        var i = 0;
        while (i < span.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span[i..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                report.Add(DiagnosticCatalog.NotText, $"invalid UTF-8 byte 0x{span[i]:X2}: this looks like binary data", null,
                    At(file, line, column), "Osc reads YAML or JSON text in UTF-8");
                return null;
            }
            var value = rune.Value;
            // YAML's line breaks: LF, CRLF, and a CR alone (old Mac files)
            if (value == '\n' || (value == '\r' && (i + 1 >= span.Length || span[i + 1] != (byte)'\n')))
            {
                line++;
                column = 1;
            }
            else
            {
                if ((value < 0x20 && value != '\t' && value != '\r') || value == 0x7F)
                {
                    var what = value == 0 ? "a NUL byte: this looks like binary data" : $"the control character U+{value:X4}";
                    report.Add(DiagnosticCatalog.NotText, $"the input contains {what}", null, At(file, line, column),
                        "remove it; YAML and JSON text may not contain control characters other than tab and line breaks");
                    return null;
                }
                column += rune.Utf16SequenceLength;
            }
            i += consumed;
        }
        return StrictUtf8.GetString(span);
    }

    public static SourceSpan At(string file, int line, int column) =>
        new(file, new SourcePosition(line, column), new SourcePosition(line, column + 1));
}
