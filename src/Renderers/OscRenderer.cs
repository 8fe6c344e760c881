// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Model.Kubernetes;
using Osc.Renderers.Node;
using Osc.Renderers.OperatingSystems;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Renderers.OperatingSystems.GardenLinux;
using Osc.Renderers.OperatingSystems.Coreos;
using Osc.Renderers.OperatingSystems.SuseChost;
using Osc.Renderers.OperatingSystems.Ubuntu;

namespace Osc.Renderers;

/// <summary>
/// The library entry point: validate the loaded input (secretRefs must resolve, in the OSC's namespace
/// as <see cref="SecretScope"/> says; validation and rendering resolve them the same way), then render
/// every OperatingSystemConfig. No console, no file system: artifacts and a report come back.
/// </summary>
public static class OscRenderer
{
    /// <summary>
    /// Validates the input as <see cref="Render"/> does, without needing the Secrets of secretRefs:
    /// Gardener's rules, and the declared files against what the renderers write on the node themselves.
    /// </summary>
    public static Report Validate(OscInput input, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return OscValidator.Validate(input, ValidationOptionsFor(input, options ?? RenderOptions.Default, requireSecrets: false));
    }

    /// <summary>Renders every object and returns them all (with errors in the report, none).</summary>
    public static RenderResult Render(OscInput input, RenderOptions? options = null)
    {
        var objects = new List<RenderedObject>();
        var report = RenderEach(input, options, objects.Add);
        return new RenderResult(report.HasErrors ? [] : objects, report);
    }

    /// <summary>
    /// Renders the objects one at a time, handing each to <paramref name="rendered"/> as soon as it is
    /// complete and keeping no reference to it, so a caller that writes and drops each one holds one
    /// rendered object at a time. Returns the report. An error found after some objects were handed
    /// over makes the whole run invalid: when the report has errors, discard what was handed over.
    /// </summary>
    public static Report RenderEach(OscInput input, RenderOptions? options, Action<RenderedObject> rendered)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rendered);
        options ??= RenderOptions.Default;
        var report = input.Report;
        OscValidator.Validate(input, ValidationOptionsFor(input, options, requireSecrets: true));
        if (report.HasErrors)
        {
            return report;
        }
        var secrets = input.Secrets.Select(s => s.Value).ToList();
        var settings = SettingsOf(input);
        foreach (var document in input.OperatingSystemConfigs)
        {
            var osc = document.Value;
            var ns = string.IsNullOrEmpty(osc.Metadata?.Namespace) ? "_" : osc.Metadata.Namespace;
            if (string.IsNullOrEmpty(osc.Metadata?.Name))
            {
                // Validation let it through because the API server would generate the name; Osc cannot guess it.
                report.Add(DiagnosticCatalog.ObjectNameGenerated,
                    "metadata.name is empty: the API server would generate it from generateName, so Osc has no folder name for this object",
                    "$.metadata.generateName", document.Positions.Locate("$.metadata.generateName"),
                    "set metadata.name to the name the object has in the cluster");
                continue;
            }
            var name = osc.Metadata.Name;
            var type = osc.Spec.Type;
            if (osc.Spec.Purpose == Purpose.Provision
                && (GardenLinuxRenderer.Handles(type) || SuseChostRenderer.Handles(type) || UbuntuRenderer.Handles(type) || IgnitionRenderer.Handles(type)))
            {
                var deviations = new List<ScriptDeviation>();
                var provisionRootfs = new List<RenderedArtifact>();
                var userData = GardenLinuxRenderer.Handles(type) ? GardenLinuxRenderer.RenderProvision(document, secrets, report, deviations, provisionRootfs)
                    : SuseChostRenderer.Handles(type) ? SuseChostRenderer.RenderProvision(document, secrets, report, deviations, provisionRootfs)
                    : UbuntuRenderer.Handles(type) ? UbuntuRenderer.RenderProvision(document, secrets, settings.Ubuntu?.Value, report, deviations, provisionRootfs)
                    : IgnitionRenderer.RenderProvision(document, secrets, CoreosConfig.Effective(document, settings.Coreos?.Value, report), report, deviations);
                foreach (var deviation in deviations)
                {
                    report.Add(DiagnosticCatalog.ScriptDeviation, deviation.Message, deviation.SourcePath, document.Positions.Locate(deviation.SourcePath),
                        deviation.Hint ?? "the node gets exactly the declared bytes; upstream's script would not");
                }
                // Bash-based OS types also get the rootfs view of what their script writes; Ignition's is applied by Ignition itself.
                rendered(UserDataLimits.Apply(new RenderedObject(ns, name, Purpose.Provision, provisionRootfs, [], userData), type, options, report, document.Positions));
                continue;
            }
            if (osc.Spec.Purpose == Purpose.Provision)
            {
                report.Add(DiagnosticCatalog.ProvisionNotRendered,
                    $"user-data for OS type '{osc.Spec.Type}' is not rendered yet (ubuntu, gardenlinux, suse-chost, their variants, coreos and flatcar are)",
                    "$.spec.purpose", document.Positions.Locate("$.spec.purpose"), "validate it with 'osc validate'; the per-OS renderers come next");
                continue;
            }
            var osSettings = IgnitionRenderer.Handles(type) ? WithEffectiveCoreosConfig(settings, document, report) : settings;
            if (OsReconcile.Render(osc, osSettings, options, report, document.Positions) is not { } osExtension)
            {
                continue;
            }
            var rootfs = RootfsRenderer.Render(osc, secrets, options, report, document.Positions, settings, osExtension);
            if (rootfs is { } view)
            {
                RenderedArtifactChecks.Check(view.Files, report, artifact => artifact.SourceDocument is null
                    ? document.Positions.Locate(artifact.SourcePath)
                    : input.Documents.FirstOrDefault(d => d.DisplayName == artifact.SourceDocument)?.Positions.Locate(artifact.SourcePath));
                rendered(new RenderedObject(ns, name, osc.Spec.Purpose, view.Files, view.Directories, StatusYaml: StatusYamlRenderer.Render(osExtension)) { Units = view.Units });
            }
        }
        return report;
    }

    private static NodeSettings SettingsOf(OscInput input) => new(
        input.OfKind<OscNodeConfig>().FirstOrDefault(),
        input.OfKind<UbuntuExtensionConfig>().FirstOrDefault(),
        input.OfKind<CoreosExtensionConfig>().FirstOrDefault());

    private static ValidationOptions ValidationOptionsFor(OscInput input, RenderOptions options, bool requireSecrets)
    {
        var settings = SettingsOf(input);
        return new ValidationOptions { RequireSecrets = requireSecrets, NodePathClaims = document => NodePathClaims.For(document, settings, options) };
    }

    /// <summary>The CoreOS config this OSC gets: the extension-wide one with its providerConfig on top.</summary>
    internal static NodeSettings WithEffectiveCoreosConfig(NodeSettings settings, LoadedDocument<OperatingSystemConfig> document, Report report)
    {
        var effective = CoreosConfig.Effective(document, settings.Coreos?.Value, report);
        return effective is null
            ? settings
            : settings with { Coreos = new LoadedDocument<CoreosExtensionConfig>(effective, settings.Coreos?.Source ?? document.Source, settings.Coreos?.Positions ?? document.Positions) };
    }
}
