// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Renderers.OperatingSystems.GardenLinux;
using Osc.Renderers.OperatingSystems.SuseChost;
using Osc.Renderers.OperatingSystems.Ubuntu;

namespace Osc.Renderers.Tests.OperatingSystems;

/// <summary>
/// One rendered provision user-data and what cloud-init must find in it: exactly one executable
/// part, the provision script itself (as the OS renderer wrote it, before its envelope); the apt
/// cloud-config part when the Ubuntu extension config has archives; memoryone's vsmp settings as
/// the providerConfig declares them (an independent reading of upstream's rules); nothing else.
/// </summary>
internal sealed record UserDataCase(
    string Id,
    string Type,
    LoadedDocument<OperatingSystemConfig> Document,
    IReadOnlyList<Secret> Secrets,
    Report Report,
    string? UserData,
    string? ExpectedScript,
    string? ExpectedApt,
    IReadOnlyList<string>? ExpectedVsmp,
    string? Crash = null)
{
    public bool Refused => UserData is null;

    public int Warnings => Report.Items.Count(d => d.Severity == Severity.Warning);
}

/// <summary>Renders OSCs through <see cref="OscRenderer"/> and checks their user-data as cloud-init splits it.</summary>
internal static class UserDataSplit
{
    /// <summary>Every provision envelope Osc writes for cloud-init (the -fips and -pro variants write the same bytes).</summary>
    public static readonly string[] EnvelopeTypes = ["ubuntu", "gardenlinux", "memoryone-gardenlinux", "suse-chost", "memoryone-chost"];

    /// <summary>Every provision OSC of an input, rendered (or refused with errors).</summary>
    public static IReadOnlyList<UserDataCase> Render(string id, OscInput input)
    {
        var cases = new List<UserDataCase>();
        RenderResult result;
        try
        {
            result = OscRenderer.Render(input);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            // Osc's bug (the CLI reports OSC9001): recorded, so one crash does not hide the other cases.
            return input.OperatingSystemConfigs.Select(d => new UserDataCase(id, d.Value.Spec.Type, d, [], input.Report, null, null, null, null, ex.GetType().Name + ": " + ex.Message)).ToList();
        }
        var ubuntu = input.OfKind<UbuntuExtensionConfig>().FirstOrDefault()?.Value;
        foreach (var document in input.OperatingSystemConfigs.Where(d => d.Value.Spec.Purpose == Purpose.Provision && EnvelopeTypes.Contains(d.Value.Spec.Type)))
        {
            var osc = document.Value;
            var secrets = input.Secrets.Select(s => s.Value)
                .Where(s => string.IsNullOrEmpty(s.Metadata.Namespace) || s.Metadata.Namespace == osc.Metadata?.Namespace).ToList();
            var rendered = result.Objects.FirstOrDefault(o => o.Name == osc.Metadata?.Name && o.Namespace == (string.IsNullOrEmpty(osc.Metadata?.Namespace) ? "_" : osc.Metadata.Namespace));
            var caseId = input.OperatingSystemConfigs.Count() == 1 ? id : $"{id}/{osc.Metadata?.Name}";
            if (rendered?.UserData is not { } userData)
            {
                cases.Add(new UserDataCase(caseId, osc.Spec.Type, document, secrets, result.Report, null, null, null, null));
                continue;
            }
            cases.Add(new UserDataCase(caseId, osc.Spec.Type, document, secrets, result.Report, userData,
                Script(document, secrets, ubuntu), osc.Spec.Type == "ubuntu" ? UbuntuRenderer.AptPart(ubuntu) : null, ExpectedVsmp(document)));
        }
        return cases;
    }

    /// <summary>The script the OS renderer wrapped (a scratch report: its findings are the render's).</summary>
    private static string Script(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, UbuntuExtensionConfig? ubuntu) =>
        document.Value.Spec.Type switch
        {
            "ubuntu" => UbuntuRenderer.Script(document, secrets, ubuntu, new Report(), []),
            "gardenlinux" or "memoryone-gardenlinux" => GardenLinuxRenderer.Script(document, secrets, new Report(), []),
            _ => SuseChostRenderer.Script(document, secrets, new Report(), []),
        };

    /// <summary>
    /// The vsmp lines upstream's rules give for the providerConfig (shared/research/os-extensions.md
    /// §3.2, §4.2), each key and value cut where a line break or control character would end the line.
    /// </summary>
    internal static IReadOnlyList<string>? ExpectedVsmp(LoadedDocument<OperatingSystemConfig> document)
    {
        var type = document.Value.Spec.Type;
        var config = ProviderConfigNode.Of(document) as YamlMapping;
        if (type == "memoryone-gardenlinux")
        {
            if (config is null)
            {
                return [];
            }
            return ["system_memory=" + LineSafe(Defaulted(StringField(config, "systemMemory"), "6x")), "mem_topology=" + LineSafe(Defaulted(StringField(config, "memoryTopology"), "2"))];
        }
        if (type != "memoryone-chost")
        {
            return null;
        }
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (config?.Get("vsmpConfiguration") as YamlMapping)?.Entries ?? [])
        {
            values[entry.Key.Value] = BeforeSemicolon((entry.Value as YamlScalar)?.Value ?? "");
        }
        values.TryAdd("mem_topology", "2");
        values.TryAdd("system_memory", "6x");
        if (StringField(config, "systemMemory") is { } systemMemory)
        {
            values["system_memory"] = systemMemory;
        }
        if (StringField(config, "memoryTopology") is { } memoryTopology)
        {
            values["mem_topology"] = memoryTopology;
        }
        var lines = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            lines[LineSafe(BeforeSemicolon(key))] = LineSafe(value);
        }
        return lines.Select(l => l.Key + "=" + l.Value).ToList();
    }

    private static string? StringField(YamlMapping? config, string name) => (config?.Get(name) as YamlScalar)?.Value;

    private static string Defaulted(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    private static string BeforeSemicolon(string value) => value.Split(';')[0];

    /// <summary>A value up to its first line break (any reader's: CR, LF, NEL, LS, PS, VT, FF, …) or other control character but tab.</summary>
    internal static string LineSafe(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if ((char.IsControl(value[i]) && value[i] != '\t') || value[i] is '\u2028' or '\u2029')
            {
                return value[..i];
            }
        }
        return value;
    }

    /// <summary>What is wrong with a case's split, or null when cloud-init gets exactly the intended parts.</summary>
    public static string? Problem(UserDataCase @case, CloudInitSplitResult split)
    {
        if (split.Error is { } error)
        {
            return "cloud-init cannot read the user-data: " + error;
        }
        var executable = split.Executable;
        if (executable.Count != 1)
        {
            return $"{executable.Count} executable parts: " + string.Join(", ", executable.Select(p => $"{p.Type} ({p.Via}) starting {Show(p.Payload, 60)}"));
        }
        var script = executable[0];
        if (script.Type != "text/x-shellscript" || script.Payload != @case.ExpectedScript)
        {
            return $"the {script.Type} part is not the provision script:\n" + FirstDifference(@case.ExpectedScript ?? "", script.Payload);
        }
        var configs = split.Parts.Where(p => p.IsConfig).ToList();
        var expectedConfigs = @case.ExpectedApt is null ? 0 : 1;
        if (configs.Count != expectedConfigs || (expectedConfigs == 1 && (configs[0].Type != "text/cloud-config" || configs[0].Payload != @case.ExpectedApt)))
        {
            return $"{configs.Count} cloud-config parts where {expectedConfigs} (the apt part) belong: " + string.Join(", ", configs.Select(p => Show(p.Payload, 80)));
        }
        var others = split.Parts.Where(p => !p.IsExecutable && !p.IsConfig).ToList();
        var vsmp = others.Where(p => p.Type == "text/x-vsmp").ToList();
        if (@case.ExpectedVsmp is { } expectedVsmp)
        {
            if (vsmp.Count != 1)
            {
                return $"{vsmp.Count} text/x-vsmp parts";
            }
            var found = VsmpLines(vsmp[0]);
            if (!found.Order(StringComparer.Ordinal).SequenceEqual(expectedVsmp.Select(NormalizeHeaderLike).Order(StringComparer.Ordinal)))
            {
                return $"vsmp part holds [{string.Join(" | ", found.Select(l => Show(l, 60)))}], the providerConfig declares [{string.Join(" | ", expectedVsmp.Select(l => Show(l, 60)))}]";
            }
        }
        // The garden linux envelope has no closing delimiter; Python's parser reads an empty part after the last boundary.
        var stray = others.Where(p => p.Type != "text/x-vsmp" && p.Payload.Length > 0).ToList();
        if (stray.Count > 0 || (@case.ExpectedVsmp is null && vsmp.Count > 0))
        {
            return "unexpected parts: " + string.Join(", ", others.Select(p => $"{p.Type} {Show(p.Payload, 60)}"));
        }
        return null;
    }

    /// <summary>
    /// The vsmp lines as Python's parser cuts the part (its raw text: the memoryone loader reads the
    /// part, cloud-init skips it). In memoryone-gardenlinux's envelope (no blank line after the part
    /// header, as upstream) a line such as <c>system_memory=7x;a="0:1"</c> reads as a header; it is
    /// still the line the memoryone loader gets, so headers count as lines (Python drops the blanks
    /// after a header's colon, hence the normalisation on both sides).
    /// </summary>
    private static List<string> VsmpLines(CloudInitPart part) =>
        part.Headers.Where(h => !string.Equals(h[0], "Content-Type", StringComparison.OrdinalIgnoreCase)).Select(h => NormalizeHeaderLike(h[0] + ":" + h[1]))
            .Concat((part.Raw ?? part.Payload).Split('\n').Where(l => l.Length > 0).Select(NormalizeHeaderLike)).ToList();

    private static string NormalizeHeaderLike(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? line : line[..(colon + 1)] + line[(colon + 1)..].TrimStart(' ', '\t');
    }

    public static string Show(string text, int max)
    {
        var escaped = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            escaped.Append(c is '\n' ? "\\n" : c is '\r' ? "\\r" : char.IsControl(c) || c is '\u2028' or '\u2029' ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return "\"" + escaped + (text.Length > max ? "…" : "") + "\"";
    }

    private static string FirstDifference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }
        var from = Math.Max(0, at - 40);
        return $"  at {at}: expected {Show(expected[from..], 120)}\n  actual   {Show(actual[from..], 120)}";
    }

    /// <summary>
    /// Runs the executable part in the sandbox: every declared file with the declared bytes (plus the
    /// newline upstream's heredoc adds to transmitUnencoded text), every unit and drop-in exact, and
    /// nothing outside them and the OS script's own files.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string? SandboxProblem(ScriptSandbox sandbox, UserDataCase @case, string script)
    {
        sandbox.Reset();
        var run = sandbox.Run(script);
        if (run.ExitCode != 0)
        {
            return $"exit {run.ExitCode}: {run.Stderr}";
        }
        var osc = @case.Document.Value;
        var files = Osc.Renderers.OperatingSystems.Bash.ProvisionFiles.Resolve(osc, @case.Secrets, new Report(), @case.Document.Positions);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            expected.Add(file.Path);
            var bytes = sandbox.Read(file.Path);
            var exact = bytes.AsSpan().SequenceEqual(file.Data);
            var withHeredocNewline = file.TransmitUnencoded && bytes.AsSpan().SequenceEqual([.. file.Data, (byte)'\n']);
            if (!exact && !withHeredocNewline)
            {
                return $"{Show(file.Path, 80)} holds {Show(Encoding.UTF8.GetString(bytes), 80)}, declared {Show(Encoding.UTF8.GetString(file.Data), 80)}";
            }
        }
        foreach (var unit in osc.Spec.Units ?? [])
        {
            var unitPath = "/etc/systemd/system/" + unit.Name;
            if (unit.Content is { } content)
            {
                expected.Add(unitPath);
                if (Encoding.UTF8.GetString(sandbox.Read(unitPath)) != content)
                {
                    return $"unit {unit.Name} differs";
                }
            }
            foreach (var dropIn in unit.DropIns ?? [])
            {
                expected.Add(unitPath + ".d/" + dropIn.Name);
                if (Encoding.UTF8.GetString(sandbox.Read(unitPath + ".d/" + dropIn.Name)) != dropIn.Content)
                {
                    return $"drop-in {Show(dropIn.Name, 60)} of {unit.Name} differs";
                }
            }
        }
        var os = ProvisionScriptSandboxTests.OsBehaviour[@case.Type.Replace("memoryone-chost", "suse-chost", StringComparison.Ordinal).Replace("memoryone-", "", StringComparison.Ordinal)];
        expected.UnionWith(os.Files);
        if (@case.Type == "ubuntu")
        {
            expected.Add("/etc/apt/apt.conf.d/99-auto-upgrades.conf"); // written when the extension config disables unattended upgrades
        }
        var extra = sandbox.CreatedFiles().Where(f => !expected.Contains(f)).ToList();
        return extra.Count == 0 ? null : "the script wrote files the OSC does not declare: " + string.Join(", ", extra.Select(f => Show(f, 80)));
    }
}
