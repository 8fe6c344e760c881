// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers.Node;

namespace Osc.Renderers;

/// <summary>
/// The library entry point: validate the loaded input (secretRefs must resolve), then render every
/// OperatingSystemConfig. No console, no file system: artifacts and a report come back.
/// </summary>
public static class OscRenderer
{
    public static RenderResult Render(OscInput input, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= RenderOptions.Default;
        var report = input.Report;
        OscValidator.Validate(input, new ValidationOptions { RequireSecrets = true });
        if (report.HasErrors)
        {
            return new RenderResult([], report);
        }
        var secrets = input.Secrets.Select(s => s.Value).ToList();
        var settings = new NodeSettings(
            input.OfKind<OscNodeConfig>().FirstOrDefault(),
            input.OfKind<UbuntuExtensionConfig>().FirstOrDefault(),
            input.OfKind<CoreosExtensionConfig>().FirstOrDefault());
        var objects = new List<RenderedObject>();
        foreach (var document in input.OperatingSystemConfigs)
        {
            var osc = document.Value;
            if (osc.Spec.Purpose == Purpose.Provision)
            {
                report.Add(DiagnosticCatalog.ProvisionNotRendered,
                    $"user-data for OS type '{osc.Spec.Type}' is not rendered yet; only reconcile OperatingSystemConfigs get a rootfs/ view for now",
                    "$.spec.purpose", document.Positions.Locate("$.spec.purpose"), "validate it with 'osc validate'; the per-OS renderers come next");
                continue;
            }
            var ns = string.IsNullOrEmpty(osc.Metadata?.Namespace) ? "_" : osc.Metadata.Namespace;
            var name = osc.Metadata?.Name ?? "_";
            var inNamespace = secrets.Where(s => string.IsNullOrEmpty(s.Metadata.Namespace) || s.Metadata.Namespace == osc.Metadata?.Namespace).ToList();
            var rootfs = RootfsRenderer.Render(osc, inNamespace, options, report, document.Positions, settings);
            if (rootfs is { } view)
            {
                RenderedArtifactChecks.Check(view.Files, report, artifact => artifact.SourceDocument is null
                    ? document.Positions.Locate(artifact.SourcePath)
                    : input.Documents.FirstOrDefault(d => d.DisplayName == artifact.SourceDocument)?.Positions.Locate(artifact.SourcePath));
                objects.Add(new RenderedObject(ns, name, osc.Spec.Purpose, view.Files, view.Directories));
            }
        }
        return new RenderResult(report.HasErrors ? [] : objects, report);
    }
}
