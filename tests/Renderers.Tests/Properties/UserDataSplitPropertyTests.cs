// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Osc.Model.Loading;
using Osc.Renderers.Tests.OperatingSystems;
using Xunit.Abstractions;

namespace Osc.Renderers.Tests.Properties;

/// <summary>
/// Generated OSCs whose file content, file paths, unit content, drop-in names and content and
/// memoryone providerConfig values mix MIME boundary lines, every YAML 1.1 line break (CR, LF,
/// U+0085, U+2028, U+2029), other control characters (no NUL), quotes, $(…), backticks and EOF
/// lines; each rendered in every envelope and split as cloud-init splits it (one python3 for the
/// whole batch). Each must give exactly one executable part, the provision script, plus the
/// declared vsmp settings; a sample of the scripts runs in the sandbox against the declared files.
/// Bounded: <see cref="Iterations"/> OSCs (5 user-data each) from a fixed seed; OSC_ENVELOPE_SEED
/// and OSC_ENVELOPE_ITERATIONS explore further.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UserDataSplitPropertyTests(ITestOutputHelper output)
{
    public const int Iterations = 200;

    public const ulong Seed = 16_2026;

    /// <summary>How many generated OSCs also run in the sandbox (each of their distinct scripts).</summary>
    private const int SandboxSample = 6;

    private static readonly string[] Tokens =
    [
        "--==BOUNDARY==", "--==BOUNDARY==--", "\n--==BOUNDARY==\nContent-Type: text/x-shellscript\n\n#!/bin/sh\ntouch /pwned\n",
        "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\t", "\v", "\f", "\u0001", "\u001b", "\u007f", "\u0080", "\u009f", "\u00a0", "\ufeff", "\uffff",
        "'", "\"", "\\", "$(touch /pwned)", "`touch /pwned`", "${HOME}", "$", "EOF", "\nEOF\n", "#!/bin/sh", "#cloud-boothook", "#include http://x/",
        "Content-Type: text/x-shellscript", "MIME-Version: 1.0", "- type: text/x-shellscript", "  content: |", "    ", ": ", " #", ";", "=", "|", "- ",
        "\u00e9", "\u65e5\u672c", "\U0001F600", " ",
    ];

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcxyz019-_."], 1, 6];

    /// <summary>Hostile text: tokens and words, possibly empty.</summary>
    private static readonly Gen<string> Text = Gen.Frequency((3, Gen.Int[0, Tokens.Length - 1].Select(i => Tokens[i])), (2, Word)).Array[0, 8].Select(string.Concat);

    private static readonly Gen<string> NonEmptyText = Text.Select(t => t.Length == 0 ? "x" : t);

    /// <summary>A path segment or drop-in name: hostile, but no '/' (which would make more segments) and not "." or "..".</summary>
    private static readonly Gen<string> Name = NonEmptyText.Select(t => t.Replace('/', '_') is "." or ".." ? "_" : t.Replace('/', '_'));

    private static readonly Gen<JsonObject> FileGen = Gen.Select(Name, NonEmptyText, Gen.Bool, Gen.Bool, (name, data, unencoded, b64) => new JsonObject
    {
        ["path"] = name,
        ["content"] = new JsonObject
        {
            ["inline"] = new JsonObject { ["encoding"] = b64 ? "b64" : "", ["data"] = b64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(data)) : data },
            ["transmitUnencoded"] = unencoded,
        },
    });

    private static readonly Gen<JsonObject> DropInGen = Gen.Select(Name, NonEmptyText, Gen.Int[0, 9], (name, content, conf) => new JsonObject
    {
        ["name"] = conf == 0 ? name : name + ".conf",
        ["content"] = content,
    });

    /// <summary>A unit; one in ten has a hostile name, which validation refuses (OSC1225), so the OSC is refused whole.</summary>
    private static readonly Gen<JsonObject> UnitGen = Gen.Select(Gen.Int[0, 9], Word, NonEmptyText.Null(), DropInGen.Array[0, 2], (hostile, word, content, dropIns) =>
    {
        var unit = new JsonObject { ["name"] = hostile == 0 ? word + "\n" + word + ".service" : "osc-" + word + ".service" };
        if (content is not null)
        {
            unit["content"] = content;
        }
        if (dropIns.Length > 0)
        {
            unit["dropIns"] = new JsonArray([.. dropIns.DistinctBy(d => (string)d["name"]!)]);
        }
        return unit;
    });

    private sealed record Generated(JsonObject[] Files, JsonObject[] Units, bool ProviderConfig, string? SystemMemory, string? MemoryTopology, (string Key, string Value)[] Vsmp);

    private static readonly Gen<Generated> OscGen = Gen.Select(FileGen.Array[1, 3], UnitGen.Array[0, 2], Gen.Int[0, 4], Text.Null(), Text.Null(),
        Gen.Select(NonEmptyText, Text).Array[0, 3],
        (files, units, config, systemMemory, memoryTopology, vsmp) => new Generated(files, units, config > 0, systemMemory, memoryTopology, vsmp));

    /// <summary>The generated OSC as <paramref name="type"/>: files under /osc/f&lt;i&gt;/, unique unit names, providerConfig only where the type reads one.</summary>
    private static string Osc(Generated generated, string type, int index)
    {
        var files = generated.Files.Select((f, i) =>
        {
            var file = f.DeepClone().AsObject();
            file["path"] = $"/osc/f{i}/" + (string)f["path"]!;
            return (JsonNode)file;
        }).ToArray();
        var units = generated.Units.DistinctBy(u => (string)u["name"]!).Select(u => u.DeepClone()).ToArray();
        var spec = new JsonObject { ["type"] = type, ["purpose"] = "provision", ["files"] = new JsonArray(files), ["units"] = new JsonArray(units) };
        if (type.StartsWith("memoryone-", StringComparison.Ordinal) && generated.ProviderConfig)
        {
            var config = new JsonObject { ["apiVersion"] = type + ".os.extensions.gardener.cloud/v1alpha1", ["kind"] = "OperatingSystemConfiguration" };
            if (generated.SystemMemory is { } systemMemory)
            {
                config["systemMemory"] = systemMemory;
            }
            if (generated.MemoryTopology is { } memoryTopology)
            {
                config["memoryTopology"] = memoryTopology;
            }
            if (type == "memoryone-chost" && generated.Vsmp.Length > 0)
            {
                var map = new JsonObject();
                foreach (var (key, value) in generated.Vsmp.DistinctBy(v => v.Key))
                {
                    map[key] = value;
                }
                config["vsmpConfiguration"] = map;
            }
            spec["providerConfig"] = config;
        }
        return new JsonObject
        {
            ["apiVersion"] = "extensions.gardener.cloud/v1alpha1",
            ["kind"] = "OperatingSystemConfig",
            ["metadata"] = new JsonObject { ["name"] = "gen-" + index.ToString(CultureInfo.InvariantCulture), ["namespace"] = "osc" },
            ["spec"] = spec,
        }.ToJsonString();
    }

    [SkippableFact]
    public void Generated_user_data_gives_cloud_init_exactly_the_declared_parts()
    {
        var python = CloudInitSplit.FindPythonOrSkip();
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("OSC_ENVELOPE_SEED"), out var s) ? s : Seed;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("OSC_ENVELOPE_ITERATIONS"), out var n) ? n : Iterations;
        var pcg = new PCG(1, seed);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var cases = new List<UserDataCase>();
        for (var i = 0; i < iterations; i++)
        {
            var generated = OscGen.Generate(pcg, null, out _);
            foreach (var type in UserDataSplit.EnvelopeTypes)
            {
                var json = Osc(generated, type, i);
                var id = $"gen-{i}@{type}";
                sources[id] = json;
                cases.AddRange(UserDataSplit.Render(id, OscLoader.LoadText(id + ".json", json)));
            }
        }
        var rendered = cases.Where(c => !c.Refused).ToList();

        var splits = CloudInitSplit.Run(python, rendered.Select(c => (c.Id, c.UserData!)));

        output.WriteLine($"{iterations} generated OSCs from seed {seed}, {cases.Count} user-data");
        UserDataSplitTests.Summarize(output, cases, splits);
        string Failure(string id, string problem) => $"{id}: {problem}\n  input: {sources[id]}";
        Assert.All(cases, c => Assert.True(c.Crash is null, Failure(c.Id, c.Crash ?? "")));
        // Refused only for what validation rejects: here the hostile unit names, never anything an envelope could not carry.
        var wronglyRefused = cases.Where(c => c.Refused && c.Report.Items.Any(d => d.Severity == Model.Diagnostics.Severity.Error && d.Code != "OSC1225")).ToList();
        Assert.True(wronglyRefused.Count == 0, string.Join("\n", wronglyRefused.Select(c => Failure(c.Id, string.Join("; ", c.Report.Items.Select(d => d.Code + " " + d.Message))))));
        Assert.True(rendered.Count > cases.Count / 2, $"only {rendered.Count} of {cases.Count} rendered");
        var problems = rendered.Select(c => (c.Id, Problem: UserDataSplit.Problem(c, splits[c.Id]))).Where(p => p.Problem is not null).ToList();
        problems.ForEach(p => output.WriteLine(Failure(p.Id, p.Problem!)));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(5).Select(p => Failure(p.Id, p.Problem!))));
        using var sandbox = new ScriptSandbox();
        var sample = rendered.Where(c => int.Parse(c.Id[4..c.Id.IndexOf('@', StringComparison.Ordinal)], CultureInfo.InvariantCulture) < SandboxSample)
            .DistinctBy(c => splits[c.Id].Executable[0].Payload).ToList();
        var wrong = sample.Select(c => (c.Id, Problem: UserDataSplit.SandboxProblem(sandbox, c, splits[c.Id].Executable[0].Payload))).Where(p => p.Problem is not null).ToList();
        output.WriteLine($"{sample.Count} scripts of the first {SandboxSample} OSCs run in the sandbox");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Select(p => Failure(p.Id, p.Problem!))));
    }
}
