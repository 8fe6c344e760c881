// SPDX-License-Identifier: Apache-2.0
using System.Reflection;

namespace Osc.Renderers.Tests;

/// <summary>
/// The data flow has one direction (DESIGN.md): the model knows nothing of renderers or the CLI,
/// renderers know nothing of the CLI, and nothing below the CLI pulls in console or command-line code.
/// </summary>
public sealed class LayeringTests
{
    private static string[] References(string assemblyName) =>
        Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).Order().ToArray();

    [Fact]
    public void Model_references_neither_renderers_nor_cli()
    {
        var references = References("Osc.Model");
        Assert.DoesNotContain("Osc.Renderers", references);
        Assert.DoesNotContain("osc", references);
        Assert.DoesNotContain("System.CommandLine", references);
    }

    [Fact]
    public void Renderers_reference_the_model_but_not_the_cli()
    {
        var references = References("Osc.Renderers");
        Assert.DoesNotContain("osc", references);
        Assert.DoesNotContain("System.CommandLine", references);
        Assert.DoesNotContain("Spectre.Console", references);
    }
}
