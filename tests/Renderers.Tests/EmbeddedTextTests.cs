// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;
using Osc.TestUtil;

namespace Osc.Renderers.Tests;

/// <summary>
/// Every template file under src/Renderers is embedded, loads through <see cref="EmbeddedText"/> with its exact
/// text, and is asked for by exactly one call in the renderers' code; no call asks for a template that is not there.
/// </summary>
public sealed partial class EmbeddedTextTests
{
    private static string RenderersSource => Path.Combine(RepoPaths.Root, "src", "Renderers");

    private static Dictionary<string, string> TemplateFiles() =>
        Directory.EnumerateFiles(RenderersSource, "*.tpl", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "Templates" && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), f => f, StringComparer.Ordinal);

    [Fact]
    public void Every_template_file_is_embedded_and_loads_with_its_exact_text()
    {
        var files = TemplateFiles();
        var embedded = typeof(EmbeddedText).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(EmbeddedText.TemplatePrefix, StringComparison.Ordinal))
            .Select(n => n[EmbeddedText.TemplatePrefix.Length..])
            .Order(StringComparer.Ordinal);

        Assert.NotEmpty(files);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), embedded);
        foreach (var (name, path) in files)
        {
            Assert.Equal(File.ReadAllText(path), EmbeddedText.Template(name));
        }
    }

    [Fact]
    public void Every_template_is_asked_for_by_exactly_one_call()
    {
        var calls = Directory.EnumerateFiles(RenderersSource, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => TemplateCall().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .ToList();

        Assert.Equal(TemplateFiles().Keys.Order(StringComparer.Ordinal), calls.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_template_that_is_not_embedded_is_osc_s_bug()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmbeddedText.Template("missing.sh.tpl"));

        Assert.Contains("missing.sh.tpl", error.Message, StringComparison.Ordinal);
        Assert.Null(EmbeddedText.Resource("Osc.Renderers.Templates.missing.sh.tpl"));
    }

    [GeneratedRegex("""EmbeddedText\.Template\("(?<name>[^"]+)"\)""")]
    private static partial Regex TemplateCall();
}
