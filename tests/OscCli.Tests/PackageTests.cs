// SPDX-License-Identifier: Apache-2.0
using Osc.TestUtil;

namespace Osc.Cli.Tests;

/// <summary>
/// The packages as a user gets them: pack Osc.Generator, Osc.Model, Osc.Renderers and the osc tool
/// into a local feed under a fresh version, check each package's metadata (licence, readme,
/// repository), restore a consumer project from it with an empty package cache, let the generator
/// type the consumer's own schema (and report a broken one as a build error located in the schema),
/// render an OSC through the library, build and run the README's C# block exactly as it stands in
/// README.md, and install and run the tool.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed class PackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("osc-packages-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The README's C# block, which the consumer compiles.</summary>
    private static string ReadmeCSharpExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var match = System.Text.RegularExpressions.Regex.Match(readme, "```csharp\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, "README.md has no ```csharp block");
        return match.Groups[1].Value;
    }

    /// <summary>What nuget.org shows for a package: the licence expression, the packed README (the repository's own) and the repository.</summary>
    private static void AssertPackageMetadata(string nupkg, string id)
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(nupkg);
        var nuspecEntry = package.GetEntry(id + ".nuspec");
        Assert.True(nuspecEntry is not null, $"{nupkg} has no {id}.nuspec");
        System.Xml.Linq.XDocument nuspec;
        using (var stream = nuspecEntry!.Open())
        {
            nuspec = System.Xml.Linq.XDocument.Load(stream);
        }
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        System.Xml.Linq.XElement Element(string name) =>
            metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name) ?? throw new Xunit.Sdk.XunitException($"{id}.nuspec has no <{name}>");

        Assert.Equal(id, Element("id").Value);
        var license = Element("license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("Apache-2.0", license.Value);
        Assert.Equal("README.md", Element("readme").Value);
        var packedReadme = package.GetEntry("README.md");
        Assert.True(packedReadme is not null, $"{id} does not pack README.md");
        using (var reader = new StreamReader(packedReadme!.Open()))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), reader.ReadToEnd());
        }
        var repository = Element("repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value, StringComparison.Ordinal);
        Assert.StartsWith("https://", Element("projectUrl").Value, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Element("description").Value));
    }

    private ExternalTool.Result Dotnet(string workingDirectory, params string[] arguments)
    {
        var dotnet = ExternalTool.FindOrSkip("dotnet", "packing and consuming the packages");
        // A package cache of its own: nothing the developer's cache holds can stand in for the fresh packages.
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        return ExternalTool.Run(dotnet, arguments, timeoutSeconds: 300, workingDirectory: workingDirectory, environment: environment);
    }

    [Fact]
    public void Packages_serve_a_consumer_and_the_tool_installs_and_runs()
    {
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var feed = Path.Combine(_work, "feed");
        foreach (var project in new[] { "OscGenerator", "OscModel", "Renderers", "OscCli" })
        {
            var pack = Dotnet(RepoPaths.Root, "pack", Path.Combine(RepoPaths.Root, "src", project), "-c", "Release", "-o", feed, "-p:Version=" + version);
            Assert.True(pack.ExitCode == 0, $"pack {project}:\n{pack.Stdout}{pack.Stderr}");
        }
        foreach (var id in new[] { "Osc.Generator", "Osc.Model", "Osc.Renderers", "Osc.Cli" })
        {
            AssertPackageMetadata(Path.Combine(feed, $"{id}.{version}.nupkg"), id);
        }

        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "schemas"));
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="osc-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <OscGeneratorNamespace>Consumer.Models</OscGeneratorNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Osc.Generator" Version="{version}" PrivateAssets="all" />
                <PackageReference Include="Osc.Renderers" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "schemas", "my-provider-config.schema.json"), """
            {"title": "MyProviderConfig", "type": "object", "additionalProperties": false, "required": ["apiVersion", "kind"],
             "properties": {"apiVersion": {"type": "string", "const": "my.ext/v1"}, "kind": {"type": "string", "const": "MyProviderConfig"},
                            "replicas": {"type": "integer", "format": "int32", "description": "How many."}}}
            """);
        var osc = File.ReadAllText(Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml"));
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), $$""""
            using Osc.Model.Binding;
            using Osc.Model.Diagnostics;
            using Osc.Model.Loading;
            using Osc.Model.Syntax;
            using Osc.Renderers;

            var report = new Report();
            var document = YamlLoader.Load("p.yaml", "apiVersion: my.ext/v1\nkind: MyProviderConfig\nreplicas: 3\nreplica: 4\n", report).Single();
            var config = Consumer.Models.MyProviderConfigBinder.Bind(document.Root, new BindContext(report, new SourceMap("p.yaml")));
            Console.WriteLine($"replicas={config.Replicas} findings={string.Join(",", report.Items.Select(d => d.Code))}");
            var result = OscRenderer.Render(OscLoader.LoadText("osc.yaml", """
            {{osc}}
            """));
            Console.WriteLine($"files={result.Objects.Single().Rootfs.Count} errors={result.Report.ErrorCount}");
            """");

        var run = Dotnet(consumer, "run");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("replicas=3 findings=OSC1103", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("files=10 errors=0", run.Stdout, StringComparison.Ordinal);

        // The README's C# block, byte for byte, is a program of its own: no implicit usings, warnings as errors.
        var readme = Path.Combine(_work, "readme");
        Directory.CreateDirectory(readme);
        File.Copy(Path.Combine(consumer, "nuget.config"), Path.Combine(readme, "nuget.config"));
        File.WriteAllText(Path.Combine(readme, "Readme.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Osc.Renderers" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(readme, "Program.cs"), ReadmeCSharpExample());
        File.Copy(Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml"), Path.Combine(readme, "osc.yaml"));
        var readmeRun = Dotnet(readme, "run");
        Assert.True(readmeRun.ExitCode == 0, readmeRun.Stdout + readmeRun.Stderr);
        Assert.Contains("shoot--dev--demo/worker-pool-a-original: 10 files", readmeRun.Stdout, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(consumer, "schemas", "broken.schema.json"), "{\n  \"title\": \"Broken\",\n  oops\n}\n");
        var broken = Dotnet(consumer, "build");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("broken.schema.json(3,3): error OSC0001", broken.Stdout, StringComparison.Ordinal);

        var tools = Path.Combine(_work, "tools");
        var install = Dotnet(_work, "tool", "install", "Osc.Cli", "--version", version, "--tool-path", tools, "--add-source", feed);
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
        var tool = ExternalTool.Run(Path.Combine(tools, "osc"), ["validate", Path.Combine(RepoPaths.Examples, "reconcile-gardenlinux.yaml")]);
        Assert.True(tool.ExitCode == 0, tool.Stdout + tool.Stderr);
        Assert.Contains("osc: 0 errors, 0 warnings", tool.Stderr, StringComparison.Ordinal);
    }
}
