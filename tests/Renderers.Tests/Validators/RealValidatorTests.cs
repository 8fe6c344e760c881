// SPDX-License-Identifier: Apache-2.0
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers.Containerd;
using Osc.Renderers.Toml;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.Validators;

/// <summary>
/// Rendered containerd files checked by real tools: containerd 1.6's own loader (config dump) plus a
/// check that every key we wrote comes back from the dump (containerd silently drops unknown keys),
/// and Python's tomllib (a TOML 1.0 reader other than ours) on every config.toml and hosts.toml.
/// </summary>
public sealed class RealValidatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("osc-validators-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Representative reconcile OSCs: registries, plugins (v2 path form), both cgroup drivers, odd strings.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "minimal", "criConfig: {name: containerd, containerd: {sandboxImage: registry.k8s.io/pause:3.10}}" },
        { "systemd-and-mirrors", "criConfig: {name: containerd, cgroupDriver: systemd, containerd: {sandboxImage: p, registries: [{upstream: docker.io, server: 'https://registry-1.docker.io', hosts: [{url: 'https://m.local:5000', capabilities: [pull], caCerts: [/etc/ca.crt], overridePath: true}]}]}}" },
        { "cgroupfs-runsc", "criConfig: {name: containerd, cgroupDriver: cgroupfs, containerd: {sandboxImage: p, plugins: [{path: [io.containerd.grpc.v1.cri, containerd, runtimes, runsc], values: {runtime_type: io.containerd.runsc.v1}}]}}" },
        { "integer-plugin-values", "criConfig: {name: containerd, containerd: {sandboxImage: p, plugins: [{path: [io.containerd.grpc.v1.cri], values: {max_concurrent_downloads: 5, max_container_log_line_size: 32768}}]}}" },
        { "strings-with-quotes", "criConfig: {name: containerd, containerd: {sandboxImage: \"reg.local/pause:\\\"q\\\"\\\\x\", plugins: [{path: [io.containerd.grpc.v1.cri, containerd, runtimes, runc, options], values: {BinaryName: \"/usr/bin/runc \\t\"}}]}}" },
    };

    /// <summary>Also for tomllib: U+001F, which go-toml v1 writes raw (invalid TOML) and Osc escapes.
    /// Not for containerd: its dump writes the character raw again, which no TOML reader reads back.</summary>
    public static TheoryData<string, string> TomlCases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var row in Cases)
            {
                cases.Add((string)row[0], (string)row[1]);
            }
            cases.Add("control-character", "criConfig: {name: containerd, containerd: {sandboxImage: p, plugins: [{path: [io.containerd.grpc.v1.cri], values: {x: \"a\\u001fb\\u007f\"}}]}}");
            return cases;
        }
    }

    private static CriConfig Cri(string yaml)
    {
        var input = OscLoader.LoadText("case.yaml",
            "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\nmetadata: {name: a, namespace: b}\nspec:\n  type: gardenlinux\n  purpose: reconcile\n  " + yaml + "\n");
        Assert.False(input.Report.HasErrors, string.Join("\n", input.Report.Items));
        return input.OperatingSystemConfigs.Single().Value.Spec.CriConfig!;
    }

    private static string RenderConfig(CriConfig cri, int version)
    {
        var report = new Report();
        var text = ContainerdConfigRenderer.Render(cri, new ContainerdConfigOptions { DefaultConfigVersion = version }, report, new Osc.Model.Syntax.SourceMap("case.yaml"));
        Assert.True(text is not null, string.Join("\n", report.Items));
        return text!;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Containerd_loads_every_rendered_v2_config_and_keeps_every_key(string name, string criYaml)
    {
        var containerd = ExternalTool.FindOrSkip("containerd", "containerd config dump of rendered config.toml");
        var config = Path.Combine(_dir, name + ".toml");
        File.WriteAllText(config, RenderConfig(Cri(criYaml), 2));

        var dump = ExternalTool.Run(containerd, ["--config", config, "config", "dump"]);

        Assert.True(dump.ExitCode == 0 && dump.Stderr.Trim().Length == 0, $"containerd rejected {name}: {dump.Stderr}");
        var written = TomlModelReader.TryRead(File.ReadAllText(config), out var error) ?? throw new InvalidOperationException(error);
        var dumped = TomlModelReader.TryRead(dump.Stdout, out error) ?? throw new InvalidOperationException(error);
        var lost = new List<string>();
        Compare(written, dumped, "", lost);
        Assert.True(lost.Count == 0, $"{name}: containerd did not keep:\n{string.Join("\n", lost)}");
    }

    [SkippableTheory]
    [MemberData(nameof(TomlCases))]
    public void Tomllib_reads_every_rendered_config_and_hosts_toml(string name, string criYaml)
    {
        var python = ExternalTool.FindOrSkip("python3", "TOML 1.0 parse (tomllib) of rendered config.toml and hosts.toml");
        var cri = Cri(criYaml);
        var files = new List<string>();
        foreach (var version in new[] { 2, 3, 4 })
        {
            var path = Path.Combine(_dir, $"{name}-v{version}.toml");
            File.WriteAllText(path, RenderConfig(cri, version));
            files.Add(path);
        }
        foreach (var registry in cri.Containerd!.Registries ?? [])
        {
            var path = Path.Combine(_dir, $"{name}-{registry.Upstream}-hosts.toml");
            File.WriteAllText(path, HostsTomlRenderer.Render(registry));
            files.Add(path);
        }

        var check = ExternalTool.Run(python, ["-c", "import sys, tomllib\nfor f in sys.argv[1:]:\n    tomllib.load(open(f, 'rb'))", .. files]);

        Assert.True(check.ExitCode == 0, check.Stderr);
    }

    /// <summary>Every leaf we wrote must come back from the dump with the same value (version and imports aside).</summary>
    private static void Compare(ConfigTable written, ConfigTable dumped, string path, List<string> lost)
    {
        foreach (var (key, value) in written)
        {
            var at = path.Length == 0 ? key : path + "." + key;
            if (path.Length == 0 && key is "version" or "imports")
            {
                continue;
            }
            dumped.TryGetValue(key, out var back);
            if (value is ConfigTable child && child.Count > 0)
            {
                if (back is ConfigTable backTable)
                {
                    Compare(child, backTable, at, lost);
                }
                else
                {
                    lost.Add($"{at}: table came back as {Describe(back)}");
                }
            }
            else if (!Equivalent(back, value))
            {
                lost.Add($"{at} = {Describe(value)} came back as {Describe(back)}");
            }
        }
    }

    private static bool Equivalent(object? dumped, object written) => (dumped, written) switch
    {
        (null, _) => false,
        (ConfigTable, ConfigTable w) => w.Count == 0,
        (List<object> d, List<object> w) => d.Count == w.Count && d.Zip(w).All(p => Equivalent(p.First, p.Second)),
        _ => Equals(dumped, written),
    };

    private static string Describe(object? value) => value switch
    {
        null => "(missing)",
        List<object> list => "[" + string.Join(", ", list.Select(Describe)) + "]",
        string s => "\"" + s + "\"",
        _ => value.ToString() ?? "",
    };
}
