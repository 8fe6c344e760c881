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
internal sealed partial class OscApp
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
        var errors = parseResult.Errors.Select(e => e.Message).ToList();
        if (errors.Count == 0)
        {
            errors.AddRange(UsageChecks.Check(parseResult, _inputArguments, _inputOptions));
        }
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                _stderr.WriteLine("osc: " + TerminalText.Escape(error));
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
            _stderr.WriteLine($"error[{DiagnosticCatalog.InternalError.Code}]: internal error in osc: {ex.GetType().Name}: {TerminalText.Escape(ex.Message)}");
            _stderr.WriteLine("  = hint: this is a bug in Osc; please report it with the input that caused it");
            return ExitInvalid;
        }
    }

    // The arguments and options that name inputs: UsageChecks looks for unknown options and a second '-' among them.
    private readonly List<Argument> _inputArguments = [];
    private readonly List<Option> _inputOptions = [];

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
            Description = "YAML or JSON inputs (several documents each: OperatingSystemConfigs, v1 Secrets, OS extension configs, "
                + "Lists of them as kubectl prints them, gardener-node-agent's osc.yaml Secret). A directory reads its *.json, *.yaml and *.yml files "
                + "in name order; '-' reads stdin (once). A file named like an option is given as ./-name or after --.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var osConfig = OsConfigOption();

        var validate = new Command("validate", "Check OperatingSystemConfig manifests against the schema and Gardener's validation rules.")
        {
            files, osConfig, strict, format,
        };
        validate.SetAction(result => Validate(Inputs(result.GetValue(files)!, result.GetValue(osConfig)), result.GetValue(strict), result.GetValue(format) == "json"));

        var renderFiles = new Argument<string[]>("FILE") { Description = files.Description, Arity = ArgumentArity.ZeroOrMore };
        var renderOsConfig = OsConfigOption();
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
            renderFiles, output, renderOsConfig, containerdBase, containerdConfigVersion, containerdVersion, kubernetesVersion, hostName, compress, strict, format,
        };
        render.SetAction(result => Render(
            Inputs(result.GetValue(renderFiles)!, result.GetValue(renderOsConfig)),
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
            Description = $"Schema to print: one document kind ({string.Join(", ", SchemaCatalog.Names)}). "
                + $"Without NAME (or with '{SchemaCatalog.ManifestName}'), the schema of every document Osc reads, chosen by apiVersion and kind.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var listSchemas = new Option<bool>("--list") { Description = "List the schema names instead of printing one." };
        var schema = new Command("schema", "Print a JSON schema for editors (yaml-language-server).") { schemaName, listSchemas };
        schema.SetAction(result => PrintSchema(result.GetValue(schemaName), result.GetValue(listSchemas)));
        _inputArguments.Clear();
        _inputArguments.AddRange([files, renderFiles, schemaName]);
        _inputOptions.Clear();
        _inputOptions.AddRange([osConfig, renderOsConfig]);
        var check = CheckCommand(files);

        return new RootCommand("""
            osc: a typed compiler for Gardener OperatingSystemConfig manifests.
            It checks them (every finding with file:line:column, JSON path, OSCnnnn code and a hint) and renders
            what lands on the node: provision user-data, and for reconcile the rootfs/ view gardener-node-agent leaves.

            Examples:
              osc validate examples/reconcile-gardenlinux.yaml
              osc render examples/provision-ubuntu.yaml --output out      # out/<namespace>/<name>/user-data
              kubectl get osc -A -o yaml | osc validate -
              osc plan new.yaml --last-applied last-applied-osc.yaml      # what gardener-node-agent will do
              osc schema > osc.schema.json                                 # for yaml-language-server
              osc check osc.yaml --root /                                  # on a node: does it still match?

            Exit codes: 0 valid (warnings allowed unless --strict), 1 invalid input (check: or drift), 2 usage error.
            """) { validate, render, PlanCommand(), check, schema };
    }

    private static Option<string[]> OsConfigOption() => new("--os-config")
    {
        Description = "An OS extension's configuration (an Ubuntu or CoreOS ExtensionConfig); the same as naming the file among the inputs. May be repeated.",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The inputs in the order given, then the --os-config files (reading order decides only the order of findings).</summary>
    private static string[] Inputs(string[] files, string[]? osConfigs) => [.. files, .. osConfigs ?? []];

    /// <summary>FILE may be left out when --os-config names the input; one of them must name something.</summary>
    private bool NoInput(string[] paths, string command)
    {
        if (paths.Length > 0)
        {
            return false;
        }
        _stderr.WriteLine($"osc {command}: no input; name one or more FILEs (a directory, or '-' for stdin)");
        _stderr.WriteLine("Run 'osc --help' for usage.");
        return true;
    }

    private int Validate(string[] paths, bool strict, bool json)
    {
        if (NoInput(paths, "validate"))
        {
            return ExitUsage;
        }
        var (input, sources) = BatchProgress.Run(_stderr, _environment, tracker =>
        {
            var loaded = Load(paths, tracker);
            tracker.Begin("checking", 1);
            OscRenderer.Validate(loaded.Input);
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
        if (NoInput(paths, "render"))
        {
            return ExitUsage;
        }
        if (string.IsNullOrEmpty(output))
        {
            _stderr.WriteLine("osc render: --output is empty; name the directory to write <namespace>/<name>/ into");
            return ExitUsage;
        }
        Version? version = null;
        if (containerdVersion is not null && !Version.TryParse(containerdVersion, out version))
        {
            _stderr.WriteLine($"osc render: --containerd-version '{TerminalText.Escape(containerdVersion)}' is not a version such as 2.2.0");
            return ExitUsage;
        }
        Version? kubernetes = null;
        if (kubernetesVersion is not null && !Version.TryParse(kubernetesVersion.TrimStart('v'), out kubernetes))
        {
            _stderr.WriteLine($"osc render: --kubernetes-version '{TerminalText.Escape(kubernetesVersion)}' is not a version such as 1.35.2");
            return ExitUsage;
        }
        string? baseConfig = null;
        if (containerdBase is not null)
        {
            // Read like an input: bounded, so a device or a pipe given as the base cannot exhaust memory.
            var readReport = new Report();
            if (OscLoader.ReadFile(containerdBase, readReport) is not { } baseFile)
            {
                Print(readReport, json, new Dictionary<string, string[]>());
                return ExitInvalid;
            }
            using var reader = new StreamReader(new MemoryStream(baseFile.Content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            baseConfig = reader.ReadToEnd();
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
            _stderr.WriteLine($"osc: rendered {Count(objects, "object")} ({Count(files, "file")}) into {TerminalText.Escape(output)}; {Count(report.WarningCount, "warning")}");
        }
        return ExitOk;
    }

    private (OscInput Input, SourceLines Sources) Load(string[] arguments, BatchProgress.Tracker tracker)
    {
        var report = new Report();
        var inputs = new List<InputFile>();
        // A directory stands for its *.json, *.yaml and *.yml files, as kubectl apply -f DIR reads them.
        var paths = arguments.SelectMany(path => path == UsageChecks.Stdin ? [path] : OscLoader.ExpandDirectory(path, report)).ToList();
        tracker.Begin($"reading {Count(paths.Count, "input")}", paths.Count);
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
        return (input, new SourceLines([.. inputs, .. input.EmbeddedInputs]));
    }

    private InputFile? Read(string path, Report report)
    {
        if (path != "-")
        {
            return OscLoader.ReadFile(path, report);
        }
        return OscLoader.ReadStream("<stdin>", _stdin, report);
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

    private int PrintSchema(string? name, bool list)
    {
        if (list)
        {
            if (name is not null)
            {
                _stderr.WriteLine("osc schema: --list takes no NAME");
                return ExitUsage;
            }
            foreach (var known in SchemaCatalog.Names.Prepend(SchemaCatalog.ManifestName))
            {
                _stdout.WriteLine(known);
            }
            return ExitOk;
        }
        name ??= SchemaCatalog.ManifestName;
        var text = SchemaCatalog.Read(name.EndsWith(".schema.json", StringComparison.Ordinal) ? name[..^".schema.json".Length] : name);
        if (text is null)
        {
            _stderr.WriteLine($"osc schema: no schema named '{TerminalText.Escape(name)}'; known: {string.Join(", ", SchemaCatalog.Names.Prepend(SchemaCatalog.ManifestName))}");
            return ExitUsage;
        }
        _stdout.Write(text);
        return ExitOk;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
