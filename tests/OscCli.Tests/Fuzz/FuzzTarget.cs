// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model.Loading;
using Osc.Renderers;

namespace Osc.Cli.Tests.Fuzz;

/// <summary>
/// What must hold for any input, checked two ways: in the library (loader, validation, render; no
/// catch-all in between, so any exception is a finding) and through the CLI as users run it
/// (validate and render, twice each). Each check returns null, or what broke.
/// </summary>
internal static class FuzzTarget
{
    private static readonly string[] InternalCodes = ["OSC9001", "OSC9002"];

    /// <summary>Load, validate and render in-process: no exception, no internal-error code.</summary>
    public static string? CheckLibrary(byte[] input)
    {
        try
        {
            var validated = OscRenderer.Validate(OscLoader.Load([new InputFile("fuzz.yaml", input)]));
            var rendered = OscRenderer.Render(OscLoader.Load([new InputFile("fuzz.yaml", input)]));
            foreach (var diagnostic in validated.Items.Concat(rendered.Report.Items))
            {
                if (InternalCodes.Contains(diagnostic.Code))
                {
                    return "internal error reported: " + diagnostic;
                }
            }
            if (validated.HasErrors && !rendered.Report.HasErrors)
            {
                return "validate found errors that render did not";
            }
            return null;
        }
        catch (Exception ex)
        {
            return "exception escaped: " + ex;
        }
    }

    /// <summary>
    /// validate (file, twice; stdin as JSON lines once) and render (twice, into two folders of <paramref name="work"/>):
    /// exit code 0 or 1, no internal error, terminal-safe text, the same answer each time, nothing
    /// written outside the output folder and nothing at all when the render fails.
    /// </summary>
    public static string? CheckCli(byte[] input, string work)
    {
        try
        {
            var file = Path.Combine(work, "input.yaml");
            File.WriteAllBytes(file, input);
            var validate = CliRunner.Run(["validate", file]);
            var again = CliRunner.Run(["validate", file]);
            var json = CliRunner.Run(["validate", "--format", "json", "-"], new MemoryStream(input));
            var first = CliRunner.Run(["render", file, "--output", Path.Combine(work, "out1")]);
            var second = CliRunner.Run(["render", file, "--output", Path.Combine(work, "out2")]);

            foreach (var (name, run) in new[] { ("validate", validate), ("validate json", json), ("render", first) })
            {
                if (run.ExitCode is not (0 or 1))
                {
                    return $"{name} exited {run.ExitCode}:\n{run.Stderr}";
                }
                if (InternalCodes.FirstOrDefault(code => run.Stderr.Contains(code, StringComparison.Ordinal)) is { } code)
                {
                    return $"{name} reported {code}:\n{run.Stderr}";
                }
            }
            foreach (var (name, run) in new[] { ("validate", validate), ("render", first) })
            {
                if (UnsafeForTerminal(run.Stderr) is { } at)
                {
                    return $"{name} printed U+{(int)run.Stderr[at]:X4} raw at offset {at}:\n{run.Stderr}";
                }
            }
            if ((validate.ExitCode, validate.Stderr) != (again.ExitCode, again.Stderr))
            {
                return $"validate answered differently the second time:\n{validate.Stderr}\n---\n{again.Stderr}";
            }
            if (validate.ExitCode != json.ExitCode)
            {
                return $"validate exited {validate.ExitCode} for text and {json.ExitCode} for JSON";
            }
            if (validate.ExitCode == 1 && first.ExitCode == 0)
            {
                return "validate failed but render succeeded";
            }
            if ((first.ExitCode, first.Stderr.Replace("out1", "outN", StringComparison.Ordinal)) != (second.ExitCode, second.Stderr.Replace("out2", "outN", StringComparison.Ordinal)))
            {
                return $"render answered differently the second time:\n{first.Stderr}\n---\n{second.Stderr}";
            }
            var outside = Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName).Except(["input.yaml", "out1", "out2"]).ToList();
            if (outside.Count > 0)
            {
                return "written outside the output folder: " + string.Join(", ", outside);
            }
            if (first.ExitCode == 1 && Directory.Exists(Path.Combine(work, "out1")))
            {
                return "a failed render left an output folder";
            }
            if (first.ExitCode == 0 && TreeDifference(Path.Combine(work, "out1"), Path.Combine(work, "out2")) is { } difference)
            {
                return "two renders of one input differ: " + difference;
            }
            return null;
        }
        catch (Exception ex)
        {
            return "exception escaped: " + ex;
        }
    }

    /// <summary>The offset of a character a terminal would act on (control other than a line break, DEL, C1, bidi), or null.</summary>
    private static int? UnsafeForTerminal(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>What differs between two rendered trees (paths, kinds, bytes, modes), or null; a symbolic link in either is a difference too.</summary>
    private static string? TreeDifference(string a, string b)
    {
        static SortedDictionary<string, string> Describe(string root)
        {
            var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (!Directory.Exists(root))
            {
                return entries;
            }
            foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, entry.FullName);
                var mode = OperatingSystem.IsWindows() ? "" : Convert.ToString((int)entry.UnixFileMode, 8);
                entries[relative] = entry.LinkTarget is not null ? "symlink " + entry.LinkTarget
                    : entry is FileInfo f ? $"file {mode} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f.FullName)))}"
                    : "dir " + mode;
            }
            return entries;
        }
        var left = Describe(a);
        var right = Describe(b);
        if (left.Values.Concat(right.Values).FirstOrDefault(v => v.StartsWith("symlink", StringComparison.Ordinal)) is { } link)
        {
            return "the output holds a " + link;
        }
        var differing = left.Keys.Union(right.Keys).FirstOrDefault(k => left.GetValueOrDefault(k) != right.GetValueOrDefault(k));
        return differing is null ? null : $"{differing}: {left.GetValueOrDefault(differing) ?? "absent"} vs {right.GetValueOrDefault(differing) ?? "absent"}";
    }

    /// <summary>A finding as text for the failure message: printable, and base64 to reproduce it exactly.</summary>
    public static string Describe(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var shown = text.Length > 2000 ? text[..2000] + "…" : text;
        return $"input ({input.Length} bytes), base64 {Convert.ToBase64String(input)}\n{TerminalText.Escape(shown)}";
    }
}
