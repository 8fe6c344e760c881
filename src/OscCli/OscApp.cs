// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers;
using Osc.Renderers.Containerd;

namespace Osc.Cli;

/// <summary>
/// The <c>osc</c> command: a thin shell over the library (load → validate → render). Exit codes:
/// 0 success (warnings allowed unless --strict), 1 invalid input or failed render, 2 usage error.
/// </summary>
internal sealed class OscApp
{
    public const int ExitOk = 0;
    public const int ExitInvalid = 1;
    public const int ExitUsage = 2;

    private readonly Stream _stdin;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly ICliEnvironment _environment;

    public OscApp(Stream stdin, TextWriter stdout, TextWriter stderr, ICliEnvironment environment)
    {
        _stdin = stdin;
        _stdout = stdout;
        _stderr = stderr;
        _environment = environment;
    }

    public int Run(string[] args)
    {
        if (args is ["--version"])
        {
            // System.CommandLine reads the entry assembly's version, which is the host's when osc runs in-process.
            var version = typeof(OscApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
            _stdout.WriteLine(version);
            return ExitOk;
        }
        var root = BuildCommands();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                _stderr.WriteLine("osc: " + error.Message);
            }
            _stderr.WriteLine("Run 'osc --help' for usage.");
            return ExitUsage;
        }
        try
        {
            return parseResult.Invoke(new InvocationConfiguration { Output = _stdout, Error = _stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Our bug, not the user's: say so, with what is needed to report it.
            _stderr.WriteLine($"error[{DiagnosticCatalog.InternalError.Code}]: internal error in osc: {ex.GetType().Name}: {ex.Message}");
            _stderr.WriteLine("  = hint: this is a bug in Osc; please report it with the input that caused it");
            return ExitInvalid;
        }
    }

    private RootCommand BuildCommands()
    {
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors (exit 1 when any is found)." };
        var format = new Option<string>("--format")
        {
            Description = "How diagnostics are printed on stderr: text (located, with the source line) or json (one object per line).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var files = new Argument<string[]>("FILE")
        {
            Description = "YAML or JSON inputs (several documents each: OperatingSystemConfigs, v1 Secrets, OS extension configs). '-' reads stdin.",
            Arity = ArgumentArity.OneOrMore,
        };

        var validate = new Command("validate", "Check OperatingSystemConfig manifests against the schema and Gardener's validation rules.")
        {
            files, strict, format,
        };
        validate.SetAction(result => Validate(result.GetValue(files)!, result.GetValue(strict), result.GetValue(format) == "json"));

        var renderFiles = new Argument<string[]>("FILE") { Description = files.Description, Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output") { Description = "Directory to write DIR/<namespace>/<name>/{user-data,status.yaml,rootfs/} into (each object folder replaced as a whole).", Required = true, HelpName = "DIR" };
        var containerdBase = new Option<string?>("--containerd-base")
        {
            Description = "The node's /etc/containerd/config.toml before gardener-node-agent patches it (default: Osc's shipped default of --containerd-config-version).",
            HelpName = "FILE",
        };
        var containerdConfigVersion = new Option<int>("--containerd-config-version")
        {
            Description = "Which shipped base config to patch without --containerd-base: 2 (containerd 1.6/1.7), 3 (2.0-2.2) or 4 (2.3+).",
            DefaultValueFactory = _ => 2,
            HelpName = "2|3|4",
        };
        containerdConfigVersion.AcceptOnlyFromAmong("2", "3", "4");
        var containerdVersion = new Option<string?>("--containerd-version")
        {
            Description = "The node's containerd version (e.g. 2.2.0); with config version 3 it decides CNI bin_dirs (>= 2.2) over bin_dir.",
            HelpName = "X.Y.Z",
        };
        var kubernetesVersion = new Option<string?>("--kubernetes-version")
        {
            Description = "The shoot's Kubernetes version (e.g. 1.35.2); suse-chost's reconcile output depends on it.",
            HelpName = "X.Y.Z",
        };
        var compress = new Option<string?>("--compress")
        {
            Description = "Compress provision user-data: gzip (cloud-init unpacks it; ubuntu and ubuntu-pro only).",
            HelpName = "gzip",
        };
        compress.AcceptOnlyFromAmong("gzip");
        var hostName = new Option<string?>("--host-name") { Description = "Render files with this hostName in place of the global ones.", HelpName = "NAME" };
        var render = new Command("render", "Render each OperatingSystemConfig: provision gives the user-data; reconcile gives status.yaml and the rootfs/ view of what gardener-node-agent leaves on the node.")
        {
            renderFiles, output, containerdBase, containerdConfigVersion, containerdVersion, kubernetesVersion, hostName, compress, strict, format,
        };
        render.SetAction(result => Render(
            result.GetValue(renderFiles)!,
            result.GetValue(output)!,
            result.GetValue(containerdBase),
            result.GetValue(containerdConfigVersion),
            result.GetValue(containerdVersion),
            result.GetValue(kubernetesVersion),
            result.GetValue(hostName),
            result.GetValue(compress) == "gzip",
            result.GetValue(strict),
            result.GetValue(format) == "json"));

        var schemaName = new Argument<string?>("NAME")
        {
            Description = "Schema to print (" + string.Join(", ", SchemaCatalog.Names) + "). Without NAME, lists them.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var schema = new Command("schema", "Print a JSON schema for editors (yaml-language-server).") { schemaName };
        schema.SetAction(result => PrintSchema(result.GetValue(schemaName)));

        return new RootCommand("""
            osc: a typed compiler for Gardener OperatingSystemConfig manifests.
            It checks them (every finding with file:line:column, JSON path, OSCnnnn code and a hint) and renders
            what lands on the node: provision user-data, and for reconcile the rootfs/ view gardener-node-agent leaves.

            Examples:
              osc validate examples/reconcile-gardenlinux.yaml
              osc render examples/provision-ubuntu.yaml --output out      # out/<namespace>/<name>/user-data
              osc schema operatingsystemconfig > osc.schema.json           # for yaml-language-server

            Exit codes: 0 valid (warnings allowed unless --strict), 1 invalid input, 2 usage error.
            """) { validate, render, schema };
    }

    private int Validate(string[] paths, bool strict, bool json)
    {
        var (input, sources) = BatchProgress.Run(_stderr, _environment, tracker =>
        {
            var loaded = Load(paths, tracker);
            tracker.Begin("checking", 1);
            OscValidator.Validate(loaded.Input);
            return loaded;
        });
        var report = strict ? input.Report.AsStrict() : input.Report;
        Print(report, json, sources);
        if (!json)
        {
            var summary = $"osc: {Count(report.ErrorCount, "error")}, {Count(report.WarningCount, "warning")} in "
                + $"{Count(input.Documents.Count, "document")} from {Count(paths.Length, "input")}";
            _stderr.WriteLine(summary);
        }
        return report.HasErrors ? ExitInvalid : ExitOk;
    }

    private int Render(string[] paths, string output, string? containerdBase, int configVersion, string? containerdVersion, string? kubernetesVersion,
        string? hostName, bool compressUserData, bool strict, bool json)
    {
        if (string.IsNullOrEmpty(output))
        {
            _stderr.WriteLine("osc render: --output is empty; name the directory to write <namespace>/<name>/ into");
            return ExitUsage;
        }
        Version? version = null;
        if (containerdVersion is not null && !Version.TryParse(containerdVersion, out version))
        {
            _stderr.WriteLine($"osc render: --containerd-version '{containerdVersion}' is not a version such as 2.2.0");
            return ExitUsage;
        }
        Version? kubernetes = null;
        if (kubernetesVersion is not null && !Version.TryParse(kubernetesVersion.TrimStart('v'), out kubernetes))
        {
            _stderr.WriteLine($"osc render: --kubernetes-version '{kubernetesVersion}' is not a version such as 1.35.2");
            return ExitUsage;
        }
        string? baseConfig = null;
        if (containerdBase is not null)
        {
            try
            {
                baseConfig = File.ReadAllText(containerdBase);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _stderr.WriteLine($"osc render: cannot read --containerd-base {containerdBase}: {ex.Message}");
                return ExitInvalid;
            }
        }
        var options = new RenderOptions
        {
            Containerd = new ContainerdConfigOptions { BaseConfig = baseConfig, DefaultConfigVersion = configVersion, ContainerdVersion = version },
            NodeHostName = hostName,
            KubernetesVersion = kubernetes,
            CompressUserData = compressUserData,
        };
        var (sources, report, objects, files) = BatchProgress.Run(_stderr, _environment, tracker =>
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("osc render writes its output tree with Linux calls (renameat2, flock)");
            }
            var (input, sources) = Load(paths, tracker);
            var count = input.OperatingSystemConfigs.Count();
            tracker.Begin($"rendering {Count(count, "object")}", count);
            // Each object goes to staging inside DIR as soon as it is rendered and is dropped; all move into place at the end, or none.
            using var tree = new OutputTree(output, OutputTreeOptions.From(_environment), tracker.Step);
            Report report;
            try
            {
                var rendered = OscRenderer.RenderEach(input, options, tree.Stage);
                report = strict ? rendered.AsStrict() : rendered;
                if (!report.HasErrors)
                {
                    tree.Commit();
                }
            }
            catch (OutputProblemException problem)
            {
                input.Report.Add(problem.Descriptor, problem.Message, null, null, problem.Hint);
                report = strict ? input.Report.AsStrict() : input.Report;
            }
            return (sources, report, tree.ObjectCount, tree.FileCount);
        });
        Print(report, json, sources);
        if (report.HasErrors)
        {
            if (!json)
            {
                _stderr.WriteLine($"osc: {Count(report.ErrorCount, "error")}, {Count(report.WarningCount, "warning")}; nothing was written");
            }
            return ExitInvalid;
        }
        if (!json)
        {
            _stderr.WriteLine($"osc: rendered {Count(objects, "object")} ({Count(files, "file")}) into {output}; {Count(report.WarningCount, "warning")}");
        }
        return ExitOk;
    }

    private (OscInput Input, SourceLines Sources) Load(string[] paths, BatchProgress.Tracker tracker)
    {
        var report = new Report();
        var inputs = new List<InputFile>();
        tracker.Begin($"reading {Count(paths.Length, "input")}", paths.Length);
        // The loader parses each file as it is handed over, so the tracker counts parsed files.
        IEnumerable<InputFile> ReadEach()
        {
            foreach (var path in paths)
            {
                var file = Read(path, report);
                if (file is not null)
                {
                    inputs.Add(file);
                    yield return file;
                }
                tracker.Step();
            }
        }
        var input = OscLoader.Load(ReadEach(), null, report);
        return (input, new SourceLines(inputs));
    }

    private InputFile? Read(string path, Report report)
    {
        if (path != "-")
        {
            return OscLoader.ReadFile(path, report);
        }
        using var buffer = new MemoryStream();
        _stdin.CopyTo(buffer);
        return new InputFile("<stdin>", buffer.ToArray());
    }

    private void Print(Report report, bool json, IReadOnlyDictionary<string, string[]> sources)
    {
        var color = !json && _environment.ErrorIsTerminal && string.IsNullOrEmpty(_environment.GetVariable("NO_COLOR"));
        var printer = new DiagnosticPrinter(_stderr, color, sources);
        foreach (var diagnostic in report.Sorted())
        {
            if (json)
            {
                printer.WriteJson(diagnostic);
            }
            else
            {
                printer.WriteText(diagnostic);
            }
        }
    }

    private int PrintSchema(string? name)
    {
        if (name is null)
        {
            foreach (var known in SchemaCatalog.Names)
            {
                _stdout.WriteLine(known);
            }
            return ExitOk;
        }
        var text = SchemaCatalog.Read(name.EndsWith(".schema.json", StringComparison.Ordinal) ? name[..^".schema.json".Length] : name);
        if (text is null)
        {
            _stderr.WriteLine($"osc schema: no schema named '{name}'; known: {string.Join(", ", SchemaCatalog.Names)}");
            return ExitUsage;
        }
        _stdout.Write(text);
        return ExitOk;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
