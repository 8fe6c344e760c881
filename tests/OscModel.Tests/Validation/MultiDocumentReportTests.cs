// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Model.Validation;

namespace Osc.Model.Tests.Validation;

/// <summary>
/// One report holds the findings of every document and file: a finding in one document must neither
/// hide nor swallow the same kind of finding in another.
/// </summary>
public sealed class MultiDocumentReportTests
{
    private const string Head = "apiVersion: extensions.gardener.cloud/v1alpha1\nkind: OperatingSystemConfig\n";

    private static IReadOnlyList<OscDiagnostic> Validate(params (string Name, string Text)[] files)
    {
        var input = OscLoader.Load(files.Select(f => new InputFile(f.Name, System.Text.Encoding.UTF8.GetBytes(f.Text))));
        OscValidator.Validate(input);
        return input.Report.Sorted();
    }

    [Fact]
    public void A_type_error_in_one_document_does_not_hide_an_empty_field_in_the_next()
    {
        var text = Head + "metadata: {name: a, namespace: ns}\nspec: {type: [ubuntu], purpose: reconcile}\n---\n"
            + Head + "metadata: {name: b, namespace: ns}\nspec: {type: '', purpose: reconcile}\n";

        var findings = Validate(("two.yaml", text));

        Assert.Equal([("OSC1101", 4), ("OSC1203", 9)], findings.Select(d => (d.Code, d.Span!.Value.Start.Line)));
    }

    [Fact]
    public void A_broken_metadata_in_one_document_does_not_hide_a_missing_name_in_the_next()
    {
        var text = Head + "metadata: just-a-string\nspec: {type: ubuntu, purpose: reconcile}\n---\n"
            + Head + "metadata: {namespace: ns}\nspec: {type: ubuntu, purpose: reconcile}\n";

        var findings = Validate(("two.yaml", text));

        Assert.Equal([("OSC1101", 3), ("OSC1201", 8)], findings.Select(d => (d.Code, d.Span!.Value.Start.Line)));
    }

    [Fact]
    public void The_same_finding_in_two_documents_is_reported_twice()
    {
        var text = Head + "metadata: {name: a, namespace: ns}\nspec: {type: ubuntu, purpose: sometimes}\n---\n"
            + Head + "metadata: {name: b, namespace: ns}\nspec: {type: ubuntu, purpose: sometimes}\n";

        var findings = Validate(("two.yaml", text));

        Assert.Equal([("OSC1102", 4), ("OSC1102", 9)], findings.Select(d => (d.Code, d.Span!.Value.Start.Line)));
    }

    [Fact]
    public void Two_empty_files_are_two_findings()
    {
        var findings = Validate(("a.yaml", ""), ("b.yaml", "# nothing\n"));

        Assert.Equal([("OSC1002", "a.yaml"), ("OSC1002", "b.yaml")], findings.Select(d => (d.Code, d.Span!.Value.File)));
    }
}
