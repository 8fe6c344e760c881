// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;

namespace Osc.Renderers.OperatingSystems.Bash;

/// <summary>A file as a provision script writes it: node path, exact bytes, mode, and where it came from.</summary>
internal sealed record ScriptFile(string Path, byte[] Data, uint? Permissions, bool TransmitUnencoded, string SourcePath);

/// <summary>A deviation from upstream's user-data, with the input path it concerns and, where the default does not fit, what the node gets.</summary>
internal sealed record ScriptDeviation(string SourcePath, string Message, string? Hint = null);

/// <summary>
/// The shared pieces of the OS extensions' provision scripts (gardener's bash helpers): files to
/// disk, units to disk, and the run-once wrapper. Byte for byte as upstream on input upstream
/// handles correctly; where upstream's unquoted heredoc or "…" quoting would change bytes or run
/// content, a correct form is written and a deviation recorded.
/// </summary>
internal static class ProvisionScript
{
    public const string AppliedMarker = "/var/lib/osc/provision-osc-applied";

    /// <param name="files">The files, in spec order.</param>
    /// <param name="deviations">Collects where the script differs from upstream's.</param>
    /// <param name="yamlEmbedded">The script goes into a YAML literal block (Ubuntu's archive): plain text with tabs or trailing
    /// spaces is then base64-encoded too, since go-yaml would not keep the script a literal block and linters reject it.</param>
    public static string FilesToDisk(IEnumerable<ScriptFile> files, List<ScriptDeviation> deviations, bool yamlEmbedded = false)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            text.Append("\nmkdir -p ").Append(ShellQuote.Path(GoPath.Dir(file.Path))).Append('\n');
            text.Append(WriteData(file.Path, file.Data, file.TransmitUnencoded, file.SourcePath, deviations, yamlEmbedded));
            if (file.Permissions is { } mode)
            {
                text.Append("\nchmod \"").Append(Convert.ToString(mode, 8).PadLeft(4, '0')).Append("\" ").Append(ShellQuote.Path(file.Path));
            }
            NotePathQuoting(file.Path, file.SourcePath, deviations);
        }
        return text.ToString();
    }

    public static string UnitsToDisk(IEnumerable<(Unit Unit, string SourcePath)> units, List<ScriptDeviation> deviations)
    {
        var text = new StringBuilder();
        foreach (var (unit, source) in units)
        {
            var unitPath = Systemd.SystemdUnitsRenderer.UnitDirectory + "/" + unit.Name;
            NotePathQuoting(unitPath, source, deviations);
            if (unit.Content is { } content)
            {
                text.Append('\n').Append(WriteData(unitPath, Encoding.UTF8.GetBytes(content), false, source, deviations));
            }
            if (unit.DropIns is { Count: > 0 } dropIns)
            {
                var dropInDirectory = unitPath + ".d";
                text.Append("\nmkdir -p ").Append(ShellQuote.Path(dropInDirectory));
                foreach (var dropIn in dropIns)
                {
                    var dropInPath = dropInDirectory + "/" + dropIn.Name;
                    NotePathQuoting(dropInPath, source, deviations);
                    text.Append('\n').Append(WriteData(dropInPath, Encoding.UTF8.GetBytes(dropIn.Content), false, source, deviations));
                }
            }
        }
        return text.ToString();
    }

    private const string OneshotGuard = "if [ -f \"" + AppliedMarker + "\" ]; then\n  echo \"Provision OSC already applied, exiting...\"\n  exit 0\nfi\n\n";
    private const string OneshotMark = "\n\nmkdir -p /var/lib/osc\ntouch " + AppliedMarker + "\n";

    /// <summary>Keeps leading '#' lines (the shebang), then exits early when the script already ran once, and marks it done at the end.</summary>
    public static string WrapOneshot(string script)
    {
        // The header ends at the first line not starting with '#'; cut there instead of splitting
        // the whole script into lines and joining them again.
        var cut = 0;
        while (cut < script.Length && script[cut] == '#')
        {
            var newline = script.IndexOf('\n', cut);
            if (newline < 0)
            {
                cut = -1; // every line is a header line: the general form below
                break;
            }
            cut = newline + 1;
        }
        if (cut >= 0)
        {
            // One allocation: the result.
            return string.Concat(script.AsSpan(0, cut), OneshotGuard, script.AsSpan(cut), OneshotMark);
        }
        var lines = script.Split('\n');
        var header = lines.TakeWhile(l => l.StartsWith('#')).ToList();
        var wrapped = new List<string>(header)
        {
            $"if [ -f \"{AppliedMarker}\" ]; then",
            "  echo \"Provision OSC already applied, exiting...\"",
            "  exit 0",
            "fi",
            "",
        };
        wrapped.AddRange(lines.Skip(header.Count));
        wrapped.AddRange(["", "mkdir -p /var/lib/osc", $"touch {AppliedMarker}", ""]);
        return string.Join('\n', wrapped);
    }

    /// <summary>
    /// Upstream: base64 in an unquoted heredoc (always exact), or for transmitUnencoded the raw text in
    /// an unquoted heredoc, which bash expands and which always ends in an added newline.
    /// </summary>
    private static string WriteData(string path, byte[] data, bool transmitUnencoded, string source, List<ScriptDeviation> deviations, bool yamlEmbedded = false)
    {
        if (transmitUnencoded && yamlEmbedded && IsText(data) && Ubuntu.GoYamlLiteral.GoYamlWouldQuote(Encoding.UTF8.GetString(data)))
        {
            deviations.Add(new ScriptDeviation(source, $"{path}: written base64-encoded; with tabs or trailing spaces upstream's archive stops being a literal block"));
            return "\ncat << EOF | base64 -d > " + ShellQuote.Path(path) + "\n" + Convert.ToBase64String(data) + "\nEOF";
        }
        if (transmitUnencoded)
        {
            var problem = PlainHeredocProblem(data);
            if (problem is null)
            {
                return "\ncat << EOF > " + ShellQuote.Path(path) + "\n" + Encoding.UTF8.GetString(data) + "\nEOF";
            }
            if (IsText(data) && !Encoding.UTF8.GetString(data).Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            {
                deviations.Add(new ScriptDeviation(source, $"{path}: written with printf and single quotes; upstream's unquoted heredoc {problem}"));
                return "\nprintf '%s' " + ShellQuote.Single(Encoding.UTF8.GetString(data)) + " > " + ShellQuote.Path(path);
            }
            deviations.Add(new ScriptDeviation(source, $"{path}: binary content written base64-encoded; upstream's plain heredoc {problem}"));
        }
        return "\ncat << EOF | base64 -d > " + ShellQuote.Path(path) + "\n" + Convert.ToBase64String(data) + "\nEOF";
    }

    /// <summary>
    /// Why upstream's unquoted "cat &lt;&lt; EOF" would not reproduce this text, or null when it does
    /// (apart from the newline every heredoc adds: see <see cref="NodeBytes"/>).
    /// </summary>
    private static string? PlainHeredocProblem(byte[] data)
    {
        if (!IsText(data))
        {
            return "cannot carry binary data";
        }
        var text = Encoding.UTF8.GetString(data);
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return "would carry control characters that a YAML user-data cannot hold";
        }
        if (HasLine(text, "EOF"))
        {
            return "ends at the content line \"EOF\"";
        }
        if (ShellQuote.HasMimeSniff(text))
        {
            return "would put \"MIME-Version:\" into the user-data, where cloud-init takes it for a MIME message and garbles its non-ASCII text";
        }
        if (text.IndexOfAny(['$', '`', '\\']) >= 0)
        {
            return "would expand $, ` and \\ on the node";
        }
        return null;
    }

    /// <summary>True when one of the '\n'-separated lines of <paramref name="text"/> is exactly <paramref name="line"/>.</summary>
    private static bool HasLine(string text, string line)
    {
        for (var at = text.IndexOf(line, StringComparison.Ordinal); at >= 0; at = text.IndexOf(line, at + 1, StringComparison.Ordinal))
        {
            var end = at + line.Length;
            if ((at == 0 || text[at - 1] == '\n') && (end == text.Length || text[end] == '\n'))
            {
                return true;
            }
        }
        return false;
    }

    // Validates without decoding into a string (strict UTF-8, as a throwing UTF8Encoding decodes).
    private static bool IsText(byte[] data) => !data.AsSpan().Contains((byte)0) && System.Text.Unicode.Utf8.IsValid(data);

    /// <summary>
    /// The bytes the node gets for a file: exact, except that upstream's plain heredoc for
    /// transmitUnencoded text appends a newline (kept, so the placeholders gardener's machine
    /// controller replaces stay in clear text, byte-identical with upstream).
    /// </summary>
    public static byte[] NodeBytes(ScriptFile file, bool yamlEmbedded = false) =>
        file.TransmitUnencoded && PlainHeredocProblem(file.Data) is null
        && !(yamlEmbedded && Ubuntu.GoYamlLiteral.GoYamlWouldQuote(Encoding.UTF8.GetString(file.Data)))
            ? [.. file.Data, (byte)'\n'] : file.Data;

    private static void NotePathQuoting(string path, string source, List<ScriptDeviation> deviations)
    {
        if (ShellQuote.NeedsSingleQuotes(path))
        {
            deviations.Add(new ScriptDeviation(source, $"{path}: quoted with single quotes; upstream's \"…\" would let bash interpret it"));
        }
        if (ShellQuote.HasMimeSniff(path))
        {
            deviations.Add(new ScriptDeviation(source, $"{path}: \"MIME-Version:\" is written across two quoted strings (the same path for bash); upstream writes it whole, and cloud-init then takes the user-data for a MIME message and garbles its non-ASCII text"));
        }
    }
}
