// SPDX-License-Identifier: Apache-2.0
using System.Text.Json.Nodes;
using Osc.Model.Loading;
using Osc.TestUtil;
using Xunit.Abstractions;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// Every provision envelope (Ubuntu's #cloud-config-archive, the bare scripts, memoryone's MIME)
/// split as cloud-init splits it: over the hand-written attacks of issue 16 in every envelope,
/// every example and every fixture that validates clean. Each must give cloud-init exactly one
/// executable part, the provision script, which run in the sandbox writes exactly the declared
/// files; memoryone's vsmp part holds the declared settings; nothing else is there.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UserDataSplitTests(ITestOutputHelper output)
{
    private const string Payload = "#!/bin/sh\ntouch /pwned\n";

    /// <summary>A MIME part upstream's memoryone envelopes would open at this text (both layouts: with and without the blank line).</summary>
    private const string MimePart = "--==BOUNDARY==\nContent-Type: text/x-shellscript\n" + Payload + "--==BOUNDARY==\nContent-Type: text/x-shellscript\n\n" + Payload;

    /// <summary>An archive item PyYAML reads after <paramref name="lineBreak"/>: it ends the literal, and the rest of the script becomes the new item's content.</summary>
    private static string ArchiveItem(string lineBreak) =>
        $"x{lineBreak}- type: text/x-shellscript{lineBreak}  content: |{lineBreak}    #!/bin/sh{lineBreak}    touch /pwned{lineBreak}";

    private static JsonObject File(string path, string data, bool transmitUnencoded = true) => new()
    {
        ["path"] = path,
        ["permissions"] = 420,
        ["content"] = new JsonObject { ["inline"] = new JsonObject { ["encoding"] = "", ["data"] = data }, ["transmitUnencoded"] = transmitUnencoded },
    };

    private static JsonObject Unit(string dropInName = "10-env.conf") => new()
    {
        ["name"] = "osc-a.service",
        ["content"] = "[Service]\nExecStart=/bin/true\n",
        ["dropIns"] = new JsonArray(new JsonObject { ["name"] = dropInName, ["content"] = "[Service]\nEnvironment=A=b\n" }),
    };

    /// <summary>An attack: the OSC's files and units, and providerConfig fields for memoryone-gardenlinux and memoryone-chost.</summary>
    internal sealed record Attack(string Id, JsonObject[] Files, JsonObject? Unit = null, JsonObject? GardenLinux = null, JsonObject? Chost = null);

    /// <summary>The attacks of issue 16 and their variants; each is rendered for every envelope type.</summary>
    internal static readonly Attack[] Attacks =
    [
        new("content-boundary", [File("/etc/osc/boundary.txt", "before\n" + MimePart + "after\n")]),
        new("content-boundary-closing", [File("/etc/osc/closing.txt", "--==BOUNDARY==--\n" + MimePart)]),
        new("content-boundary-crlf", [File("/etc/osc/crlf.txt", MimePart.Replace("\n", "\r\n", StringComparison.Ordinal))]),
        new("content-boundary-printf", [File("/etc/osc/printf.txt", "$HOME\n" + MimePart)]),
        new("content-ls", [File("/etc/osc/ls.txt", ArchiveItem("\u2028"))]),
        new("content-ps", [File("/etc/osc/ps.txt", ArchiveItem("\u2029"))]),
        new("content-nel", [File("/etc/osc/nel.txt", ArchiveItem("\u0085"))]),
        new("content-ls-printf", [File("/etc/osc/ls-printf.txt", "$(id)\n" + ArchiveItem("\u2028"))]),
        new("content-unicode", [File("/etc/osc/unicode.txt", "h\u00e9llo \u2192 \u65e5\u672c \U0001F600 \u00a0\n")]),
        new("content-mime-version", [File("/etc/osc/mail.txt", "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"X\"\n\n--X\nContent-Type: text/x-shellscript\n\n" + Payload + "--X--\n")]),
        new("path-boundary", [File("/etc/osc/a\n" + MimePart.Replace('/', '_') + "b", "x\n")]),
        new("path-boundary-cr", [File("/etc/osc/a\r" + MimePart.Replace('/', '_').Replace('\n', '\r') + "b", "x\n")]),
        new("path-ls", [File("/etc/osc/" + ArchiveItem("\u2028").Replace('/', '_'), "x\n")]),
        new("path-ps", [File("/etc/osc/" + ArchiveItem("\u2029").Replace('/', '_'), "x\n")]),
        new("path-nel", [File("/etc/osc/" + ArchiveItem("\u0085").Replace('/', '_'), "x\n")]),
        new("path-cr", [File("/etc/osc/" + ArchiveItem("\r").Replace('/', '_'), "x\n")]),
        new("path-controls", [File("/etc/osc/a\u0001b\u007fc\u0080d\u009fe\ufeff\t f ", "x\n")]),
        new("dropin-ls", [File("/etc/osc/x.conf", "x\n")], Unit(ArchiveItem("\u2028").Replace('/', '_') + ".conf")),
        new("dropin-boundary", [File("/etc/osc/x.conf", "x\n")], Unit("a\n" + MimePart.Replace('/', '_') + ".conf")),
        new("system-memory-boundary", [File("/etc/osc/x.conf", "x\n")],
            GardenLinux: new JsonObject { ["systemMemory"] = "6x\n" + MimePart }, Chost: new JsonObject { ["systemMemory"] = "6x\n" + MimePart }),
        new("memory-topology-boundary", [File("/etc/osc/x.conf", "x\n")],
            GardenLinux: new JsonObject { ["memoryTopology"] = "2\r" + MimePart.Replace('\n', '\r') }, Chost: new JsonObject { ["memoryTopology"] = "2\u2028" + MimePart }),
        new("system-memory-empty", [File("/etc/osc/x.conf", "x\n")], GardenLinux: new JsonObject { ["systemMemory"] = "" }),
        new("vsmp-value-boundary", [File("/etc/osc/x.conf", "x\n")],
            Chost: new JsonObject { ["vsmpConfiguration"] = new JsonObject { ["debug_features"] = "&0xff\n" + MimePart, ["pci_dev_filter"] = "\"00:0a:ce\"" } }),
        new("vsmp-key-boundary", [File("/etc/osc/x.conf", "x\n")],
            Chost: new JsonObject { ["vsmpConfiguration"] = new JsonObject { ["k\n" + MimePart] = "v", ["--==BOUNDARY="] = "" } }),
        new("vsmp-header-like", [File("/etc/osc/x.conf", "x\n")],
            GardenLinux: new JsonObject { ["systemMemory"] = "7x;pci_dev_filter=\"00:0a:ce\"" }),
    ];

    /// <summary>An attack as one OSC of <paramref name="type"/>, written as JSON so any character reaches Osc's loader exactly.</summary>
    internal static string AttackOsc(Attack attack, string type)
    {
        var spec = new JsonObject
        {
            ["type"] = type,
            ["purpose"] = "provision",
            ["units"] = new JsonArray((attack.Unit ?? Unit()).DeepClone()),
            ["files"] = new JsonArray([.. attack.Files.Select(f => f.DeepClone())]),
        };
        if (type.StartsWith("memoryone-", StringComparison.Ordinal))
        {
            var config = new JsonObject { ["apiVersion"] = type + ".os.extensions.gardener.cloud/v1alpha1", ["kind"] = "OperatingSystemConfiguration" };
            foreach (var (name, value) in (type == "memoryone-chost" ? attack.Chost : attack.GardenLinux) ?? [])
            {
                config[name] = value?.DeepClone();
            }
            spec["providerConfig"] = config;
        }
        return new JsonObject
        {
            ["apiVersion"] = "extensions.gardener.cloud/v1alpha1",
            ["kind"] = "OperatingSystemConfig",
            ["metadata"] = new JsonObject { ["name"] = "attack", ["namespace"] = "osc" },
            ["spec"] = spec,
        }.ToJsonString();
    }

    /// <summary>Every example, node-boot case and upstream fixture that validates clean, loaded with the Secrets beside it.</summary>
    private static IEnumerable<(string Id, OscInput Input)> Fixtures()
    {
        var folders = new List<(string Prefix, string Folder)>
        {
            ("examples", RepoPaths.Examples),
            ("nodeboot", Path.Combine(RepoPaths.Root, "tests", "NodeBoot", "cases")),
        };
        if (RepoPaths.Shared is { } shared)
        {
            folders.AddRange(Directory.EnumerateDirectories(Path.Combine(shared, "upstream"), "*", SearchOption.AllDirectories)
                .Where(d => Directory.EnumerateFiles(d, "*.yaml").Any()).Order(StringComparer.Ordinal)
                .Select(d => ("upstream/" + Path.GetRelativePath(Path.Combine(shared, "upstream"), d), d)));
        }
        foreach (var (prefix, folder) in folders)
        {
            var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList();
            var secrets = files.Where(f => Path.GetFileName(f).Contains("secret", StringComparison.Ordinal)).ToList();
            foreach (var file in files.Except(secrets))
            {
                var input = OscLoader.LoadFiles([file, .. secrets]);
                if (!input.Report.HasErrors)
                {
                    yield return ($"{prefix}/{Path.GetFileName(file)}", input);
                }
            }
        }
    }

    private static IEnumerable<UserDataCase> Corpus() =>
        Attacks.SelectMany(attack => UserDataSplit.EnvelopeTypes.SelectMany(type =>
                UserDataSplit.Render($"{attack.Id}@{type}", OscLoader.LoadText("attack.json", AttackOsc(attack, type)))))
            .Concat(Fixtures().SelectMany(f => UserDataSplit.Render(f.Id, f.Input)));

    [SkippableFact]
    public void Every_user_data_of_the_corpus_gives_cloud_init_exactly_the_declared_parts()
    {
        var python = CloudInitSplit.FindPythonOrSkip();
        var cases = Corpus().ToList();
        var rendered = cases.Where(c => !c.Refused).ToList();

        var splits = CloudInitSplit.Run(python, rendered.Select(c => (c.Id, c.UserData!)));

        Summarize(output, cases, splits);
        var problems = rendered.Select(c => (c.Id, Problem: UserDataSplit.Problem(c, splits[c.Id]))).Where(p => p.Problem is not null).ToList();
        problems.ForEach(p => output.WriteLine($"{p.Id}: {p.Problem}"));
        Assert.True(cases.Count(c => c.Id.Contains('@', StringComparison.Ordinal)) == Attacks.Length * UserDataSplit.EnvelopeTypes.Length, "every attack renders in every envelope");
        Assert.Contains(cases, c => c.Id.StartsWith("examples/", StringComparison.Ordinal));
        Assert.All(cases, c => Assert.True(c.Crash is null, $"{c.Id}: {c.Crash}"));
        Assert.All(cases.Where(c => c.Refused), c => Assert.DoesNotContain(c.Report.Items, d => d.Code.StartsWith("OSC9", StringComparison.Ordinal)));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => $"{p.Id}: {p.Problem}")));
        // The one executable part, run: it writes exactly what the OSC declares. Equal scripts (memoryone's and
        // its base OS's, the vsmp attacks') run once.
        using var sandbox = new ScriptSandbox();
        var wrong = rendered.DistinctBy(c => splits[c.Id].Executable[0].Payload)
            .Select(c => (c.Id, Problem: UserDataSplit.SandboxProblem(sandbox, c, splits[c.Id].Executable[0].Payload))).Where(p => p.Problem is not null).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Select(p => $"{p.Id}: {p.Problem}")));
    }

    /// <summary>Per envelope type: inputs, how many crashed Osc or were refused, user-data cloud-init cannot read, executable parts it finds (total and most in one user-data), user-data that split wrongly (unreadable included), and warnings.</summary>
    internal static void Summarize(ITestOutputHelper output, IReadOnlyList<UserDataCase> cases, IReadOnlyDictionary<string, CloudInitSplitResult> splits)
    {
        output.WriteLine("| envelope | inputs | crashed | refused | unreadable for cloud-init | executable parts (total / most in one) | split wrongly | OSC2008 warnings (cases) |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var type in UserDataSplit.EnvelopeTypes)
        {
            var ofType = cases.Where(c => c.Type == type).ToList();
            var rendered = ofType.Where(c => !c.Refused).ToList();
            var crashed = ofType.Count(c => c.Crash is not null);
            var unreadable = rendered.Count(c => splits[c.Id].Error is not null);
            var executable = rendered.Select(c => splits[c.Id].Executable.Count).ToList();
            var wrong = rendered.Count(c => UserDataSplit.Problem(c, splits[c.Id]) is not null);
            var warned = ofType.Count(c => c.Report.Items.Any(d => d.Code == "OSC2008"));
            output.WriteLine($"| {type} | {ofType.Count} | {crashed} | {ofType.Count - rendered.Count - crashed} | {unreadable} | {executable.Sum()} / {(executable.Count == 0 ? 0 : executable.Max())} | {wrong} | {warned} |");
        }
    }
}
