// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers;
using Osc.Renderers.Containerd;

namespace Osc.Cli;

/// <summary>
/// How the node view is rendered, as given on the command line of <c>osc render</c> and <c>osc check</c> (versions still
/// text: <see cref="OscApp"/> checks them when it makes the library's <see cref="RenderOptions"/>).
/// </summary>
internal sealed record NodeViewArguments(
    string? ContainerdBase,
    int ContainerdConfigVersion,
    string? ContainerdVersion,
    string? KubernetesVersion,
    string? HostName,
    bool CompressUserData = false);

/// <summary>What <c>osc render</c> was asked for.</summary>
internal sealed record RenderRequest(string[] Paths, string Output, NodeViewArguments NodeView, bool Strict, bool Json);

/// <summary>
/// <c>osc render FILE... --output DIR</c>: every object into DIR/&lt;namespace&gt;/&lt;name&gt;/ (user-data; status.yaml and
/// rootfs/ for reconcile), staged and moved into place at the end, or nothing written.
/// </summary>
internal sealed partial class OscApp
{
    private Command RenderCommand()
    {
        var files = InputFilesArgument();
        var output = new Option<string>("--output") { Description = "Directory to write DIR/<namespace>/<name>/{user-data,status.yaml,rootfs/} into (each object folder replaced as a whole).", Required = true, HelpName = "DIR" };
        var osConfig = OsConfigOption();
        var nodeView = new NodeViewOptions();
        var compress = new Option<string?>("--compress")
        {
            Description = "Compress provision user-data: gzip (cloud-init unpacks it; ubuntu and ubuntu-pro only).",
            HelpName = "gzip",
        };
        compress.AcceptOnlyFromAmong("gzip");
        var strict = StrictOption();
        var format = DiagnosticFormatOption();
        var render = new Command("render", "Render each OperatingSystemConfig: provision gives the user-data; reconcile gives status.yaml and the rootfs/ view of what gardener-node-agent leaves on the node.")
        {
            files, output, osConfig,
        };
        foreach (var option in nodeView.All)
        {
            render.Options.Add(option);
        }
        render.Options.Add(compress);
        render.Options.Add(strict);
        render.Options.Add(format);
        render.SetAction(result => Render(new RenderRequest(
            Paths: Inputs(result.GetValue(files)!, result.GetValue(osConfig)),
            Output: result.GetValue(output)!,
            NodeView: nodeView.Read(result, compressUserData: result.GetValue(compress) == "gzip"),
            Strict: result.GetValue(strict),
            Json: result.GetValue(format) == "json")));
        return render;
    }

    private int Render(RenderRequest request)
    {
        if (NoInput(request.Paths, "render"))
        {
            return ExitUsage;
        }
        if (string.IsNullOrEmpty(request.Output))
        {
            _stderr.WriteLine("osc render: --output is empty; name the directory to write <namespace>/<name>/ into");
            return ExitUsage;
        }
        if (!TryRenderOptions("render", request.NodeView, request.Json, out var options, out var refused))
        {
            return refused;
        }
        var (sources, report, objects, files) = BatchProgress.Run(_stderr, _environment, tracker =>
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("osc render writes its output tree with Linux calls (renameat2, flock)");
            }
            var (input, sources) = Load(request.Paths, tracker);
            var count = input.OperatingSystemConfigs.Count();
            tracker.Begin($"rendering {Count(count, "object")}", count);
            // Each object goes to staging inside DIR as soon as it is rendered and is dropped; all move into place at the end, or none.
            using var tree = new OutputTree(request.Output, OutputTreeOptions.From(_environment), tracker.Step);
            Report report;
            try
            {
                var rendered = OscRenderer.RenderEach(input, options, tree.Stage);
                report = request.Strict ? rendered.AsStrict() : rendered;
                if (!report.HasErrors)
                {
                    tree.Commit();
                }
            }
            catch (OutputProblemException problem)
            {
                input.Report.Add(problem.Descriptor, problem.Message, null, null, problem.Hint);
                report = request.Strict ? input.Report.AsStrict() : input.Report;
            }
            return (sources, report, tree.ObjectCount, tree.FileCount);
        });
        Print(report, request.Json, sources);
        if (report.HasErrors)
        {
            if (!request.Json)
            {
                _stderr.WriteLine($"osc: {Count(report.ErrorCount, "error")}, {Count(report.WarningCount, "warning")}; nothing was written");
            }
            return ExitInvalid;
        }
        if (!request.Json)
        {
            _stderr.WriteLine($"osc: rendered {Count(objects, "object")} ({Count(files, "file")}) into {TerminalText.Escape(request.Output)}; {Count(report.WarningCount, "warning")}");
        }
        return ExitOk;
    }

    /// <summary><c>--kubernetes-version</c> as Gardener writes it (a leading 'v' allowed); a usage error said on stderr when it is not one.</summary>
    private bool TryKubernetesVersion(string command, string text, out Version? version)
    {
        if (Version.TryParse(text.TrimStart('v'), out version))
        {
            return true;
        }
        _stderr.WriteLine($"osc {command}: --kubernetes-version '{TerminalText.Escape(text)}' is not a version such as 1.35.2");
        return false;
    }

    /// <summary>
    /// The library's options from a command's arguments: versions parsed (a bad one is a usage error), the containerd base
    /// read bounded (an unreadable one is invalid input). False with the exit code when they cannot be made (said on stderr).
    /// </summary>
    private bool TryRenderOptions(string command, NodeViewArguments request, bool json, out RenderOptions options, out int exit)
    {
        options = RenderOptions.Default;
        exit = ExitOk;
        Version? containerd = null;
        if (request.ContainerdVersion is { } containerdText && !Version.TryParse(containerdText, out containerd))
        {
            _stderr.WriteLine($"osc {command}: --containerd-version '{TerminalText.Escape(containerdText)}' is not a version such as 2.2.0");
            exit = ExitUsage;
            return false;
        }
        Version? kubernetes = null;
        if (request.KubernetesVersion is { } kubernetesText && !TryKubernetesVersion(command, kubernetesText, out kubernetes))
        {
            exit = ExitUsage;
            return false;
        }
        string? baseConfig = null;
        if (request.ContainerdBase is { } basePath)
        {
            // Read like an input: bounded, so a device or a pipe given as the base cannot exhaust memory.
            var readReport = new Report();
            if (OscLoader.ReadFile(basePath, readReport) is not { } baseFile)
            {
                Print(readReport, json, new Dictionary<string, string[]>());
                exit = ExitInvalid;
                return false;
            }
            using var reader = new StreamReader(new MemoryStream(baseFile.Content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            baseConfig = reader.ReadToEnd();
        }
        options = new RenderOptions
        {
            Containerd = new ContainerdConfigOptions { BaseConfig = baseConfig, DefaultConfigVersion = request.ContainerdConfigVersion, ContainerdVersion = containerd },
            NodeHostName = request.HostName,
            KubernetesVersion = kubernetes,
            CompressUserData = request.CompressUserData,
        };
        return true;
    }
}
