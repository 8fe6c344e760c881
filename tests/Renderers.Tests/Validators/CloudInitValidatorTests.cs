// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.TestUtil;

namespace Osc.Renderers.Tests.Validators;

/// <summary>
/// Ubuntu user-data checked by cloud-init itself: yamllint (relaxed) on the #cloud-config-archive,
/// and <c>cloud-init schema -c</c> on its cloud-config part.
/// </summary>
public sealed class CloudInitValidatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("osc-cloud-init-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string UserData(string apt)
    {
        var input = OscLoader.LoadText("in.yaml", $"""
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {"{"}name: a, namespace: b{"}"}
            spec:
              type: ubuntu
              purpose: provision
              units: [{"{"}name: app.service, content: "[Service]\nExecStart=/bin/true\n"{"}"}]
              files:
              - {"{"}path: /etc/a.conf, permissions: 0644, content: {"{"}inline: {"{"}encoding: "", data: "a\tb \n"{"}"}, transmitUnencoded: true{"}"}{"}"}
            ---
            apiVersion: config.ubuntu.os.extensions.gardener.cloud/v1alpha1
            kind: ExtensionConfig
            disableUnattendedUpgrades: true
            apt: {apt}
            """);
        var result = OscRenderer.Render(input);
        Assert.False(result.Report.HasErrors, string.Join("\n", result.Report.Items));
        return result.Objects.Single().UserData!;
    }

    public static TheoryData<string> AptConfigs => new()
    {
        "{primary: [{arches: [default], uri: 'http://mirror.example.com/ubuntu'}], security: [{arches: [amd64, arm64], uri: 'http://security.example.com/ubuntu', search: ['http://a.example/ubuntu', 'http://b.example/ubuntu'], searchDNS: true}]}",
        "{preserveSourcesList: true, primary: [{arches: [default], uri: 'http://mirror.example.com/ubuntu?x=1&y=2'}]}",
    };

    [SkippableTheory]
    [MemberData(nameof(AptConfigs))]
    public void Yamllint_accepts_the_archive(string apt)
    {
        var yamllint = ExternalTool.FindOrSkip("yamllint", "yamllint of the cloud-config archive");
        var file = Path.Combine(_dir, "user-data");
        File.WriteAllText(file, UserData(apt));

        var run = ExternalTool.Run(yamllint, ["-f", "parsable", "-d", "relaxed", file]);

        // Relaxed still warns on the long apt-get line upstream writes; only errors count.
        Assert.True(run.ExitCode == 0 && !run.Stdout.Contains("[error]", StringComparison.Ordinal), run.Stdout + run.Stderr);
    }

    [SkippableTheory]
    [MemberData(nameof(AptConfigs))]
    public void Cloud_init_schema_accepts_the_cloud_config_part(string apt)
    {
        var cloudInit = ExternalTool.FindOrSkip("cloud-init", "cloud-init schema of the cloud-config part");
        var report = new Report();
        var archive = (YamlSequence)YamlLoader.Load("user-data", UserData(apt), report).Single().Root;
        var part = archive.Items.Cast<YamlMapping>().Single(p => ((YamlScalar)p.Get("type")!).Value == "text/cloud-config");
        var file = Path.Combine(_dir, "cloud-config");
        File.WriteAllText(file, ((YamlScalar)part.Get("content")!).Value);

        var run = ExternalTool.Run(cloudInit, ["schema", "-c", file]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("Valid cloud-config", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
