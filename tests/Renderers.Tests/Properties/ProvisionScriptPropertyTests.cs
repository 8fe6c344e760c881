// SPDX-License-Identifier: Apache-2.0
using CsCheck;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Renderers.Tests.OperatingSystems;

namespace Osc.Renderers.Tests.Properties;

/// <summary>
/// Random files (random bytes, random text with shell syntax, transmitUnencoded or not, random
/// modes and paths) and units: the files-and-units part of a provision script, run in the sandbox,
/// reproduces every one exactly.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProvisionScriptPropertyTests
{
    private const string TextCharacters = "abc XYZ 019\n\t$`\\\"'(){}[]#!&|;<>*?~EOF=%+-_.,:/é日";
    private const string NameCharacters = "abcxyz019-_. '\"$";

    private static readonly Gen<byte[]> Data = Gen.OneOf(
        Gen.Byte.Array[0, 40],
        Gen.String[Gen.Char[TextCharacters], 0, 60].Select(s => System.Text.Encoding.UTF8.GetBytes(s)),
        Gen.Int[0, 7].Select(i => new[] { "EOF", "EOF\n", "a\nEOF\nb", "$(id)", "`id`", "${HOME}", "\\", "x\n\n" }[i]).Select(s => System.Text.Encoding.UTF8.GetBytes(s)));

    private static readonly Gen<string> Name = Gen.String[Gen.Char[NameCharacters], 1, 12].Where(n => n.Trim('.').Length > 0 && n != "." && n != "..");

    private static readonly Gen<ScriptFile> File = Gen.Select(Name.Array[1, 3], Data, Gen.Int[0, 0xFFF].Select(m => (uint)m).Nullable(), Gen.Bool,
        (segments, data, mode, unencoded) => new ScriptFile("/data/" + string.Join('/', segments), data, mode is { } m ? (m | 0x100u) : null, unencoded, "$.spec.files[0]"));

    private static readonly Gen<Unit> UnitGen = Gen.Select(Gen.String[Gen.Char["abcxyz019-_"], 1, 10], Gen.String[Gen.Char[TextCharacters], 0, 40], Gen.Bool,
        (name, content, withDropIn) => new Unit
        {
            Name = name + ".service",
            Content = content,
            DropIns = withDropIn ? [new DropIn { Name = "10-x.conf", Content = content + "x" }] : null,
        });

    [SkippableFact]
    public void Random_files_and_units_are_reproduced_exactly()
    {
        using var sandbox = new ScriptSandbox();
        Gen.Select(File.Array[1, 4], UnitGen.Array[0, 2], (files, units) => (files, units)).Sample(input =>
        {
            // Distinct paths; a file may not sit where another file's directory must be.
            var files = input.files.DistinctBy(f => f.Path).Where((f, _) => true).ToList();
            if (files.Any(a => files.Any(b => b.Path.StartsWith(a.Path + "/", StringComparison.Ordinal))))
            {
                return;
            }
            var units = input.units.DistinctBy(u => u.Name).Select((u, i) => (u, $"$.spec.units[{i}]")).ToList();
            var deviations = new List<ScriptDeviation>();
            var script = "#!/bin/bash\nrm -rf /data /etc/systemd/system/*\nmkdir -p /etc/systemd/system\n"
                + ProvisionScript.FilesToDisk(files, deviations) + "\n" + ProvisionScript.UnitsToDisk(units, deviations) + "\n";

            var run = sandbox.Run(script);

            Assert.True(run.ExitCode == 0, run.Stderr + "\n" + script);
            foreach (var file in files)
            {
                Assert.Equal(ExpectedOnNode(file), sandbox.Read(file.Path));
                // A file written otherwise than upstream's plain heredoc is said (OSC2008), and only such a file.
                Assert.Equal(file.TransmitUnencoded && !PlainHeredocCarries(file.Data),
                    deviations.Any(d => d.Message.StartsWith(file.Path + ": ", StringComparison.Ordinal) && d.Message.Contains("heredoc", StringComparison.Ordinal)));
                if (file.Permissions is { } mode)
                {
                    Assert.Equal(mode, sandbox.Mode(file.Path) & 0xFFF);
                }
            }
            foreach (var (unit, _) in units)
            {
                Assert.Equal(unit.Content, System.Text.Encoding.UTF8.GetString(sandbox.Read("/etc/systemd/system/" + unit.Name)));
            }
        }, iter: 60, threads: 1);
    }

    /// <summary>
    /// The oracle, from the declared file alone: the node gets exactly the declared bytes, except that a
    /// transmitUnencoded text written through upstream's unquoted "cat &lt;&lt; EOF" gains the newline every heredoc ends with.
    /// </summary>
    private static byte[] ExpectedOnNode(ScriptFile file) =>
        file.TransmitUnencoded && PlainHeredocCarries(file.Data) ? [.. file.Data, (byte)'\n'] : file.Data;

    /// <summary>
    /// Whether an unquoted heredoc ending at a line "EOF" reproduces <paramref name="data"/>: UTF-8 text without NUL or
    /// control characters other than newline and tab, no line "EOF", nothing bash expands ($, `, \). (The generators'
    /// alphabet cannot spell "MIME-Version:", the fourth reason upstream's bytes are not kept.)
    /// </summary>
    private static bool PlainHeredocCarries(byte[] data)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (ArgumentException)
        {
            return false;
        }
        return !text.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            && !text.Split('\n').Contains("EOF")
            && text.IndexOfAny(['$', '`', '\\']) < 0;
    }
}
