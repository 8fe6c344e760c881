// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Shared;

namespace Osc.Renderers.OperatingSystems.Coreos;

/// <summary>
/// gardener-extension-os-coreos (CoreOS, Flatcar): an Ignition 3.3.0 config as compact JSON, in the
/// field order and with the empty objects of Go's encoder over Ignition's types. Files become data
/// URLs; the update services are masked; containerd gets a setup unit and an ExecStart drop-in.
/// </summary>
internal static class IgnitionRenderer
{
    /// <summary>containerd's ExecStart drop-in, in the Ignition config and in the reconcile answer alike.</summary>
    internal const string ExecDropIn = "[Service]\nExecStart=\nExecStart=/usr/bin/containerd --config /etc/containerd/config.toml";

    public static string RenderProvision(LoadedDocument<OperatingSystemConfig> document, IReadOnlyList<Secret> secrets, CoreosExtensionConfig? config,
        Report report, List<ScriptDeviation> deviations)
    {
        ArgumentNullException.ThrowIfNull(document);
        var osc = document.Value;
        var enableDocker = config?.EnableDocker == true;
        var files = new List<string> { File(CoreosIgnitionLayout.SetupScriptPath, "data:;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(EmbeddedText.Template("containerd-setup.sh.tpl"))), FileModes.Octal0755) };
        var specFiles = osc.Spec.Files ?? [];
        for (var i = 0; i < specFiles.Count; i++)
        {
            if (Source(specFiles[i], $"$.spec.files[{i}]", secrets, report, document, deviations) is { } source)
            {
                files.Add(File(specFiles[i].Path, source, specFiles[i].Permissions));
            }
        }
        var links = CoreosIgnitionLayout.MaskedUnits.Select(u => Link(CoreosIgnitionLayout.UnitDirectory + "/" + u, "/dev/null", hard: null)).ToList();
        links.Add(enableDocker
            ? Link(CoreosIgnitionLayout.DockerWantsLinkPath, "/usr/lib/systemd/system/docker.service", hard: false)
            : Link(CoreosIgnitionLayout.DockerExtensionLinkPath, "/dev/null", hard: null));
        var units = new List<string>
        {
            Unit(CoreosIgnitionLayout.SetupUnitName, EmbeddedText.Template("containerd-setup.service.tpl"), [], enabled: true),
            Unit(CoreosIgnitionLayout.ContainerdUnitName, null, [(CoreosIgnitionLayout.ExecDropInName, ExecDropIn)], enabled: true),
        };
        if (enableDocker)
        {
            units.Add(Unit(CoreosIgnitionLayout.DockerUnitName, null, [], enabled: true));
        }
        foreach (var unit in osc.Spec.Units ?? [])
        {
            units.Add(Unit(unit.Name, unit.Content, (unit.DropIns ?? []).Select(d => (d.Name, d.Content)).ToList(), unit.Enable ?? true));
        }
        return "{\"ignition\":{\"config\":{\"replace\":{\"verification\":{}}},\"proxy\":{},\"security\":{\"tls\":{}},\"timeouts\":{},\"version\":\"3.3.0\"},"
            + "\"kernelArguments\":{},\"passwd\":{},\"storage\":{\"files\":[" + string.Join(",", files) + "],\"links\":[" + string.Join(",", links) + "]},"
            + "\"systemd\":{\"units\":[" + string.Join(",", units) + "]}}";
    }

    /// <summary>
    /// Upstream: plain text as "data:," + Go's url.QueryEscape, so the machine controller finds
    /// %3C%3CBOOTSTRAP_TOKEN%3E%3E; b64 as given; Secrets base64-encoded. QueryEscape writes a space
    /// as '+', which Ignition's data-URL decoder keeps as '+': Osc writes %20 there instead.
    /// </summary>
    private static string? Source(NodeFile file, string sourcePath, IReadOnlyList<Secret> secrets, Report report,
        LoadedDocument<OperatingSystemConfig> document, List<ScriptDeviation> deviations)
    {
        var bytes = FileContentResolver.Resolve(file.Content, sourcePath + ".content", document.Value.Metadata?.Namespace, secrets, ContentReader.OsExtension,
            report, document.Positions);
        switch (file.Content.Inline)
        {
            case null when bytes is not null:
                return "data:;base64," + Convert.ToBase64String(bytes);
            case { Encoding: InlineEncoding.B64 } inline when bytes is not null:
                return "data:;base64," + inline.Data;
            case { } inline when bytes is not null:
                if (inline.Data.Contains(' ', StringComparison.Ordinal))
                {
                    deviations.Add(new ScriptDeviation(sourcePath, $"{file.Path}: spaces written as %20; upstream's '+' would land on disk as '+'"));
                }
                return "data:," + QueryEscape(bytes);
            default:
                return null;
        }
    }

    /// <summary>Go's url.QueryEscape of UTF-8 text, except that a space becomes %20 (see <see cref="Source"/>).</summary>
    private static string QueryEscape(byte[] utf8)
    {
        var builder = new StringBuilder();
        foreach (var b in utf8)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static string File(string path, string source, uint? mode) =>
        "{\"group\":{},\"path\":" + GoJson.String(path) + ",\"user\":{},\"contents\":{\"source\":" + GoJson.String(source) + ",\"verification\":{}}"
        + (mode is { } m ? ",\"mode\":" + m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "") + "}";

    private static string Link(string path, string target, bool? hard) =>
        "{\"group\":{},\"overwrite\":true,\"path\":" + GoJson.String(path) + ",\"user\":{}" + (hard is { } h ? ",\"hard\":" + (h ? "true" : "false") : "")
        + ",\"target\":" + GoJson.String(target) + "}";

    private static string Unit(string name, string? contents, IReadOnlyList<(string Name, string Contents)> dropIns, bool enabled)
    {
        var json = new StringBuilder("{");
        if (contents is not null)
        {
            json.Append("\"contents\":").Append(GoJson.String(contents)).Append(',');
        }
        if (dropIns.Count > 0)
        {
            json.Append("\"dropins\":[").Append(string.Join(",", dropIns.Select(d => "{\"contents\":" + GoJson.String(d.Contents) + ",\"name\":" + GoJson.String(d.Name) + "}"))).Append("],");
        }
        return json.Append("\"enabled\":").Append(enabled ? "true" : "false").Append(",\"name\":").Append(GoJson.String(name)).Append('}').ToString();
    }
}
