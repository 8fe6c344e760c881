// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Loading;
using Osc.TestUtil;

namespace Osc.Renderers.Tests;

/// <summary>The streaming entry: objects one at a time, the same ones Render returns; an error found later makes the run invalid.</summary>
public sealed class RenderEachTests
{
    private static OscInput Examples() => OscLoader.LoadFiles(
        new[] { "reconcile-gardenlinux.yaml", "provision-ubuntu.yaml", "provision-flatcar.yaml" }.Select(e => Path.Combine(RepoPaths.Examples, e)));

    [Fact]
    public void RenderEach_hands_over_the_objects_Render_returns_in_input_order()
    {
        var streamed = new List<RenderedObject>();

        var report = OscRenderer.RenderEach(Examples(), null, streamed.Add);
        var collected = OscRenderer.Render(Examples());

        Assert.False(report.HasErrors);
        Assert.Equal(collected.Objects.Select(Describe), streamed.Select(Describe));
        Assert.Equal(3, streamed.Count);
    }

    [Fact]
    public void An_error_after_an_object_was_handed_over_is_in_the_report_and_Render_returns_nothing()
    {
        // The second object needs the shoot's Kubernetes version (OSC2009), found only after the first was rendered.
        const string yaml = """
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {name: first, namespace: ns}
            spec: {type: gardenlinux, purpose: reconcile}
            ---
            apiVersion: extensions.gardener.cloud/v1alpha1
            kind: OperatingSystemConfig
            metadata: {name: second, namespace: ns}
            spec: {type: suse-chost, purpose: reconcile}
            """;
        var streamed = new List<string>();

        var report = OscRenderer.RenderEach(OscLoader.LoadText("in.yaml", yaml), null, o => streamed.Add(o.Name));

        Assert.Equal(["first"], streamed);
        Assert.Contains(report.Items, d => d.Code == "OSC2009");
        Assert.Empty(OscRenderer.Render(OscLoader.LoadText("in.yaml", yaml)).Objects);
    }

    private static string Describe(RenderedObject o) =>
        $"{o.Namespace}/{o.Name} {o.Purpose} {o.UserData?.Length} {o.StatusYaml?.Length} " + string.Join(",", o.Rootfs.Select(a => $"{a.Path}:{a.Content.Length}:{a.Mode}"));
}
