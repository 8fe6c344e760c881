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
    public void Renderers_expose_only_the_render_plan_and_check_entry_points()
    {
        var exported = typeof(OscRenderer).Assembly.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["Osc.Renderers.Containerd.ContainerdConfigOptions",
             "Osc.Renderers.NodeAgent.ChangeSetWriter", "Osc.Renderers.NodeAgent.ChangedUnit", "Osc.Renderers.NodeAgent.ContainerdChanges", "Osc.Renderers.NodeAgent.FileChanges", "Osc.Renderers.NodeAgent.InPlaceUpdateChanges",
             "Osc.Renderers.NodeAgent.NodeAgentChangeSet", "Osc.Renderers.NodeAgent.NodeAgentPlanner", "Osc.Renderers.NodeAgent.OscPlan", "Osc.Renderers.NodeAgent.PlanOptions", "Osc.Renderers.NodeAgent.PlanResult",
             "Osc.Renderers.NodeAgent.PlanSource", "Osc.Renderers.NodeAgent.PlannedDropIn", "Osc.Renderers.NodeAgent.PlannedFile", "Osc.Renderers.NodeAgent.PlannedRegistry", "Osc.Renderers.NodeAgent.PlannedUnit",
             "Osc.Renderers.NodeAgent.PlannedUnitCommand", "Osc.Renderers.NodeAgent.RegistryChanges", "Osc.Renderers.NodeAgent.UnitChanges",
             "Osc.Renderers.NodeCheck.DriftKind", "Osc.Renderers.NodeCheck.INodeRoot", "Osc.Renderers.NodeCheck.NodeCheckResult", "Osc.Renderers.NodeCheck.NodeChecker",
             "Osc.Renderers.NodeCheck.NodeDirectory", "Osc.Renderers.NodeCheck.NodeDrift", "Osc.Renderers.NodeCheck.NodeEntry", "Osc.Renderers.NodeCheck.NodeEntryKind",
             "Osc.Renderers.OscRenderer", "Osc.Renderers.RenderOptions",
             "Osc.Renderers.RenderResult", "Osc.Renderers.RenderedArtifact", "Osc.Renderers.RenderedObject"],
            exported);
    }
}
