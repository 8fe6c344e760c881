// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;

namespace Osc.Model.Tests.Validation;

/// <summary>
/// The table of every run-time code: an input that triggers it, the path and line it must be
/// reported at. A test checks the table covers the whole catalog.
/// </summary>
public sealed class DiagnosticCodeTests
{
    private const string Node = "apiVersion: config.osc.dev/v1alpha1\nkind: NodeConfig\nmetadata: {name: n}\n";
    private const string Ubuntu = "apiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\n";
    private const string Coreos = "apiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\n";
    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ns}\n";

    /// <summary>code, input, expected path (null: none), expected line (0: not checked), options.</summary>
    public static TheoryData<string, string, string?, int, bool> Cases => new()
    {
        { "OSC1001", "a: [1, 2\n", null, 0, false },
        { "OSC1002", "# nothing here\n", null, 1, false },
        { "OSC1003", "a: \u0000b\n", null, 1, false },
        { "OSC1005", BillionLaughs(), null, 0, false },
        { "OSC1006", new string('[', 5000) + new string(']', 5000), null, 0, false },
        { "OSC1007", Head + "spec: {type: ubuntu, purpose: reconcile}\nspec: {}\n", null, 5, false },
        { "OSC1008", "- just\n- a list\n", "$", 1, false },
        { "OSC1009", "apiVersion: apps/v1\nkind: Deployment\n", "$", 2, false },
        { "OSC1011", "a:\n\tb: 1\n", null, 2, false },
        { "OSC1012", "? [a, b]\n: c\n", null, 1, false },
        { "OSC1013", "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: kube-system, labels: {gardener.cloud/role: operating-system-config}}\nstringData: {osc.yaml: \"apiVersion: v1\\nkind: ConfigMap\\n\"}\n", "$.stringData['osc.yaml']", 4, false },
        { "OSC1101", Head + "spec: {type: ubuntu, purpose: reconcile, units: {name: x}}\n", "$.spec.units", 4, false },
        { "OSC1102", Head + "spec: {type: ubuntu, purpose: sometimes}\n", "$.spec.purpose", 4, false },
        { "OSC1103", Head + "spec: {type: ubuntu, purpose: reconcile, colour: red}\n", "$.spec.colour", 4, false },
        { "OSC1104", Head + "spec: {type: ubuntu}\n", "$.spec.purpose", 4, false },
        { "OSC1105", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, permissions: -1, content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].permissions", 4, false },
        { "OSC1106", Head + "spec: {type: ubuntu, purpose: reconcile, reloadConfigFilePath: /x}\n", "$.spec.reloadConfigFilePath", 4, false },
        { "OSC1107", Head + "spec: {type: flatcar, purpose: reconcile, providerConfig: {enableDockr: true}}\n", "$.spec.providerConfig.enableDockr", 4, false },
        { "OSC1108", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: a.service, command: reload}]}\n", "$.spec.units[0].command", 4, false },
        { "OSC1201", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: Bad_Name, namespace: ns}\nspec: {type: ubuntu, purpose: reconcile}\n", "$.metadata.name", 3, false },
        { "OSC1202", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc}\nspec: {type: ubuntu, purpose: reconcile}\n", "$.metadata.namespace", 3, false },
        { "OSC1204", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ../../ESCAPED}\nspec: {type: ubuntu, purpose: reconcile}\n", "$.metadata.namespace", 3, false },
        { "OSC1203", Head + "spec: {type: '', purpose: reconcile}\n", "$.spec.type", 4, false },
        { "OSC1210", Head + "spec: {type: ubuntu, purpose: provision, criConfig: {name: containerd, containerd: {sandboxImage: p}}}\n", "$.spec.criConfig.containerd", 4, false },
        { "OSC1211", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: ''}}}\n", "$.spec.criConfig.containerd.sandboxImage", 4, false },
        { "OSC1212", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, registries: [{upstream: a.io}, {upstream: a.io}]}}}\n", "$.spec.criConfig.containerd.registries[1].upstream", 4, false },
        { "OSC1213", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, registries: [{upstream: 'a.io:70000'}]}}}\n", "$.spec.criConfig.containerd.registries[0].upstream", 4, false },
        { "OSC1214", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, registries: [{upstream: a.io, server: 'ftp://a.io'}]}}}\n", "$.spec.criConfig.containerd.registries[0].server", 4, false },
        { "OSC1215", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, registries: [{upstream: a.io, hosts: [{url: 1a}]}]}}}\n", "$.spec.criConfig.containerd.registries[0].hosts[0].url", 4, false },
        { "OSC1216", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, plugins: [{path: []}]}}}\n", "$.spec.criConfig.containerd.plugins[0].path", 4, false },
        { "OSC1217", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, plugins: [{op: remove, path: [a], values: {x: 1}}]}}}\n", "$.spec.criConfig.containerd.plugins[0].values", 4, false },
        { "OSC1218", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, plugins: [{path: [a], values: [1]}]}}}\n", "$.spec.criConfig.containerd.plugins[0].values", 4, false },
        { "OSC1219", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, registries: [{upstream: a.io, hosts: [{url: 'https://m'}, {url: 'https://m'}]}]}}}\n", "$.spec.criConfig.containerd.registries[0].hosts[1].url", 4, false },
        { "OSC1220", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: ''}]}\n", "$.spec.units[0].name", 4, false },
        { "OSC1221", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: a.service}, {name: a.service}]}\n", "$.spec.units[1].name", 4, false },
        { "OSC1222", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: a.service, dropIns: [{name: x.conf, content: ''}]}]}\n", "$.spec.units[0].dropIns[0].content", 4, false },
        { "OSC1223", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: a.service, dropIns: [{name: x.conf, content: a}, {name: x.conf, content: b}]}]}\n", "$.spec.units[0].dropIns[1].name", 4, false },
        { "OSC1224", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: a.service, filePaths: [/nowhere]}]}\n", "$.spec.units[0].filePaths[0]", 4, false },
        { "OSC1225", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: kubelet}]}\n", "$.spec.units[0].name", 4, false },
        { "OSC1226", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: a.service, dropIns: [{name: override, content: a}]}]}\n", "$.spec.units[0].dropIns[0].name", 4, false },
        { "OSC1227", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: a.service, dropIns: [{name: ../x.conf, content: a}]}]}\n", "$.spec.units[0].dropIns[0].name", 4, false },
        { "OSC1228", Head + "spec: {type: ubuntu, purpose: reconcile, units: [{name: ../a.service}]}\n", "$.spec.units[0].name", 4, false },
        { "OSC1229", Head + "spec: {type: ubuntu, purpose: reconcile, criConfig: {name: containerd, containerd: {sandboxImage: p, plugins: [{path: [" + string.Join(", ", Enumerable.Repeat("a", 128)) + "]}]}}}\n", "$.spec.criConfig.containerd.plugins[0].path", 4, false },
        { "OSC1230", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: '', content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].path", 4, false },
        { "OSC1231", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {}}]}\n", "$.spec.files[0].content", 4, false },
        { "OSC1232", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {inline: {encoding: '', data: x}, imageRef: {image: i, filePathInImage: /p}}}]}\n", "$.spec.files[0].content", 4, false },
        { "OSC1233", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {secretRef: {name: '', dataKey: k}}}]}\n", "$.spec.files[0].content.secretRef.name", 4, false },
        { "OSC1234", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {inline: {encoding: '', data: ''}}}]}\n", "$.spec.files[0].content.inline.data", 4, false },
        { "OSC1235", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {imageRef: {image: '', filePathInImage: /p}}}]}\n", "$.spec.files[0].content.imageRef.image", 4, false },
        { "OSC1236", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, hostName: Node_1, content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].hostName", 4, false },
        { "OSC1237", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {inline: {encoding: '', data: x}}}, {path: /a, content: {inline: {encoding: '', data: y}}}]}\n", "$.spec.files[1].path", 4, false },
        { "OSC1238", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: etc/a, content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].path", 4, false },
        { "OSC1239", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /var/../etc/a, content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].path", 4, false },
        { "OSC1240", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /etc//a, content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].path", 4, false },
        { "OSC1241", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {inline: {encoding: b64, data: 'not base64!'}}}]}\n", "$.spec.files[0].content.inline.data", 4, false },
        { "OSC1242", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, permissions: 010000, content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].permissions", 4, false },
        { "OSC1243", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {secretRef: {name: missing, dataKey: k}}}]}\n", "$.spec.files[0].content.secretRef.name", 4, true },
        { "OSC1244", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {secretRef: {name: s, dataKey: k}}}]}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\ndata: {other: YQ==}\n", "$.spec.files[0].content.secretRef.dataKey", 4, false },
        { "OSC1245", Head + "spec: {type: ubuntu, purpose: reconcile}\n---\n" + Head + "spec: {type: ubuntu, purpose: reconcile}\n", "$.metadata.name", 8, false },
        { "OSC1259", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /etc/a/, content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].path", 4, false },
        { "OSC1248", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: \"/etc/a\\0b\", content: {inline: {encoding: '', data: x}}}]}\n", "$.spec.files[0].path", 4, false },
        { "OSC1249", Head + "spec: {type: ubuntu, purpose: reconcile, files: [{path: /a, content: {inline: {encoding: '', data: x}}}, {path: /a/b, content: {inline: {encoding: '', data: y}}}]}\n", "$.spec.files[0].path", 4, false },
        { "OSC1250", Node + "ntp: {daemon: chrony, chrony: {servers: [{address: 'time.example.org iburst'}]}}\n", "$.ntp.chrony.servers[0].address", 4, false },
        { "OSC1251", Node + "dns: {resolved: {dns: [dns.example.org]}}\n", "$.dns.resolved.dns[0]", 4, false },
        { "OSC1252", Node + "dns: {resolved: {domains: [\"bad domain\"]}}\n", "$.dns.resolved.domains[0]", 4, false },
        { "OSC1253", Node + "ntp: {daemon: chrony, timesyncd: {servers: [a.example]}}\n", "$.ntp.timesyncd", 4, false },
        { "OSC1254", Node + "ntp: {daemon: systemd-timesyncd, timesyncd: {pollIntervalMinSec: 2048, pollIntervalMaxSec: 32}}\n", "$.ntp.timesyncd.pollIntervalMinSec", 4, false },
        { "OSC1255", Node + "ntp: {daemon: chrony}\n---\n" + Node + "ntp: {daemon: ntpd}\n", "$", 6, false },
        { "OSC1262", "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: kube-system}\nstringData: {osc.yaml: \"apiVersion: extensions.gardener.cloud/v1alpha1\\nkind: OperatingSystemConfig\\nspec: {}\\n\"}\n", "$.metadata", 3, false },
        { "OSC1246", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: '%%%'}\n", "$.data.k", 4, false },
        { "OSC1247", Head + "spec: {type: ubuntu, purpose: reconcile, files: [" + string.Join(", ", new[] { "node-a", "node-b", "node-b" }.Select(h => "{path: /a, hostName: " + h + ", content: {inline: {encoding: '', data: x}}}")) + "]}\n", "$.spec.files[2].path", 4, false },
        { "OSC1256", Ubuntu + "ntp: {daemon: systemd-timesyncd, ntpd: {servers: [time.example.org]}}\n", "$.ntp.ntpd", 3, false },
        { "OSC1257", Coreos + "ntp: {daemon: ntpd, ntpd: {servers: []}}\n", "$.ntp.ntpd.servers", 3, false },
        { "OSC1258", Ubuntu + "apt: {primary: [{arches: [default], uri: mirror.example.org/ubuntu}]}\n", "$.apt.primary[0].uri", 3, false },
        { "OSC1260", Head + "spec: {type: flatcar, purpose: provision, units: [{name: some-unit, content: foo}]}\n", "$.spec.units[0].name", 4, false },
        { "OSC1261", Head + "spec: {type: gardenlinux, purpose: provision, files: [{path: /a, content: {imageRef: {image: i, filePathInImage: /b}}}]}\n", "$.spec.files[0].content.imageRef", 4, false },
    };

    /// <summary>Update rules: code, the stored object's rest (after metadata), the update (whole), expected path and line in the update.</summary>
    public static TheoryData<string, string, string, string, int> UpdateCases => new()
    {
        { "OSC1265", Head + "spec: {type: ubuntu, purpose: reconcile}\n", Head + "spec: {type: gardenlinux, purpose: reconcile}\n", "$.spec.type", 4 },
        { "OSC1266", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ns, deletionTimestamp: '2026-01-01T00:00:00Z'}\nspec: {type: ubuntu, purpose: reconcile}\n",
            "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ns, deletionTimestamp: '2026-01-01T00:00:00Z'}\nspec: {type: ubuntu, purpose: reconcile, units: [{name: a.service}]}\n", "$.spec", 4 },
        { "OSC1267", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ns, generation: 4}\nspec: {type: ubuntu, purpose: reconcile}\n",
            "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ns, generation: 3}\nspec: {type: ubuntu, purpose: reconcile}\n", "$.metadata.generation", 3 },
        { "OSC1268", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ns, deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: [a]}\nspec: {type: ubuntu, purpose: reconcile}\n",
            "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: osc, namespace: ns, deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: [a, b]}\nspec: {type: ubuntu, purpose: reconcile}\n", "$.metadata.finalizers", 3 },
    };

    [Theory]
    [MemberData(nameof(UpdateCases))]
    public void Update_code_is_reported_in_the_update_at_its_path_and_line(string code, string stored, string updated, string path, int line)
    {
        var old = OscLoader.LoadText("old.yaml", stored).OperatingSystemConfigs.Single();
        var report = Check(updated, false);

        OscValidator.ValidateUpdate(OscLoader.LoadText("case.yaml", updated).OperatingSystemConfigs.Single(), old, report);

        var diagnostic = Assert.Single(report.Items, d => d.Code == code);
        Assert.Equal(path, diagnostic.Path);
        Assert.Equal("case.yaml", diagnostic.Span!.Value.File);
        Assert.Equal(line, diagnostic.Span.Value.Start.Line);
        Assert.Equal(DiagnosticCatalog.All.Single(d => d.Code == code).Severity, diagnostic.Severity);
    }

    [Fact]
    public void An_update_that_changes_only_what_may_change_has_no_update_finding()
    {
        var stored = Head + "spec: {type: ubuntu, purpose: reconcile, class: shoot, criConfig: {name: containerd, containerd: {sandboxImage: p}}}\n";
        var updated = Head + "spec: {type: ubuntu, purpose: reconcile, class: shoot, criConfig: {name: containerd, containerd: {sandboxImage: q}}, units: [{name: a.service}]}\n";
        var report = new Report();

        OscValidator.ValidateUpdate(OscLoader.LoadText("case.yaml", updated).OperatingSystemConfigs.Single(), OscLoader.LoadText("old.yaml", stored).OperatingSystemConfigs.Single(), report);

        Assert.Empty(report.Items);
    }

    [Theory]
    [InlineData("class: shoot", "class: seed", "$.spec.class")]
    [InlineData("purpose: reconcile", "purpose: provision", "$.spec.purpose")]
    public void The_CRD_and_gardener_keep_these_fields_as_stored(string before, string after, string path)
    {
        var stored = Head + $"spec: {{type: ubuntu, {(before.StartsWith("purpose", StringComparison.Ordinal) ? "" : "purpose: reconcile, ")}{before}}}\n";
        var updated = stored.Replace(before, after, StringComparison.Ordinal);
        var report = new Report();

        OscValidator.ValidateUpdate(OscLoader.LoadText("case.yaml", updated).OperatingSystemConfigs.Single(), OscLoader.LoadText("old.yaml", stored).OperatingSystemConfigs.Single(), report);

        Assert.Equal(["OSC1265 " + path], report.Items.Select(d => d.Code + " " + d.Path));
    }

    private static string BillionLaughs()
    {
        var lines = new List<string> { "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var level = 1; level < 10; level++)
        {
            var previous = (char)('a' + level - 1);
            var current = (char)('a' + level);
            lines.Add($"{current}: &{current} [" + string.Join(",", Enumerable.Repeat("*" + previous, 9)) + "]");
        }
        return string.Join("\n", lines) + "\n";
    }

    internal static Report Check(string yaml, bool requireSecrets)
    {
        var input = OscLoader.LoadText("case.yaml", yaml);
        return OscValidator.Validate(input, new ValidationOptions { RequireSecrets = requireSecrets });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Code_is_reported_at_its_path_and_line(string code, string yaml, string? path, int line, bool requireSecrets)
    {
        var report = Check(yaml, requireSecrets);

        var found = report.Items.Where(d => d.Code == code).ToList();
        Assert.True(found.Count > 0, $"{code} not reported; got:\n{string.Join("\n", report.Items)}");
        var diagnostic = path is null ? found[0] : found.FirstOrDefault(d => d.Path == path);
        Assert.True(diagnostic is not null, $"{code} not at {path}; got:\n{string.Join("\n", found)}");
        Assert.NotNull(diagnostic!.Span);
        Assert.Equal("case.yaml", diagnostic.Span!.Value.File);
        if (line > 0)
        {
            Assert.Equal(line, diagnostic.Span.Value.Start.Line);
        }
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        Assert.Equal(DiagnosticCatalog.All.Single(d => d.Code == code).Severity, diagnostic.Severity);
    }

    [Fact]
    public void Table_covers_every_code_reachable_from_text_input()
    {
        // OSC1004 (size), OSC1010 (unreadable file) and OSC9001 (internal error) need a file system
        // or a fault: the CLI tests trigger them. OSC2xxx are rendering codes (OSC2016..OSC2022 are osc plan's:
        // OscCli.Tests' PlanDiagnosticCodeTests), and OSC1263/OSC1264
        // need the renderers' knowledge of what they write: Renderers.Tests' RenderDiagnosticCodeTests
        // triggers each. OSC3xxx are the machine's refusals to write the output: OscCli.Tests'
        // OutputMachineProblemTests triggers each (OSC3008, a node root osc check cannot open: CheckCommandTests).
        var elsewhere = new[] { "OSC1004", "OSC1010", "OSC1263", "OSC1264", "OSC9001", "OSC9002" }
            .Concat(DiagnosticCatalog.All.Select(d => d.Code).Where(c => c.StartsWith("OSC2", StringComparison.Ordinal) || c.StartsWith("OSC3", StringComparison.Ordinal)));
        var covered = Cases.Select(row => (string)row[0]).Concat(UpdateCases.Select(row => (string)row[0])).Concat(elsewhere).Order().ToList();
        Assert.Equal(DiagnosticCatalog.All.Select(d => d.Code).Order(), covered);
    }

    [Fact]
    public void Catalog_codes_are_unique_and_well_formed()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^OSC[1239][0-9]{3}$", c));
    }
}
