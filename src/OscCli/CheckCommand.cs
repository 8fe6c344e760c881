// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers;
using Osc.Renderers.Containerd;
using Osc.Renderers.NodeCheck;

namespace Osc.Cli;

/// <summary>
/// <c>osc check FILE... --root DIR</c>: renders each OSC's rootfs/ view as <c>osc render</c> does and
/// holds DIR (a node's <c>/</c>, or an unpacked image) against it. Drifts go to stdout, one line (or
/// JSON object) each; diagnostics to stderr. Exit 0: no drift; 1: drift (stdout has lines) or input
/// that cannot be checked (stdout is empty, stderr says why); 2: usage error.
/// </summary>
internal sealed partial class OscApp
{
    private Command CheckCommand()
    {
        var checkFiles = InputFilesArgument();
        var root = new Option<string>("--root")
        {
            Description = "The node's root directory to check: / on the node itself, or an unpacked image. Symbolic links below it are never followed out of it.",
            Required = true,
            HelpName = "DIR",
        };
        var osConfig = OsConfigOption();
        var format = new Option<string>("--format")
        {
            Description = "How drifts (stdout) and diagnostics (stderr) are printed: text (one line per drift) or json (one object per line).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var nodeView = new NodeViewOptions();
        var check = new Command("check", "Hold a node's root (--root /, or an unpacked image) against each OperatingSystemConfig's rendered rootfs/ view: "
            + "files (bytes, mode, type), the agent's directories, units, drop-ins and enablement. One line per drift; exit 0 clean, 1 drift or invalid input.")
        {
            checkFiles, root, osConfig,
        };
        foreach (var option in nodeView.All)
        {
            check.Options.Add(option);
        }
        check.Options.Add(format);
        check.SetAction(result => Check(
            Inputs(result.GetValue(checkFiles)!, result.GetValue(osConfig)),
            result.GetValue(root)!,
            nodeView.Read(result),
            result.GetValue(format) == "json"));
        return check;
    }

    private int Check(string[] paths, string rootDirectory, NodeViewArguments nodeView, bool json)
    {
        if (NoInput(paths, "check"))
        {
            return ExitUsage;
        }
        if (string.IsNullOrEmpty(rootDirectory))
        {
            _stderr.WriteLine("osc check: --root is empty; name the node's root directory (/ on the node)");
            return ExitUsage;
        }
        if (!TryRenderOptions("check", nodeView, json, out var options, out var refused))
        {
            return refused;
        }
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("osc check reads the node root with Linux calls (openat, statx)");
        }
        var (sources, result) = BatchProgress.Run(_stderr, _environment, tracker =>
        {
            var (input, sources) = Load(paths, tracker);
            if (input.Report.HasErrors)
            {
                return (sources, new NodeCheckResult([], input.Report, 0, 0, 0));
            }
            using var root = LinuxNodeRoot.Open(rootDirectory, out var problem);
            if (root is null)
            {
                input.Report.Add(DiagnosticCatalog.NodeRootUnreadable, $"cannot read the node root {rootDirectory}: {problem}", null, null,
                    "name an existing directory: / on the node, or where an image is unpacked");
                return (sources, new NodeCheckResult([], input.Report, 0, 0, 0));
            }
            tracker.Begin("checking the node", 1);
            return (sources, NodeChecker.Check(input, options, root));
        });
        Print(result.Report, json, sources);
        if (result.Report.HasErrors)
        {
            if (!json)
            {
                _stderr.WriteLine($"osc check: {Count(result.Report.ErrorCount, "error")}, {Count(result.Report.WarningCount, "warning")}; nothing was checked");
            }
            return ExitInvalid;
        }
        if (result.ObjectCount == 0)
        {
            _stderr.WriteLine("osc check: the input holds no OperatingSystemConfig; nothing was checked");
            return ExitInvalid;
        }
        foreach (var drift in result.Drifts)
        {
            _stdout.WriteLine(json ? DriftJson(drift) : DriftText(drift));
        }
        if (!json)
        {
            var scope = $"{Count(result.ObjectCount, "object")}: {Count(result.FileCount, "path")}, {Count(result.UnitCount, "unit")}";
            _stderr.WriteLine(result.Drifts.Count == 0
                ? $"osc check: no drift on {TerminalText.Escape(rootDirectory)} ({scope})"
                : $"osc check: {Count(result.Drifts.Count, "drift")} on {TerminalText.Escape(rootDirectory)} ({scope})");
        }
        return result.Drifts.Count == 0 ? ExitOk : ExitInvalid;
    }

    /// <summary><c>drift[mode] /opt/bin/x: mode 0700 on the node, 0755 expected (ns/name, $.spec.files[0], osc.yaml:12:5)</c>; input and node text escaped.</summary>
    internal static string DriftText(NodeDrift drift)
    {
        var origin = new List<string> { drift.Object };
        if (drift.SourcePath is { } sourcePath)
        {
            origin.Add(sourcePath);
        }
        if (drift.Source is { } source)
        {
            origin.Add(source.ToString());
        }
        return TerminalText.Escape($"drift[{drift.KindName}] {drift.Path}: {drift.Message} ({string.Join(", ", origin)})");
    }

    internal static string DriftJson(NodeDrift drift) => JsonLine.Write(json =>
    {
        json.WriteString("drift", drift.KindName);
        json.WriteString("object", drift.Object);
        json.WriteString("path", drift.Path);
        JsonLine.WriteNullable(json, "unit", drift.Unit);
        JsonLine.WriteNullable(json, "expected", drift.Expected);
        JsonLine.WriteNullable(json, "actual", drift.Actual);
        json.WriteString("message", drift.Message);
        JsonLine.WriteNullable(json, "source", drift.SourcePath);
        JsonLine.WriteLocation(json, drift.Source);
    });
}
