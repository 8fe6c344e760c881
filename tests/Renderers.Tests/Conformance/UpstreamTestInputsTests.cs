// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers.Tests.Conformance;

/// <summary>
/// Every OSC the OS extensions' actuator tests and gardener's bash helper tests feed their renderers
/// goes through <c>osc render</c> (validation included): exit 0 and upstream's expectation, or exit 1
/// where upstream fails too. What upstream tests without an OSC is listed in <see cref="NotAnOscInput"/>.
/// </summary>
public sealed class UpstreamTestInputsTests
{
    public static TheoryData<string> Names => new(UpstreamTestInputs.All.Select(i => i.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Upstream_test_input_renders_through_the_cli_as_upstream_expects(string name) => UpstreamTestInputs.Verify(name);

    /// <summary>Upstream tests of the same files that give their function no OSC, so there is nothing to render.</summary>
    internal static readonly string[] NotAnOscInput =
    [
        "gardener extensions/pkg/controller/operatingsystemconfig/bash_test.go: #WrapProvisionOSCIntoOneshotScript (two cases): wraps a given script text",
        "gardener-extension-os-coreos pkg/controller/config/v1alpha1/validation/config_test.go: ValidateExtensionConfig on ExtensionConfigs (OSC1256, OSC1257, OSC1102)",
        "gardener-extension-os-gardenlinux pkg/webhook/operatingsystemconfig: the mutating webhook's test sets criConfig.cgroupDriver and the kubelet config; it renders nothing",
    ];

    [Fact]
    public void The_table_covers_every_upstream_test_and_names_its_source()
    {
        // 6 ubuntu, 5 gardenlinux, 12 suse-chost, 10 coreos, 3 from gardener's bash helpers; two of them upstream refuses as well.
        Assert.Equal(36, UpstreamTestInputs.All.Count);
        Assert.Equal(2, UpstreamTestInputs.All.Count(i => i.Refused));
        Assert.Equal(UpstreamTestInputs.All.Count, UpstreamTestInputs.All.Select(i => i.Name).Distinct().Count());
        Assert.All(UpstreamTestInputs.All, i => Assert.Matches("^gardener(-extension-os-[a-z-]+)? [a-z/_0-9.]+_test\\.go: ", i.Source));
    }
}
