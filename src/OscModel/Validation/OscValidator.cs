// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;

namespace Osc.Model.Validation;

/// <summary>
/// Gardener's OperatingSystemConfig validation (pkg/api/extensions/validation) plus what a compiler
/// adds. Findings go into the input's report; nothing is thrown for bad input.
/// </summary>
public static class OscValidator
{
    /// <summary>Validates every OperatingSystemConfig of the input (schema conformance was checked while binding).</summary>
    public static Report Validate(OscInput input, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var secrets = input.Secrets.ToList();
        foreach (var osc in input.OperatingSystemConfigs)
        {
            Validate(osc, secrets, input.Report, options);
        }
        var nodeConfigs = input.OfKind<OscNodeConfig>().ToList();
        foreach (var nodeConfig in nodeConfigs)
        {
            NodeConfigRules.Check(nodeConfig, input.Report);
        }
        foreach (var extra in nodeConfigs.Skip(1))
        {
            input.Report.Add(DiagnosticCatalog.DuplicateNodeConfig, $"a NodeConfig is also given in {nodeConfigs[0].DisplayName}; which one applies would be a guess",
                "$", extra.Positions.Locate("$"), "keep one NodeConfig per render");
        }
        return input.Report;
    }

    public static void Validate(
        LoadedDocument<OperatingSystemConfig> document,
        IReadOnlyList<LoadedDocument<Secret>> secrets,
        Report report,
        ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var ctx = new RuleContext(report, document.Positions, options ?? ValidationOptions.Default);
        var osc = document.Value;
        MetadataRules.Check(osc, ctx);
        CriConfigRules.Check(osc, ctx);
        var declaredPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in (osc.Spec?.Files ?? []).Concat(osc.Status?.ExtensionFiles ?? []))
        {
            declaredPaths.Add(file.Path);
        }
        UnitRules.Check(osc.Spec?.Units, "$.spec.units", declaredPaths, ctx);
        UnitRules.Check(osc.Status?.ExtensionUnits, "$.status.extensionUnits", declaredPaths, ctx);
        var secretsInNamespace = secrets
            .Where(s => string.IsNullOrEmpty(s.Value.Metadata.Namespace) || string.IsNullOrEmpty(osc.Metadata?.Namespace)
                || s.Value.Metadata.Namespace == osc.Metadata?.Namespace)
            .Select(s => s.Value)
            .ToList();
        FileRules.Check(osc.Spec?.Files, "$.spec.files", secretsInNamespace, ctx);
        FileRules.Check(osc.Status?.ExtensionFiles, "$.status.extensionFiles", secretsInNamespace, ctx);
        FileRules.CheckDuplicates(osc.Spec?.Files, osc.Status?.ExtensionFiles, ctx);
        FilePlacementRules.Check(osc.Spec?.Files, osc.Status?.ExtensionFiles, ctx.Options.NodePathClaims?.Invoke(document) ?? [], ctx);
        ProviderConfigRules.Check(document, report);
    }
}
