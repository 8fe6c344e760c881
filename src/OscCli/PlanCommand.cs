// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Osc.Model.Loading;
using Osc.Renderers;
using Osc.Renderers.NodeAgent;

namespace Osc.Cli;

/// <summary>
/// <c>osc plan</c>: what gardener-node-agent does when the OSCs in FILE replace the one in --last-applied
/// (absent: the node's first reconcile). The plan goes to stdout (text, or node-agent's change set as YAML or
/// JSON), findings to stderr; exit 1 when an input is invalid or node-agent could not compute its changes.
/// </summary>
internal sealed partial class OscApp
{
    private Command PlanCommand()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "The new objects: OperatingSystemConfigs (reconcile), gardener-node-agent's osc.yaml Secret, with the Secrets their "
                + "secretRefs name and OS extension configs, as osc render reads them. A directory reads its *.json, *.yaml and *.yml files; '-' reads stdin (once).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var lastApplied = new Option<string?>("--last-applied")
        {
            Description = "What the node applied before: gardener-node-agent's /var/lib/gardener-node-agent/last-applied-osc.yaml, or the "
                + "OperatingSystemConfig (or Secret) it came from. Without it: the node's first reconcile.",
            HelpName = "FILE",
        };
        var hostName = new Option<string?>("--host-name") { Description = "The node's host name (lower-cased, as gardener-node-agent does): files with another hostName are not the node's.", HelpName = "NAME" };
        var currentOsVersion = new Option<string?>("--current-os-version")
        {
            Description = "The node's OS version (what gardener-node-agent reads from PRETTY_NAME in /etc/os-release); needed when the OSC has spec.inPlaceUpdates.",
            HelpName = "X",
        };
        var kubernetesVersion = new Option<string?>("--kubernetes-version")
        {
            Description = "The shoot's Kubernetes version (e.g. 1.35.2); suse-chost's extension units and files depend on it.",
            HelpName = "X.Y.Z",
        };
        var osConfig = OsConfigOption();
        var format = new Option<string>("--format")
        {
            Description = "text (a plan to read; the default, on a terminal and on a pipe alike), yaml (node-agent's last-computed-osc-changes.yaml, "
                + "one document per OSC) or json (the same, one object per line); with json, findings on stderr are JSON lines too.",
            DefaultValueFactory = _ => "text",
            HelpName = "text|yaml|json",
        };
        format.AcceptOnlyFromAmong("text", "yaml", "json");
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors (exit 1, no plan)." };
        var plan = new Command("plan", "Say what gardener-node-agent does when these OperatingSystemConfigs replace the last-applied one: files, units and "
            + "their commands, containerd and registries, its own restart, in-place update flags; with Gardener's update rules checked.")
        {
            files, lastApplied, hostName, currentOsVersion, kubernetesVersion, osConfig, format, strict,
        };
        plan.SetAction(result => Plan(
            Inputs(result.GetValue(files)!, result.GetValue(osConfig)),
            result.GetValue(lastApplied),
            new PlanOptions { HostName = result.GetValue(hostName), CurrentOsVersion = result.GetValue(currentOsVersion) },
            result.GetValue(kubernetesVersion),
            result.GetValue(format)!,
            result.GetValue(strict)));
        _inputArguments.Add(files);
        _inputOptions.Add(lastApplied);
        return plan;
    }

    private int Plan(string[] paths, string? lastAppliedPath, PlanOptions options, string? kubernetesVersion, string format, bool strict)
    {
        if (NoInput(paths, "plan"))
        {
            return ExitUsage;
        }
        if (kubernetesVersion is not null)
        {
            if (!TryKubernetesVersion("plan", kubernetesVersion, out var kubernetes))
            {
                return ExitUsage;
            }
            options = options with { Render = options.Render with { KubernetesVersion = kubernetes } };
        }
        var json = format == "json";
        var (result, sources) = BatchProgress.Run(_stderr, _environment, tracker =>
        {
            var (input, inputSources) = Load(paths, tracker);
            OscInput? lastApplied = null;
            IReadOnlyList<InputFile> lastAppliedFiles = [];
            if (lastAppliedPath is not null)
            {
                (lastApplied, var lastAppliedSources) = Load([lastAppliedPath], tracker);
                lastAppliedFiles = lastAppliedSources.Files;
            }
            tracker.Begin("planning", 1);
            var planned = NodeAgentPlanner.Plan(input, lastApplied, options);
            return (planned, new SourceLines([.. inputSources.Files, .. lastAppliedFiles]));
        });
        var report = strict ? result.Report.AsStrict() : result.Report;
        Print(report, json, sources);
        if (report.HasErrors)
        {
            if (!json)
            {
                _stderr.WriteLine($"osc: {Count(report.ErrorCount, "error")}, {Count(report.WarningCount, "warning")}; no plan");
            }
            return ExitInvalid;
        }
        switch (format)
        {
            case "yaml":
                _stdout.Write(string.Join("---\n", result.Plans.Select(p => ChangeSetWriter.Yaml(p.Changes))));
                break;
            case "json":
                foreach (var planned in result.Plans)
                {
                    _stdout.Write(ChangeSetWriter.Json(planned.Changes));
                    _stdout.Write('\n');
                }
                break;
            default:
                PlanText.Write(_stdout, result.Plans);
                break;
        }
        if (!json)
        {
            _stderr.WriteLine($"osc: planned {Count(result.Plans.Count, "object")}; {Count(report.WarningCount, "warning")}");
        }
        return ExitOk;
    }
}
