using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LerarenFunctions.Benchmarks;

/// <summary>
/// Rows per second and allocated bytes per row: the targets are stated per row, the default columns per
/// operation (one operation is one whole file of <see cref="ValidateBenchmarks.Rows"/> rows).
/// </summary>
public sealed class PerRowColumn : IColumn
{
    private readonly bool _throughput;

    private PerRowColumn(bool throughput) => _throughput = throughput;

    public static IColumn RowsPerSecond { get; } = new PerRowColumn(throughput: true);

    public static IColumn AllocatedPerRow { get; } = new PerRowColumn(throughput: false);

    public string Id => _throughput ? "RowsPerSecond" : "AllocatedPerRow";

    public string ColumnName => _throughput ? "Rows/s" : "Alloc/row";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _throughput ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => _throughput ? UnitType.Dimensionless : UnitType.Size;

    public string Legend => _throughput
        ? "Rows validated per second on one thread (rows per file / Mean)"
        : "Bytes allocated per row (Allocated / rows per file)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        if (_throughput)
        {
            var rowsPerSecond = ValidateBenchmarks.Rows / (statistics.Mean / 1e9);
            return rowsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        }

        var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is { } perOperation
            ? ((double)perOperation / ValidateBenchmarks.Rows).ToString("N1", CultureInfo.InvariantCulture) + " B"
            : "-";
    }

    public override string ToString() => ColumnName;
}
