// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;

namespace Osc.Cli;

/// <summary>What the commands share for naming and reading their inputs: FILE, --os-config, --strict, --format, and the bounded read.</summary>
internal sealed partial class OscApp
{
    private const string InputFilesDescription =
        "YAML or JSON inputs (several documents each: OperatingSystemConfigs, v1 Secrets, OS extension configs, "
        + "Lists of them as kubectl prints them, gardener-node-agent's osc.yaml Secret). A directory reads its *.json, *.yaml and *.yml files "
        + "in name order; '-' reads stdin (once). A file named like an option is given as ./-name or after --.";

    /// <summary>The FILE argument of a command that reads OSC inputs; registered for UsageChecks.</summary>
    private Argument<string[]> InputFilesArgument()
    {
        var files = new Argument<string[]>("FILE") { Description = InputFilesDescription, Arity = ArgumentArity.ZeroOrMore };
        _inputArguments.Add(files);
        return files;
    }

    /// <summary>--os-config; registered for UsageChecks.</summary>
    private Option<string[]> OsConfigOption()
    {
        var osConfig = new Option<string[]>("--os-config")
        {
            Description = "An OS extension's configuration (an Ubuntu or CoreOS ExtensionConfig); the same as naming the file among the inputs. May be repeated.",
            HelpName = "FILE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        _inputOptions.Add(osConfig);
        return osConfig;
    }

    private static Option<bool> StrictOption() => new("--strict") { Description = "Treat warnings as errors (exit 1 when any is found)." };

    private static Option<string> DiagnosticFormatOption()
    {
        var format = new Option<string>("--format")
        {
            Description = "How diagnostics are printed on stderr: text (located, with the source line) or json (one object per line).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

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

    private InputFile? Read(string path, Report report) =>
        path == UsageChecks.Stdin ? OscLoader.ReadStream("<stdin>", _stdin, report) : OscLoader.ReadFile(path, report);
}
