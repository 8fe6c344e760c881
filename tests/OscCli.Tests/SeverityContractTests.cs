// SPDX-License-Identifier: Apache-2.0
namespace Osc.Cli.Tests;

/// <summary>
/// The severity contract (DESIGN.md "Diagnostics", docs/diagnostics.md) at the door users use: what
/// Gardener accepts and Osc knows better is a warning (exit 0, exit 1 with --strict); what Gardener
/// refuses is an error (exit 1); what Osc cannot render is an error of <c>osc render</c>. Each row names
/// its upstream source.
/// </summary>
public sealed class SeverityContractTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("osc-severity-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: b}\n";
    private const string Reconcile = Head + "spec:\n  type: gardenlinux\n  purpose: reconcile\n";
    private const string Provision = Head + "spec:\n  type: gardenlinux\n  purpose: provision\n";
    private const string Flatcar = Head + "spec:\n  type: flatcar\n  purpose: provision\n";
    private const string Inline = "content: {inline: {encoding: '', data: x}}";
    private const string Ubuntu = "apiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\n";
    private const string Coreos = "apiVersion: config.coreos.os.extensions.gardener.cloud/v1alpha1\nkind: ExtensionConfig\n";
    private const string Validation = "gardener pkg/api/extensions/validation/operatingsystemconfig.go";

    /// <summary>Gardener accepts these; Osc warns with the code and says what the node does. (row, upstream source, command, input, code)</summary>
    public static TheoryData<string, string, string, string, string> Accepted => new()
    {
        { "unit name without a type suffix", "os-ubuntu/-gardenlinux/-suse-chost actuator_test.go (unit some-unit); " + Validation + " ValidateUnits checks only that a name is set",
            "render", Provision + "  units: [{name: some-unit, content: foo}]\n", "OSC1225" },
        { "drop-in not ending in .conf", "gardener extensions/pkg/controller/operatingsystemconfig/bash_test.go #UnitsToDiskScript (dropin1, dropin2)",
            "render", Provision + "  units: [{name: unit1, dropIns: [{name: dropin1, content: dropdrop}]}]\n", "OSC1226" },
        { "unit name twice in spec.units", Validation + " has no uniqueness check; gardener-node-agent changes.go mergeUnits merges them",
            "render", Reconcile + "  units: [{name: a.service, content: x}, {name: a.service, enable: false}]\n", "OSC1221" },
        { "drop-in name twice in a unit", Validation + " ValidateUnits has no uniqueness check",
            "render", Reconcile + "  units: [{name: a.service, dropIns: [{name: 10.conf, content: a}, {name: 10.conf, content: b}]}]\n", "OSC1223" },
        { "unit command other than start, restart, stop", "CRD schema: no enum for units[].command; gardener-node-agent reconciler.go runs it as restart",
            "render", Reconcile + "  units: [{name: a.service, command: reload}]\n", "OSC1108" },
        { "extension class outside garden, seed, shoot", "CRD schema: no enum for spec.class (only an immutability rule)",
            "render", Reconcile + "  class: edge\n", "OSC1108" },
        { "relative file path", Validation + " test's valid object (path foo/bar)",
            "render", Reconcile + "  files: [{path: foo/bar, " + Inline + "}]\n", "OSC1238" },
        { "b64 data that does not decode", Validation + " test's valid object (encoding b64, data some-data)",
            "validate", Reconcile + "  files: [{path: /a, content: {inline: {encoding: b64, data: some-data}}}]\n", "OSC1241" },
        { "permissions above 07777", "CRD schema: permissions is an int32 without bounds; " + Validation + " does not check it",
            "render", Reconcile + "  files: [{path: /a, permissions: 010644, " + Inline + "}]\n", "OSC1242" },
        { "empty spec.type", "CRD schema requires the key only; gardenlet writes type: \"\" into gardener-node-agent's osc.yaml",
            "render", Head + "spec:\n  type: \"\"\n  purpose: reconcile\n", "OSC1203" },
        { "no metadata.namespace", "kubectl apply puts the object into the context's namespace",
            "render", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a}\nspec: {type: gardenlinux, purpose: reconcile}\n", "OSC1202" },
        { "unknown field in a CoreOS providerConfig", "gardener-extension-os-coreos actuator.go decodes providerConfig with serializer.NewCodecFactory(scheme) (lenient)",
            "render", Head + "spec:\n  type: flatcar\n  purpose: reconcile\n  providerConfig: {enableDockr: true}\n", "OSC1107" },
        { "path twice for one host after another host", Validation + " validateFileDuplicates remembers only the first host name",
            "render", Reconcile + "  files: [{path: /a, hostName: node-a, " + Inline + "}, {path: /a, hostName: node-b, " + Inline + "}, {path: /a, hostName: node-b, " + Inline + "}]\n", "OSC1247" },
        { "v2 CRI plugin path on a version 3 base", "gardener-node-agent containerd_config.go moves only ...containerd.runtimes to io.containerd.cri.v1.runtime",
            "render --containerd-config-version 3", Reconcile + "  criConfig: {name: containerd, containerd: {sandboxImage: p, plugins: [{path: [io.containerd.grpc.v1.cri, registry], values: {config_path: /x}}]}}\n", "OSC2014" },
    };

    /// <summary>Gardener (or the OS extension handling the object) refuses these: an error. (row, upstream source, command, input, code)</summary>
    public static TheoryData<string, string, string, string, string> Refused => new()
    {
        { "misspelled field unitz", "kubectl apply's strict field validation against the CRD schema",
            "validate", Reconcile + "  unitz: [{name: a.service}]\n", "OSC1103" },
        { "removed field reloadConfigFilePath", "CRD schema no longer has it (gardener v1.97, #9885); kubectl apply's strict field validation",
            "validate", Reconcile + "  reloadConfigFilePath: /x\n", "OSC1106" },
        { "providerConfig as a string", "CRD schema: spec.providerConfig is type: object",
            "validate", Reconcile + "  providerConfig: '{\"a\": 1}'\n", "OSC1101" },
        { "status.state as a string", "CRD schema: status.state is type: object",
            "validate", Reconcile + "status: {state: done}\n", "OSC1101" },
        { "purpose outside provision, reconcile", Validation + " ValidateOperatingSystemConfigSpec (NotSupported)",
            "validate", Head + "spec: {type: gardenlinux, purpose: sometimes}\n", "OSC1102" },
        { "empty cgroupDriver", Validation + " ValidateCRIConfig (NotSupported: the pointer is set)",
            "validate", Reconcile + "  criConfig: {name: containerd, cgroupDriver: \"\"}\n", "OSC1102" },
        { "CRI name other than containerd", "CRD schema: criConfig.name enum [containerd]",
            "validate", Reconcile + "  criConfig: {name: docker}\n", "OSC1102" },
        { "containerd config in a provision OSC", Validation + " ValidateContainerdConfig (Forbidden)",
            "validate", Provision + "  criConfig: {name: containerd, containerd: {sandboxImage: p}}\n", "OSC1210" },
        { "CoreOS provision unit without a type suffix", "gardener-extension-os-coreos actuator.go ignv3_3.Parse; coreos/ignition config/v3_3/types/unit.go validateName",
            "validate", Flatcar + "  units: [{name: some-unit, content: \"[Service]\\nExecStart=/bin/true\\n\"}]\n", "OSC1260" },
        { "CoreOS provision unit the extension writes itself", "coreos/ignition config/validate ValidateDups (containerd.service is the extension's own)",
            "validate", Flatcar + "  units: [{name: containerd.service, dropIns: [{name: 20-x.conf, content: \"[Service]\\n\"}]}]\n", "OSC1260" },
        { "CoreOS provision relative path", "coreos/ignition config/v3_3/types/path.go validatePath",
            "validate", Flatcar + "  files: [{path: foo/bar, " + Inline + "}]\n", "OSC1260" },
        { "imageRef in a provision OSC", "gardener extensions/pkg/controller/operatingsystemconfig/bash.go dataForFileContent reads only inline or secretRef",
            "validate", Provision + "  files: [{path: /a, content: {imageRef: {image: i, filePathInImage: /b}}}]\n", "OSC1261" },
        { "Ubuntu ExtensionConfig with ntpd settings and systemd-timesyncd", "gardener-extension-os-ubuntu config_test.go: should fail with daemon systemd-timesyncd and ntpd config set",
            "validate", Ubuntu + "ntp: {daemon: systemd-timesyncd, ntpd: {servers: [foo.bar]}}\n", "OSC1256" },
        { "Ubuntu ExtensionConfig ntpd without servers", "gardener-extension-os-ubuntu config_test.go: should fail with invalid NTPd config (no ntp servers provided)",
            "validate", Ubuntu + "ntp: {daemon: ntpd, ntpd: {servers: []}}\n", "OSC1257" },
        { "Ubuntu ExtensionConfig apt URI without scheme", "gardener-extension-os-ubuntu config_test.go: should fail with an invalid URI and invalid search for primary apt mirror",
            "validate", Ubuntu + "apt: {primary: [{arches: [arm64], uri: packages.ubuntu-mirror.example.com/apt-mirror/ubuntu, search: [archive.ubuntu.com/ubuntu/]}]}\n", "OSC1258" },
        { "Ubuntu ExtensionConfig daemon foo", "gardener-extension-os-ubuntu config_test.go: should fail with incorrect daemon name",
            "validate", Ubuntu + "ntp: {daemon: foo}\n", "OSC1102" },
        { "unknown field in the Ubuntu ExtensionConfig", "gardener-extension-os-ubuntu pkg/controller/cmd/options.go decodes with serializer.EnableStrict",
            "validate", Ubuntu + "disableUnattendedUpgrade: true\n", "OSC1103" },
        { "CoreOS ExtensionConfig ntpd settings with systemd-timesyncd", "gardener-extension-os-coreos config/v1alpha1/validation/config.go ValidateExtensionConfig (Forbidden ntpd)",
            "validate", Coreos + "ntp: {daemon: systemd-timesyncd, ntpd: {servers: [foo.bar]}}\n", "OSC1256" },
    };

    /// <summary>Gardener accepts these, but Osc cannot render correct output: an error of osc render. (row, reason, command, input, code)</summary>
    public static TheoryData<string, string, string, string, string> NotRenderable => new()
    {
        { "b64 data that does not decode, rendered", "gardener-node-agent and gardener's bash helpers fail to decode it (pkg/api/extensions/v1alpha1/helper/filecodec.go)",
            "render", Reconcile + "  files: [{path: /a, content: {inline: {encoding: b64, data: some-data}}}]\n", "OSC2013" },
        { "secretRef to a Secret in another namespace", "the OS extension and gardenlet read the Secret from the OSC's namespace",
            "render", Reconcile + "  files: [{path: /a, content: {secretRef: {name: s, dataKey: k}}}]\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: other}\nstringData: {k: v}\n", "OSC1243" },
        { "secretRef of an OSC without namespace to a namespaced Secret", "an object without namespace is in kubectl's context namespace, which Osc does not know",
            "render", "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a}\nspec:\n  type: gardenlinux\n  purpose: reconcile\n"
                + "  files: [{path: /a, content: {secretRef: {name: s, dataKey: k}}}]\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: b}\nstringData: {k: v}\n", "OSC1243" },
        { "unit name with a slash", "gardener-node-agent writes path.Join(/etc/systemd/system, name): the file would leave the unit directory",
            "render", Reconcile + "  units: [{name: ../evil.service, content: x}]\n", "OSC1228" },
    };

    private CliRunner.Result Run(string command, string yaml, bool strict)
    {
        var words = command.Split(' ');
        string[] args = words[0] == "render"
            ? ["render", "-", "--output", Path.Combine(_output, Guid.NewGuid().ToString("N")), "--format", "json", .. words[1..]]
            : ["validate", "-", "--format", "json", .. words[1..]];
        return CliRunner.Run(strict ? [.. args, "--strict"] : args, stdin: yaml);
    }

    private static List<(string Code, string Severity)> Diagnostics(CliRunner.Result result) =>
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("code").GetString()!, json.RootElement.GetProperty("severity").GetString()!);
        }).ToList();

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Gardener_accepts_it_so_osc_warns_and_strict_refuses(string row, string source, string command, string yaml, string code)
    {
        var result = Run(command, yaml, strict: false);

        Assert.True(result.ExitCode == 0, $"{row} ({source}): exit {result.ExitCode}\n{result.Stderr}");
        var diagnostics = Diagnostics(result);
        Assert.Contains((code, "warning"), diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Severity == "error");

        var strict = Run(command, yaml, strict: true);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains((code, "error"), Diagnostics(strict));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Gardener_refuses_it_so_osc_refuses_it(string row, string source, string command, string yaml, string code)
    {
        var result = Run(command, yaml, strict: false);

        Assert.True(result.ExitCode == 1, $"{row} ({source}): exit {result.ExitCode}\n{result.Stderr}");
        Assert.Contains((code, "error"), Diagnostics(result));
    }

    [Theory]
    [MemberData(nameof(NotRenderable))]
    public void Osc_cannot_render_it_so_render_refuses_it(string row, string reason, string command, string yaml, string code)
    {
        var result = Run(command, yaml, strict: false);

        Assert.True(result.ExitCode == 1, $"{row} ({reason}): exit {result.ExitCode}\n{result.Stderr}");
        Assert.Contains((code, "error"), Diagnostics(result));
        Assert.Empty(Directory.EnumerateFiles(_output, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Secret_scope_is_one_for_validation_and_rendering()
    {
        // The Secret in the OSC's namespace is used, not a same-named one elsewhere; without namespace, both objects share one.
        const string yaml = Reconcile + "  files: [{path: /a, content: {secretRef: {name: s, dataKey: k}}}]\n"
            + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: other}\nstringData: {k: elsewhere}\n"
            + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: b}\nstringData: {k: here}\n";
        var render = Run("render", yaml, strict: false);
        Assert.Equal(0, render.ExitCode);
        var objectDirectory = Directory.GetDirectories(_output).Single();
        Assert.Equal("here", File.ReadAllText(Directory.EnumerateFiles(objectDirectory, "a", SearchOption.AllDirectories).Single()));

        const string noNamespace = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a}\nspec:\n  type: gardenlinux\n  purpose: reconcile\n"
            + "  files: [{path: /a, content: {secretRef: {name: s, dataKey: k}}}]\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {other: eA==}\n";
        // Validation resolves it to the namespace-less Secret (so the missing key is found), as rendering does.
        var validate = Run("validate", noNamespace, strict: false);
        Assert.Contains(("OSC1244", "error"), Diagnostics(validate));
    }
}
