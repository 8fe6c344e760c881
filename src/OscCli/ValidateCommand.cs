// SPDX-License-Identifier: Apache-2.0
using System.CommandLine;
using Osc.Renderers;

namespace Osc.Cli;

/// <summary><c>osc validate FILE...</c>: Gardener's rules and the declared files against what the renderers write; findings on stderr.</summary>
internal sealed partial class OscApp
{
    private Command ValidateCommand()
    {
        var files = InputFilesArgument();
        var osConfig = OsConfigOption();
        var strict = StrictOption();
        var format = DiagnosticFormatOption();
        var validate = new Command("validate", "Check OperatingSystemConfig manifests against the schema and Gardener's validation rules.")
        {
            files, osConfig, strict, format,
        };
        validate.SetAction(result => Validate(Inputs(result.GetValue(files)!, result.GetValue(osConfig)), result.GetValue(strict), result.GetValue(format) == "json"));
        return validate;
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
}
