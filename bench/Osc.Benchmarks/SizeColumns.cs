// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Osc.Benchmarks;

/// <summary>
/// Input bytes, output bytes, the allocation budget (4 × input + output) and Allocated / budget,
/// computed in the host process from the same inputs the benchmark cases use.
/// </summary>
public static class SizeColumns
{
    private static readonly ConcurrentDictionary<(string, string), (long In, long Out)> Sizes = new();

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new Column("In B", "input bytes", (s, c, size) => size.In.ToString(CultureInfo.InvariantCulture)));
            AddColumn(new Column("Out B", "bytes rendered (rootfs files, user-data, status.yaml)", (s, c, size) => size.Out.ToString(CultureInfo.InvariantCulture)));
            AddColumn(new Column("Budget B", "4 × input + output", (s, c, size) => Budget(size).ToString(CultureInfo.InvariantCulture)));
            AddColumn(new Column("Alloc/Budget", "Allocated per operation / budget (target ≤ 1 for FullCompile)", (s, c, size) =>
                s[c]?.GcStats.GetBytesAllocatedPerOperation(c) is long allocated
                    ? ((double)allocated / Budget(size)).ToString("0.00", CultureInfo.InvariantCulture)
                    : "?"));
        }
    }

    private static long Budget((long In, long Out) size) => 4 * size.In + size.Out;

    private static (long In, long Out) Of(BenchmarkCase benchmarkCase)
    {
        var input = (string)benchmarkCase.Parameters["Input"];
        var os = (string)benchmarkCase.Parameters["Os"];
        return Sizes.GetOrAdd((input, os), key =>
        {
            var bytes = BenchInputs.Bytes(key.Item1, key.Item2);
            return (bytes.Length, BenchInputs.OutputBytes(BenchInputs.CompileChecked(bytes, key.Item1 + "/" + key.Item2)));
        });
    }

    private sealed class Column(string name, string legend, Func<Summary, BenchmarkCase, (long In, long Out), string> value) : IColumn
    {
        public string Id => "Osc." + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(summary, benchmarkCase, Of(benchmarkCase));

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
