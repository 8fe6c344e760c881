// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Osc.Generator.Helpers;
using Osc.Generator.Model;

namespace Osc.Generator;

public sealed partial class OscGenerator
{
    internal sealed record TypeNameEntry(string Name, string FilePath, string FileName);

    /// <summary>A type two schema files both emit (OSC0005); one file's own collisions are the parser's (OSC0011).</summary>
    internal static class TypeNames
    {
        /// <summary>Every type a spec emits: records, enums with their wire helpers, the binder.</summary>
        public static EquatableArray<TypeNameEntry> Declared(SchemaSpec spec) =>
            spec.Records.Select(r => r.Name)
                .Concat(spec.Enums.SelectMany(e => new[] { e.Name, e.Name + "Wire" }))
                .Concat(new[] { spec.BinderName })
                .Select(name => new TypeNameEntry(name, spec.FilePath, spec.FileName))
                .ToEquatableArray();

        public static EquatableArray<DiagnosticInfo> FindDuplicates(ImmutableArray<EquatableArray<TypeNameEntry>> all)
        {
            var byName = all.SelectMany(x => x).GroupBy(x => x.Name, StringComparer.Ordinal);
            var result = new List<DiagnosticInfo>();
            foreach (var group in byName.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var files = group.Select(x => x.FileName).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
                if (files.Count > 1)
                {
                    var first = group.OrderBy(x => x.FileName, StringComparer.Ordinal).First();
                    result.Add(new DiagnosticInfo(DiagnosticDescriptors.DuplicateTypeName.Id, new LocationInfo(first.FilePath, 0, 0, 0, 0),
                        new[] { group.Key, string.Join(" and ", files) }.ToEquatableArray()));
                }
            }
            return result.ToEquatableArray();
        }
    }
}
