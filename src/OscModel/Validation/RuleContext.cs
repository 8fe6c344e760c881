// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Diagnostics;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>What a rule needs: the report, the document's positions, and the options.</summary>
internal sealed class RuleContext
{
    public RuleContext(Report report, SourceMap positions, ValidationOptions options)
    {
        Report = report;
        Positions = positions;
        Options = options;
    }

    public Report Report { get; }

    public SourceMap Positions { get; }

    public ValidationOptions Options { get; }

    /// <summary>The checked OperatingSystemConfig's metadata.namespace: where its secretRefs resolve (<see cref="Kubernetes.SecretScope"/>).</summary>
    public string? OscNamespace { get; init; }

    /// <summary>Reports at <paramref name="path"/>, located at the path or its nearest ancestor in the input.</summary>
    public void Add(DiagnosticDescriptor descriptor, string path, string message, string? hint = null) =>
        Report.Add(descriptor, message, path, Positions.Locate(path), hint);

    /// <summary>
    /// True when the input had the field but it is empty. An absent required field was already
    /// reported by the binder (OSC1104), and so was one of the wrong type (OSC1101, bound as empty);
    /// reporting either again here would say the same thing twice.
    /// </summary>
    public bool IsPresentButEmpty(string path, string? value) => string.IsNullOrEmpty(value) && Positions.Contains(path) && !Report.HasErrorAt(path, Positions);

    /// <summary>True when the field was given and bound without error (so rules may rely on its value).</summary>
    public bool IsValid(string path) => Positions.Contains(path) && !Report.HasErrorAt(path, Positions);
}
