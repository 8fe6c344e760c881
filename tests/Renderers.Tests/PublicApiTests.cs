// SPDX-License-Identifier: Apache-2.0
using System.Reflection;
using Osc.TestUtil;
using PublicApiGenerator;

namespace Osc.Renderers.Tests;

/// <summary>
/// The public API of the two library packages as C# text, against a golden file: a change to what
/// users of Osc.Model and Osc.Renderers can call shows up in review as a diff of this file.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Osc.Model")]
    [InlineData("Osc.Renderers")]
    public void Public_api_is_unchanged(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // The attributes the build stamps (version, commit) change with every release, not with the API.
            ExcludeAttributes = ["System.Reflection.AssemblyMetadataAttribute", "System.Runtime.Versioning.TargetFrameworkAttribute"],
        });

        Golden.Verify(api.ReplaceLineEndings("\n") + "\n", "Renderers.Tests", "public-api/" + assemblyName, "cs.txt");
    }

    [Fact]
    public void Renderers_expose_only_the_load_render_entry_points()
    {
        var exported = typeof(OscRenderer).Assembly.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["Osc.Renderers.Containerd.ContainerdConfigOptions", "Osc.Renderers.OscRenderer", "Osc.Renderers.RenderOptions",
             "Osc.Renderers.RenderResult", "Osc.Renderers.RenderedArtifact", "Osc.Renderers.RenderedObject"],
            exported);
    }
}
