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
using Osc.Shared;

namespace Osc.Renderers;

/// <summary>
/// The library entry point: validate the loaded input (secretRefs must resolve, in the OSC's namespace
/// as <see cref="SecretScope"/> says; validation and rendering resolve them the same way), then render
/// every OperatingSystemConfig. No console, no file system: artifacts and a report come back.
/// </summary>
public static class OscRenderer
{
    /// <summary>
    /// Validates the input as <see cref="Render(OscInput, RenderOptions?)"/> does, without needing the Secrets of secretRefs:
    /// Gardener's rules, and the declared files against what the renderers write on the node themselves.
    /// </summary>
    public static Report Validate(OscInput input, RenderOptions? options = null) => Validate(input, options, OsFamilies.Default);

    /// <summary>Renders every object and returns them all (with errors in the report, none).</summary>
    public static RenderResult Render(OscInput input, RenderOptions? options = null) => Render(input, options, OsFamilies.Default);

    /// <summary>
    /// Renders the objects one at a time, handing each to <paramref name="rendered"/> as soon as it is
    /// complete and keeping no reference to it, so a caller that writes and drops each one holds one
    /// rendered object at a time. Returns the report. An error found after some objects were handed
    /// over makes the whole run invalid: when the report has errors, discard what was handed over.
    /// </summary>
    public static Report RenderEach(OscInput input, RenderOptions? options, Action<RenderedObject> rendered) =>
        RenderEach(input, options, rendered, OsFamilies.Default);

    /// <summary><see cref="Validate(OscInput, RenderOptions?)"/> with these OS families.</summary>
    internal static Report Validate(OscInput input, RenderOptions? options, OsFamilies families)
    {
        ArgumentNullException.ThrowIfNull(input);
        return OscValidator.Validate(input, ValidationOptionsFor(input, options ?? RenderOptions.Default, families, requireSecrets: false));
    }

    /// <summary><see cref="Render(OscInput, RenderOptions?)"/> with these OS families.</summary>
    internal static RenderResult Render(OscInput input, RenderOptions? options, OsFamilies families)
    {
        var objects = new List<RenderedObject>();
        var report = RenderEach(input, options, objects.Add, families);
        return new RenderResult(report.HasErrors ? [] : objects, report);
    }

    /// <summary><see cref="RenderEach(OscInput, RenderOptions?, Action{RenderedObject})"/> with these OS families: the registry is asked once per object.</summary>
    internal static Report RenderEach(OscInput input, RenderOptions? options, Action<RenderedObject> rendered, OsFamilies families)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentNullException.ThrowIfNull(families);
        options ??= RenderOptions.Default;
        var report = input.Report;
        OscValidator.Validate(input, ValidationOptionsFor(input, options, families, requireSecrets: true));
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
            var family = families.For(osc.Spec.Type);
            if (osc.Spec.Purpose == Purpose.Provision)
            {
                if (family is null)
                {
                    report.Add(DiagnosticCatalog.ProvisionNotRendered,
                        $"user-data for OS type '{osc.Spec.Type}' is not rendered: no OS family serves it (Osc renders {RenderedTypeNames(families)})",
                        "$.spec.purpose", document.Positions.Locate("$.spec.purpose"),
                        "the object is validated; its user-data comes from the OS extension that serves this type");
                    continue;
                }
                var provision = family.RenderProvision(new OsRenderContext(document, secrets, settings, options, report));
                foreach (var deviation in provision.Deviations)
                {
                    report.Add(DiagnosticCatalog.ScriptDeviation, deviation.Message, deviation.SourcePath, document.Positions.Locate(deviation.SourcePath),
                        deviation.Hint ?? "the node gets exactly the declared bytes; upstream's script would not");
                }
                rendered(UserDataLimits.Apply(new RenderedObject(ns, name, Purpose.Provision, provision.Rootfs, [], provision.UserData),
                    osc.Spec.Type, family, options, report, document.Positions));
                continue;
            }
            var osExtension = family.ReconcileAnswer(new OsRenderContext(document, secrets, settings, options, report));
            if (osExtension is null)
            {
                continue;
            }
            var rootfs = RootfsRenderer.Render(osc, secrets, options, report, document.Positions, settings, osExtension, family);
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

    private static ValidationOptions ValidationOptionsFor(OscInput input, RenderOptions options, OsFamilies families, bool requireSecrets)
    {
        var settings = SettingsOf(input);
        return new ValidationOptions { RequireSecrets = requireSecrets, NodePathClaims = document => NodePathClaims.For(document, settings, options, families) };
    }

    /// <summary>The known OS types the registry renders, read from the one type table, for OSC2007's message.</summary>
    private static string RenderedTypeNames(OsFamilies families) =>
        string.Join(", ", OsTypes.All.Where(t => families.For(t.Name) is not null).Select(t => t.IsPrefix ? t.Name + "*" : t.Name));
}
