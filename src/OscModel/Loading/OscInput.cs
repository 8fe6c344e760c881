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
    {
        Documents = documents;
        Report = report;
    }

    public IReadOnlyList<LoadedDocument> Documents { get; }

    public Report Report { get; }

    public IEnumerable<LoadedDocument<OperatingSystemConfig>> OperatingSystemConfigs =>
        Documents.OfType<LoadedDocument<OperatingSystemConfig>>();

    public IEnumerable<LoadedDocument<Secret>> Secrets => Documents.OfType<LoadedDocument<Secret>>();

    public IEnumerable<LoadedDocument<T>> OfKind<T>()
        where T : class => Documents.OfType<LoadedDocument<T>>();
}
