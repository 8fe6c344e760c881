// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;

namespace Osc.Model.Loading;

/// <summary>Everything loaded from one or more input files: typed documents and the findings so far.</summary>
public sealed class OscInput
{
    public OscInput(IReadOnlyList<LoadedDocument> documents, Report report)
        : this(documents, report, [])
    {
    }

    public OscInput(IReadOnlyList<LoadedDocument> documents, Report report, IReadOnlyList<InputFile> embeddedInputs)
    {
        Documents = documents;
        Report = report;
        EmbeddedInputs = embeddedInputs;
    }

    /// <summary>
    /// Texts read from inside other inputs (the <c>osc.yaml</c> of a gardener-node-agent Secret), named as
    /// their findings name them (<c>input.yaml: Secret kube-system/name data[osc.yaml]</c>), so a caret
    /// line can be shown from the decoded text.
    /// </summary>
    public IReadOnlyList<InputFile> EmbeddedInputs { get; }

    public IReadOnlyList<LoadedDocument> Documents { get; }

    public Report Report { get; }

    public IEnumerable<LoadedDocument<OperatingSystemConfig>> OperatingSystemConfigs =>
        Documents.OfType<LoadedDocument<OperatingSystemConfig>>();

    public IEnumerable<LoadedDocument<Secret>> Secrets => Documents.OfType<LoadedDocument<Secret>>();

    public IEnumerable<LoadedDocument<T>> OfKind<T>()
        where T : class => Documents.OfType<LoadedDocument<T>>();
}
