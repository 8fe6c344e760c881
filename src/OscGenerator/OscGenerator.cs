// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Osc.Generator.Helpers;
using Osc.Generator.Model;

namespace Osc.Generator;

/// <summary>
/// Turns every <c>*.schema.json</c> AdditionalFile into C# records, enums and (when the compilation
/// references Osc.Model) position-keeping binders. Only the pipeline wiring lives here.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class OscGenerator : IIncrementalGenerator
{
    internal const string BindContextMetadataName = "Osc.Model.Binding.BindContext";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var schemaFiles = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, ct) => (Path: file.Path, Text: file.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.SchemaFiles);

        var ns = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => NamespaceOption.Read(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Namespace);

        var bindingAvailable = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(BindContextMetadataName) is not null)
            .WithTrackingName(TrackingNames.BindingAvailable);

        var parsed = schemaFiles.Combine(ns)
            .Select(static (input, ct) => Parser.Parse(input.Left.Path, input.Left.Text, input.Right.Namespace, ct))
            .WithTrackingName(TrackingNames.Parse);

        var specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Spec);

        // All specs together, so a type two schema files declare (OSC0005) is emitted once, deterministically.
        context.RegisterSourceOutput(specs.Collect().Combine(bindingAvailable), static (spc, input) =>
        {
            var emitted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var spec in input.Left.OrderBy(s => s.FileName, StringComparer.Ordinal))
            {
                foreach (var (hintName, source) in Emitter.Emit(spec, input.Right))
                {
                    if (emitted.Add(hintName))
                    {
                        spc.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
                    }
                }
            }
        });

        // Diagnostics travel apart from the sources, so a moved diagnostic does not re-emit code.
        var diagnostics = parsed.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(ns, static (spc, value) =>
        {
            if (value.Diagnostic is not null)
            {
                spc.ReportDiagnostic(value.Diagnostic.ToDiagnostic());
            }
        });

        var typeNames = specs
            .Select(static (spec, _) => TypeNames.Declared(spec))
            .Collect()
            .Select(static (all, _) => TypeNames.FindDuplicates(all))
            .WithTrackingName(TrackingNames.TypeNames);
        context.RegisterSourceOutput(typeNames, static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });
    }
}
