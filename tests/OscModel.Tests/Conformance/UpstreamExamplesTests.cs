// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.TestUtil;

namespace Osc.Model.Tests.Conformance;

/// <summary>
/// Every YAML file under shared/upstream loads without a crash, and gives exactly the findings
/// listed here. Files that fail are stale or partial upstream, each with the reason.
/// </summary>
public sealed class UpstreamExamplesTests
{
    private const string StaleOsExtensionExample =
        "OSC1103 $.spec.files[0].encoding; OSC1104 $.spec.files[1].content.inline.encoding; OSC1104 $.spec.purpose";

    /// <summary>Relative path under shared/upstream → the findings (code and path), sorted; "" when clean.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        // Not an input document: the CRD itself and our transcription of the validation cases.
        ["gardener/crd-operatingsystemconfigs.yaml"] = "OSC1009 $",
        ["gardener/testdata/validation/cases.yaml"] = "OSC1008 $",
        // The docs use spec.cri where the API has spec.criConfig (upstream docs bug).
        ["gardener/examples/docs-cri-osc.yaml"] = "OSC1103 $.spec.cri",
        // Fragments without apiVersion/kind.
        ["gardener/examples/docs-hostname-fragment.yaml"] = "OSC1008 $.apiVersion",
        ["gardener/examples/docs-inplace-status-fragment.yaml"] = "OSC1008 $.apiVersion",
        ["gardener/examples/docs-reconcile-status-fragment.yaml"] = "OSC1008 $.apiVersion",
        // data.cloud_config holds the placeholder "base64(generated-user-data)".
        ["gardener/examples/docs-provision-result-secret.yaml"] = "OSC1246 $.data.cloud_config",
        // Starts with a "..." document-end marker; PyYAML rejects it too.
        ["gardener/examples/docs-provision-status.yaml"] = "OSC1001 ",
        // encoding on the file instead of content.inline, and no inline.encoding (CRD-required).
        ["gardener/examples/docs-reconcile-osc.yaml"] = "OSC1103 $.spec.files[0].encoding; OSC1104 $.spec.files[1].content.inline.encoding",
        ["gardener/examples/minimal-provision-osc.yaml"] = "",
        ["gardener/testdata/generated/containerd-config/no-base-plugin-quirks/osc.yaml"] = "",
        ["gardener/testdata/generated/containerd-config/osc-base.yaml"] = "",
        ["gardener/testdata/generated/containerd-config/v3-containerd-2.0-runsc-plugin/osc.yaml"] = "",
        // Test objects with type "" (the integration test does not need one).
        ["gardener/testdata/nodeagent-integration/osc.yaml"] = "OSC1203 $.spec.type",
        // gardenlet's node-agent Secret test: type and purpose "" and a status file with no content.
        ["gardener/testdata/nodeagent-secret/input.yaml"] = "OSC1104 $.spec.purpose; OSC1203 $.spec.type; OSC1231 $.status.extensionFiles[0].content",
        // Upstream's valid test object: Osc's own checks (unit name without suffix, drop-in without .conf, relative path, bad base64).
        ["gardener/testdata/validation/valid-osc.yaml"] =
            "OSC1225 $.spec.units[0].name; OSC1226 $.spec.units[0].dropIns[0].name; OSC1238 $.spec.files[0].path; OSC1241 $.spec.files[0].content.inline.data",
        // The OS extensions' examples predate purpose and inline.encoding, and put encoding on the file.
        ["os-extensions/gardener-extension-os-coreos/examples/30-secret.yaml"] = "",
        ["os-extensions/gardener-extension-os-coreos/examples/40-operatingsystemconfig.yaml"] = StaleOsExtensionExample,
        ["os-extensions/gardener-extension-os-gardenlinux/examples/30-secret.yaml"] = "",
        ["os-extensions/gardener-extension-os-gardenlinux/examples/40-operatingsystemconfig-gardenlinux.yaml"] = StaleOsExtensionExample,
        ["os-extensions/gardener-extension-os-gardenlinux/examples/40-operatingsystemconfig-memoryonegardenlinux.yaml"] = StaleOsExtensionExample,
        ["os-extensions/gardener-extension-os-suse-chost/examples/30-secret.yaml"] = "",
        ["os-extensions/gardener-extension-os-suse-chost/examples/40-operatingsystemconfig-chost.yaml"] = StaleOsExtensionExample,
        ["os-extensions/gardener-extension-os-suse-chost/examples/40-operatingsystemconfig-memoryonechost.yaml"] = StaleOsExtensionExample,
        ["os-extensions/gardener-extension-os-ubuntu/examples/30-secret.yaml"] = "",
        ["os-extensions/gardener-extension-os-ubuntu/examples/40-operatingsystemconfig.yaml"] = StaleOsExtensionExample,
    };

    [SkippableFact]
    public void Every_upstream_yaml_file_gives_exactly_its_listed_findings()
    {
        var upstream = Path.Combine(RepoPaths.SharedOrSkip("upstream examples"), "upstream");
        var files = Directory.GetFiles(upstream, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(upstream, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        var mismatches = new List<string>();
        foreach (var file in files)
        {
            var report = OscValidator.Validate(OscLoader.LoadFiles([Path.Combine(upstream, file)]));
            var actual = string.Join("; ", report.Items.Select(d => $"{d.Code} {d.Path}").Order(StringComparer.Ordinal));
            if (!Expected.TryGetValue(file, out var expected))
            {
                mismatches.Add($"{file}: not in the table; it gives: \"{actual}\"");
            }
            else if (expected != actual)
            {
                mismatches.Add($"{file}: expected \"{expected}\", got \"{actual}\"");
            }
        }

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), files);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
