// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Syntax;
using Osc.Model.Validation;
using Osc.Renderers.Node;

namespace Osc.Renderers.NodeAgent;

/// <summary>What planning needs besides the inputs.</summary>
internal sealed record PlanOptions
{
    public static PlanOptions Default { get; } = new();

    /// <summary>The node's host name (gardener-node-agent lower-cases os.Hostname()); files with another <c>hostName</c> are not the node's. Null: only files without one.</summary>
    public string? HostName { get; init; }

    /// <summary>The node's OS version as node-agent reads it from /etc/os-release; needed when the new OSC has spec.inPlaceUpdates.</summary>
    public string? CurrentOsVersion { get; init; }

    /// <summary>What the OS extensions' answers depend on (the Kubernetes version for suse-chost) and node-agent's PATH for its containerd drop-in.</summary>
    public RenderOptions Render { get; init; } = RenderOptions.Default;
}

/// <summary>
/// The plan for one OperatingSystemConfig: the change set gardener-node-agent computes and persists when it
/// replaces <see cref="LastApplied"/> (null: the node's first reconcile), and <see cref="Notes"/> in words.
/// <see cref="Unchanged"/>: node-agent's checksum gate stops it before it computes anything (the objects it
/// receives are the same), so the change set is empty.
/// </summary>
internal sealed record OscPlan(string Namespace, string Name, string Source, string? LastApplied, bool Unchanged, IReadOnlyList<string> Notes, NodeAgentChangeSet Changes);

/// <summary>The plans (none when the report has errors) and every finding about the inputs.</summary>
internal sealed record PlanResult(IReadOnlyList<OscPlan> Plans, Report Report);

/// <summary>
/// <c>osc plan</c> as a library call: validates the new objects as <see cref="OscRenderer.Render(Osc.Model.Loading.OscInput, RenderOptions?)"/> does and the
/// last-applied ones (gardener-node-agent's own last-applied-osc.yaml is recognised and read as node-agent
/// wrote it), pairs them, checks Gardener's update rules where both are objects Gardener stores, and computes
/// for each pair what gardener-node-agent computes (<see cref="NodeAgentChangeSet"/>).
/// </summary>
internal static class NodeAgentPlanner
{
    public static PlanResult Plan(OscInput input, OscInput? lastApplied, PlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= PlanOptions.Default;
        var settings = SettingsOf(input, null);
        OscValidator.Validate(input, ValidationFor(settings, options));

        var newOscs = new List<LoadedDocument<OperatingSystemConfig>>();
        foreach (var document in input.OperatingSystemConfigs)
        {
            if (document.Value.Spec.Purpose == Purpose.Provision)
            {
                input.Report.Add(DiagnosticCatalog.ProvisionNotPlanned,
                    "this is a provision OperatingSystemConfig: its content reaches the node as user-data, and gardener-node-agent never applies it, so it is not planned",
                    "$.spec.purpose", document.Positions.Locate("$.spec.purpose"), "plan the reconcile OperatingSystemConfig of the worker pool");
                continue;
            }
            newOscs.Add(document);
        }

        // The last-applied objects: node-agent's own copies read as node-agent wrote them, validated in a report of their own.
        var oldOscs = new List<(LoadedDocument<OperatingSystemConfig> Document, bool IsCopy)>();
        var lastAppliedFindings = new List<OscDiagnostic>();
        NodeSettings? oldSettings = null;
        IReadOnlyList<Secret> oldSecrets = [];
        if (lastApplied is not null)
        {
            oldSettings = SettingsOf(lastApplied, settings);
            var documents = lastApplied.Documents.Select(d => d is LoadedDocument<OperatingSystemConfig> osc && AgentOsc.LooksLikeNodeAgentCopy(osc)
                ? osc with { Value = osc.Value with { Spec = osc.Value.Spec with { Purpose = Purpose.Reconcile } } }
                : d).ToList();
            var copies = documents.OfType<LoadedDocument<OperatingSystemConfig>>().Where(AgentOsc.LooksLikeNodeAgentCopy).ToList();
            OscValidator.Validate(new OscInput([.. documents, .. input.Secrets], lastApplied.Report), ValidationFor(oldSettings, options));
            // Only errors: they stop the plan; warnings about what a node applied before are not this plan's business.
            lastAppliedFindings.AddRange(lastApplied.Report.Items.Where(d => d.Severity == Severity.Error && !copies.Any(copy => IsAboutCopyShape(d, copy))));
            oldOscs.AddRange(documents.OfType<LoadedDocument<OperatingSystemConfig>>()
                .Where(d => d.Value.Spec.Purpose == Purpose.Reconcile).Select(d => (d, copies.Contains(d))));
            oldSecrets = [.. lastApplied.Secrets.Select(s => s.Value), .. input.Secrets.Select(s => s.Value)];
        }

        var pairs = Pair(newOscs, oldOscs, lastApplied is not null, input.Report);
        foreach (var (updated, previous) in pairs)
        {
            if (previous is { IsCopy: false } stored && updated.NodeAgentSecret is null && stored.Document.NodeAgentSecret is null && SameObject(updated, stored.Document))
            {
                OscValidator.ValidateUpdate(updated, stored.Document, input.Report);
            }
        }

        var lastAppliedReport = lastApplied?.Report ?? new Report();
        if (input.Report.HasErrors || lastAppliedFindings.Any(d => d.Severity == Severity.Error))
        {
            return new PlanResult([], Combined(input.Report, lastAppliedFindings));
        }

        var plans = new List<OscPlan>();
        var newSecrets = input.Secrets.Select(s => s.Value).ToList();
        var hostName = (options.HostName ?? "").ToLowerInvariant();
        var before = lastAppliedReport.Items.Count;
        foreach (var (updated, previous) in pairs)
        {
            var notes = new List<string>();
            // node-agent's PATH drop-in: its content in node-agent's own copy (the same process PATH), else the one osc render writes.
            var envDropIn = previous is { IsCopy: true } copy && AgentOsc.EnvDropInOf(copy.Document.Value) is { } kept
                ? kept
                : AgentOsc.EnvDropIn(options.Render.AgentPath);
            var newView = AgentOsc.Build(updated, false, newSecrets, settings, options.Render, envDropIn, input.Report);
            var oldView = previous is { } p ? AgentOsc.Build(p.Document, p.IsCopy, oldSecrets, oldSettings!, options.Render, p.IsCopy ? null : envDropIn, lastAppliedReport) : null;
            if (newView is null || (previous is not null && oldView is null))
            {
                continue;
            }
            if (previous is not null)
            {
                Describe(updated, previous.Value, notes);
            }
            var ns = updated.Value.Metadata?.Namespace ?? "";
            var name = updated.Value.Metadata?.Name ?? "";
            if (oldView is not null && NothingChanged(newView, oldView))
            {
                notes.Add("unchanged: node-agent receives the same object again, so its checksum gate stops it before it computes anything");
                plans.Add(new OscPlan(ns, name, updated.DisplayName, previous?.Document.DisplayName, true, notes, NodeAgentChangeSet.Empty(newView.Checksum)));
                continue;
            }
            if (ChangeComputer.Compute(newView, oldView, hostName, options.CurrentOsVersion, input.Report, notes) is { } changes)
            {
                plans.Add(new OscPlan(ns, name, updated.DisplayName, previous?.Document.DisplayName, false, notes, changes));
            }
        }
        // Findings about the last-applied objects made while planning (the copy-shape findings were dropped before).
        var report = Combined(input.Report, [.. lastAppliedFindings, .. lastAppliedReport.Items.Skip(before).Where(d => d.Severity == Severity.Error)]);
        return new PlanResult(report.HasErrors ? [] : plans, report);
    }

    /// <summary>One report for both inputs (their findings already carry their final paths).</summary>
    private static Report Combined(Report input, IEnumerable<OscDiagnostic> lastApplied)
    {
        var report = new Report();
        report.AddRange(input.Items);
        report.AddRange(lastApplied);
        return report;
    }

    private static List<(LoadedDocument<OperatingSystemConfig> Updated, (LoadedDocument<OperatingSystemConfig> Document, bool IsCopy)? Previous)> Pair(
        List<LoadedDocument<OperatingSystemConfig>> newOscs, List<(LoadedDocument<OperatingSystemConfig> Document, bool IsCopy)> oldOscs, bool withLastApplied, Report report)
    {
        var pairs = new List<(LoadedDocument<OperatingSystemConfig>, (LoadedDocument<OperatingSystemConfig>, bool)?)>();
        if (newOscs.Count == 0)
        {
            report.Add(DiagnosticCatalog.NothingToPlan, "the input holds no reconcile OperatingSystemConfig to plan", null, null,
                "name a reconcile OperatingSystemConfig, or gardener-node-agent's Secret holding one, as FILE");
            return pairs;
        }
        if (!withLastApplied)
        {
            pairs.AddRange(newOscs.Select(n => (n, ((LoadedDocument<OperatingSystemConfig>, bool)?)null)));
            return pairs;
        }
        if (oldOscs.Count == 0)
        {
            report.Add(DiagnosticCatalog.NothingToPlan, "--last-applied holds no reconcile OperatingSystemConfig to compare with", null, null,
                "name gardener-node-agent's /var/lib/gardener-node-agent/last-applied-osc.yaml, or the OperatingSystemConfig the node applied before; leave --last-applied out for the node's first reconcile");
            return pairs;
        }
        foreach (var updated in newOscs)
        {
            var match = oldOscs.Where(o => !string.IsNullOrEmpty(o.Document.Value.Metadata?.Name) && SameObject(updated, o.Document)).ToList();
            if (match.Count == 0 && newOscs.Count == 1 && oldOscs.Count == 1)
            {
                // One object on each side: a node applies one OSC, whatever the objects are called.
                match = oldOscs;
            }
            if (match.Count == 0)
            {
                var held = string.Join(", ", oldOscs.Select(o => string.IsNullOrEmpty(o.Document.Value.Metadata?.Name) ? $"an unnamed one ({o.Document.DisplayName})" : NameOf(o.Document)));
                report.Add(DiagnosticCatalog.NothingToPlan,
                    $"--last-applied holds no OperatingSystemConfig {NameOf(updated)} (it holds {held}), so this one cannot be paired",
                    "$.metadata.name", updated.Positions.Locate("$.metadata.name"),
                    "give --last-applied the OSC of the same namespace and name, or plan one OSC against one last-applied OSC");
                continue;
            }
            pairs.Add((updated, match[0]));
        }
        return pairs;
    }

    private static void Describe(LoadedDocument<OperatingSystemConfig> updated, (LoadedDocument<OperatingSystemConfig> Document, bool IsCopy) previous, List<string> notes)
    {
        if (previous.IsCopy)
        {
            notes.Add("last applied: gardener-node-agent's own copy (it already holds the PATH drop-in, which is not added again); Gardener's update rules need two stored objects and are not checked");
        }
        else if (updated.NodeAgentSecret is not null || previous.Document.NodeAgentSecret is not null)
        {
            notes.Add("Gardener's update rules are not checked: they apply to the OperatingSystemConfig in the seed, and a gardener-node-agent Secret holds none of its metadata, type or purpose");
        }
        else if (!SameObject(updated, previous.Document))
        {
            notes.Add($"last applied: {NameOf(previous.Document)}, another object than {NameOf(updated)}; Gardener's update rules are not checked");
        }
    }

    /// <summary>The objects node-agent receives are the same (the same Secret checksum, or the same content): its checksum gate (PRE-3).</summary>
    private static bool NothingChanged(AgentOsc updated, AgentOsc previous)
    {
        if (updated.Checksum.Length > 0 && previous.Document.NodeAgentSecret is not null && updated.Checksum == previous.Checksum)
        {
            return true;
        }
        return SemanticEquality.ListEqual(updated.SpecUnits, previous.SpecUnits, (a, b) => SemanticEquality.Equal(a.Unit, b.Unit))
            && SemanticEquality.ListEqual(updated.StatusUnits, previous.StatusUnits, (a, b) => SemanticEquality.Equal(a.Unit, b.Unit))
            && SemanticEquality.ListEqual(updated.SpecFiles, previous.SpecFiles, (a, b) => SemanticEquality.Equal(a.File, b.File))
            && SemanticEquality.ListEqual(updated.StatusFiles, previous.StatusFiles, (a, b) => SemanticEquality.Equal(a.File, b.File))
            && SemanticEquality.Equal(updated.CriConfig, previous.CriConfig)
            && SemanticEquality.Equal(updated.InPlaceUpdates, previous.InPlaceUpdates)
            && SemanticEquality.Equal(updated.StatusInPlaceUpdates, previous.StatusInPlaceUpdates);
    }

    private static bool SameObject(LoadedDocument<OperatingSystemConfig> a, LoadedDocument<OperatingSystemConfig> b) =>
        SecretScope.SameNamespace(a.Value.Metadata?.Namespace, b.Value.Metadata?.Namespace) && (a.Value.Metadata?.Name ?? "") == (b.Value.Metadata?.Name ?? "");

    private static string NameOf(LoadedDocument<OperatingSystemConfig> document) =>
        (string.IsNullOrEmpty(document.Value.Metadata?.Namespace) ? "" : document.Value.Metadata.Namespace + "/") + (document.Value.Metadata?.Name ?? "");

    /// <summary>
    /// Findings about what node-agent's own copy leaves empty on purpose (IN-1: no metadata, type "" and purpose ""),
    /// which are no findings there, as for the osc.yaml of a node-agent Secret.
    /// </summary>
    private static bool IsAboutCopyShape(OscDiagnostic diagnostic, LoadedDocument<OperatingSystemConfig> copy)
    {
        if (diagnostic.Path is not { } qualified || OscPath.Unbase(qualified, copy.Positions.RootPath) is not { } path
            || diagnostic.Span != copy.Positions.Locate(path))
        {
            return false;
        }
        return (diagnostic.Code, path) is
            ("OSC1201", "$.metadata.name") or ("OSC1202", "$.metadata.namespace") or
            ("OSC1104", "$.spec.type" or "$.spec.purpose" or "$.metadata.name") or ("OSC1102", "$.spec.purpose") or ("OSC1203", "$.spec.type");
    }

    private static ValidationOptions ValidationFor(NodeSettings settings, PlanOptions options) =>
        new() { RequireSecrets = true, NodePathClaims = document => NodePathClaims.For(document, settings, options.Render) };

    /// <summary>The documents that shape a node, from <paramref name="input"/>, each falling back to <paramref name="fallback"/>'s.</summary>
    private static NodeSettings SettingsOf(OscInput input, NodeSettings? fallback) => new(
        input.OfKind<OscNodeConfig>().FirstOrDefault() ?? fallback?.NodeConfig,
        input.OfKind<UbuntuExtensionConfig>().FirstOrDefault() ?? fallback?.Ubuntu,
        input.OfKind<CoreosExtensionConfig>().FirstOrDefault() ?? fallback?.Coreos);
}
