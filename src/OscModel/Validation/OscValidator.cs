// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;

namespace Osc.Model.Validation;

/// <summary>
/// Gardener's OperatingSystemConfig validation (pkg/api/extensions/validation), the OS extensions'
/// validation of their configs and of what they render, plus what a compiler adds. Findings go into
/// the input's report; nothing is thrown for bad input.
/// </summary>
public static class OscValidator
{
    /// <summary>Validates every OperatingSystemConfig of the input (schema conformance was checked while binding).</summary>
    public static Report Validate(OscInput input, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var secrets = input.Secrets.ToList();
        var coreosConfig = input.OfKind<CoreosExtensionConfig>().FirstOrDefault()?.Value;
        foreach (var osc in input.OperatingSystemConfigs)
        {
            Validate(osc, secrets, input.Report, options, coreosConfig);
        }
        foreach (var ubuntu in input.OfKind<UbuntuExtensionConfig>())
        {
            ExtensionConfigRules.Check(ubuntu, input.Report);
        }
        foreach (var coreos in input.OfKind<CoreosExtensionConfig>())
        {
            ExtensionConfigRules.Check(coreos, input.Report);
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

    /// <summary>Validates one OperatingSystemConfig; its secretRefs resolve against <paramref name="secrets"/> as <see cref="SecretScope"/> says.</summary>
    public static void Validate(
        LoadedDocument<OperatingSystemConfig> document,
        IReadOnlyList<LoadedDocument<Secret>> secrets,
        Report report,
        ValidationOptions? options = null) => Validate(document, secrets, report, options, coreosConfig: null);

    /// <summary>
    /// Gardener's update rules (ValidateOperatingSystemConfigUpdate) for <paramref name="updated"/> replacing
    /// <paramref name="stored"/>, located in <paramref name="updated"/>; the create-time rules are <see cref="Validate(OscInput, ValidationOptions?)"/>'s.
    /// </summary>
    public static void ValidateUpdate(LoadedDocument<OperatingSystemConfig> updated, LoadedDocument<OperatingSystemConfig> stored, Report report)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(report);
        UpdateRules.Check(updated, stored, report);
    }

    private static void Validate(
        LoadedDocument<OperatingSystemConfig> document,
        IReadOnlyList<LoadedDocument<Secret>> secrets,
        Report report,
        ValidationOptions? options,
        CoreosExtensionConfig? coreosConfig)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(secrets);
        var osc = document.Value;
        var ctx = new RuleContext(report, document.Positions, options ?? ValidationOptions.Default) { OscNamespace = osc.Metadata?.Namespace };
        if (document.NodeAgentSecret is { } nodeAgentSecret)
        {
            // gardenlet leaves metadata and type out of node-agent's copy on purpose; node-agent reads neither.
            NodeAgentSecretRules.Check(nodeAgentSecret, report);
        }
        else
        {
            MetadataRules.Check(osc, ctx);
        }
        CriConfigRules.Check(osc, ctx);
        var declaredPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in (osc.Spec?.Files ?? []).Concat(osc.Status?.ExtensionFiles ?? []))
        {
            declaredPaths.Add(file.Path);
        }
        UnitRules.Check(osc.Spec?.Units, "$.spec.units", declaredPaths, ctx);
        UnitRules.Check(osc.Status?.ExtensionUnits, "$.status.extensionUnits", declaredPaths, ctx);
        var allSecrets = secrets.Select(s => s.Value).ToList();
        FileRules.Check(osc.Spec?.Files, "$.spec.files", allSecrets, ctx);
        FileRules.Check(osc.Status?.ExtensionFiles, "$.status.extensionFiles", allSecrets, ctx);
        FileRules.CheckDuplicates(osc.Spec?.Files, osc.Status?.ExtensionFiles, ctx);
        var providerConfig = ProviderConfigRules.Check(document, report);
        ProvisionRules.Check(osc, providerConfig as CoreosExtensionConfig, coreosConfig, ctx);
        FilePlacementRules.Check(osc.Spec?.Files, osc.Status?.ExtensionFiles, ctx.Options.NodePathClaims?.Invoke(document) ?? [], ctx);
    }
}
