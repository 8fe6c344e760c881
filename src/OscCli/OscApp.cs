// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Osc.Model.Diagnostics;

namespace Osc.Cli;

/// <summary>
/// The <c>osc</c> command: a thin shell over the library (load → validate → render). Exit codes:
/// 0 success (warnings allowed unless --strict), 1 invalid input or failed render, 2 usage error.
/// Each command is a file of its own (a part of this class with its <c>…Command()</c> and its flow), listed once in
/// <see cref="BuildCommands"/>; <c>InputReading.cs</c> holds what the commands share for reading inputs.
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
    // Each command adds its own as it is built.
    private readonly List<Argument> _inputArguments = [];
    private readonly List<Option> _inputOptions = [];

    private RootCommand BuildCommands()
    {
        _inputArguments.Clear();
        _inputOptions.Clear();
        var root = new RootCommand("""
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
            """);
        // The commands, in the order --help lists them: a new command is its file and one line here.
        Command[] commands =
        [
            ValidateCommand(),
            RenderCommand(),
            PlanCommand(),
            CheckCommand(),
            SchemaCommand(),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Prints the findings on stderr: located text (with the source line, colored on a terminal unless NO_COLOR) or JSON lines.</summary>
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

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
