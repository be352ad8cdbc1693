using System.Diagnostics;
using System.Globalization;
using LerarenFunctions.Infrastructure.Storage;

namespace LerarenFunctions.Benchmarks.Timers;

/// <summary>
/// Measures ticks: the wall time of one call, and the requests our storage clients sent during it (the
/// <see cref="StorageRequestCounter"/> before and after; nothing else in the process sends while a tick runs).
/// </summary>
internal sealed class TickMeter(StorageRequestCounter counter)
{
    /// <summary>The requests a table lookup of one delivery row is counted as.</summary>
    public const string DeliveryLookup = "table GET Aanleveringen entity";

    /// <summary>The request a page of the uploads listing is counted as.</summary>
    public const string UploadsPage = "blob GET aanleveringen list";

    /// <summary>One tick; <paramref name="tick"/> returns a count worth showing (rows, files), or null.</summary>
    public async Task<Tick> MeasureAsync(Func<Task<long?>> tick)
    {
        var before = counter.Snapshot();
        var clock = Stopwatch.StartNew();
        var items = await tick();
        var elapsed = clock.Elapsed;
        var after = counter.Snapshot();
        var requests = after.ByOperation
            .Select(e => (e.Key, Count: e.Value - before.ByOperation.GetValueOrDefault(e.Key)))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);
        return new Tick(elapsed, requests, items);
    }

    /// <summary>
    /// <paramref name="count"/> ticks; <paramref name="prepare"/> runs before each (not measured), <paramref name="check"/>
    /// after each (not measured either).
    /// </summary>
    public async Task<Figure> RepeatAsync(
        string name, string note, int count, Func<Task<long?>> tick, Func<int, Task>? prepare = null, Func<Tick, Task>? check = null)
    {
        var ticks = new List<Tick>(count);
        for (var i = 0; i < count; i++)
        {
            if (prepare is not null)
            {
                await prepare(i);
            }

            var measured = await MeasureAsync(tick);
            ticks.Add(measured);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name} #{i + 1}: {measured}"));
            if (check is not null)
            {
                await check(measured);
            }
        }

        return new Figure(name, note, ticks);
    }
}

/// <summary>One measured tick: wall time, our storage requests per operation, and a count of what it went through.</summary>
internal sealed record Tick(TimeSpan Elapsed, IReadOnlyDictionary<string, long> Requests, long? Items)
{
    public long Total => Requests.Values.Sum();

    public long Of(string operation) => Requests.GetValueOrDefault(operation);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Elapsed.TotalMilliseconds:N0} ms, {Total:N0} requests{(Items is { } n ? $", {n:N0} items" : string.Empty)} ({string.Join(", ", Requests.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value:N0}"))})");
}

/// <summary>A figure of the report: the median of its ticks (time, and requests per operation).</summary>
internal sealed record Figure(string Name, string Note, IReadOnlyList<Tick> Ticks)
{
    public TimeSpan MedianTime => Ticks.Select(t => t.Elapsed).Order().ElementAt(Ticks.Count / 2);

    public TimeSpan MinTime => Ticks.Min(t => t.Elapsed);

    public TimeSpan MaxTime => Ticks.Max(t => t.Elapsed);

    public long MedianTotal => Median(Ticks.Select(t => t.Total));

    public long? MedianItems => Ticks.All(t => t.Items is null) ? null : Median(Ticks.Select(t => t.Items ?? 0));

    /// <summary>Whether every tick sent the same requests: then the median is every tick's count.</summary>
    public bool SameRequests => Ticks.All(t => t.Requests.Count == Ticks[0].Requests.Count && t.Requests.All(e => Ticks[0].Of(e.Key) == e.Value));

    public IEnumerable<(string Operation, long Count)> MedianByOperation =>
        Ticks.SelectMany(t => t.Requests.Keys).Distinct(StringComparer.Ordinal)
            .Select(op => (op, Median(Ticks.Select(t => t.Of(op)))))
            .Where(e => e.Item2 > 0)
            .OrderByDescending(e => e.Item2)
            .ThenBy(e => e.op, StringComparer.Ordinal);

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
