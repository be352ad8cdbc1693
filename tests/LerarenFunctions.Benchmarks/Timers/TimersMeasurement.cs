using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Benchmarks.Timers;

/// <summary>
/// <c>timers</c>: what one tick of each timer costs with a large table and a large uploads container. Starts an
/// Azurite of its own (in memory), fills it through the app's own adapters with N final deliveries and their uploads
/// (<see cref="TimersSeed"/>), builds the use cases from the app's one composition, and measures single ticks of
/// <see cref="CheckDeliveries"/>, <see cref="PickUpMissedUploads"/> and <see cref="ApplyRetention"/>: wall time and our
/// clients' storage requests per operation, the median of a few ticks. For comparison it issues the queries of the
/// timers before the redesign on the same data with the SDK: the table-wide status query and a full listing of the
/// uploads. A measurement, not a gate.
/// </summary>
public static class TimersMeasurement
{
    public const string Usage =
        "usage: timers [--afgerond N (100000)] [--lopend N (10)] [--dodeletters N (100)] [--verlopen N (10)] [--recente N (1% of the uploads)] [--besturen N (100)] [--parallel N (32)] [--ticks N (3)]";

    /// <summary>Months the final deliveries' completion is spread over: the current month and the ones before.</summary>
    private const int MonthsOfCompletions = 12;

    /// <summary>The old forwarding check's query, over the whole table.</summary>
    private const string OldForwardingFilter = "RowKey eq 'aanlevering' and Status eq 'doorsturen'";

    /// <returns>0 when measured, 1 when it broke off, 2 for a wrong command line.</returns>
    public static Task<int> RunAsync(IReadOnlyList<string> args) =>
        MeasurementCommand.RunAsync(
            Settings.TryParse(args, out var settings, out var error) ? null : error,
            Usage,
            cancellationToken => MeasureAsync(settings, cancellationToken));

    private static async Task MeasureAsync(Settings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine(Invariant(
            $"timers: {settings.Finished:N0} afgerond, {settings.Forwarding:N0} doorsturen, {settings.DeadLetters:N0} dead letters, {settings.Boards} boards; {settings.Ticks} ticks each; parallel {settings.Parallel}"));
        MeasurementCommand.PrintMachine();
        await MeasurementCommand.WithAzuriteAsync(async azurite =>
        {
            using var host = await StartCompositionAsync(azurite.ConnectionString, cancellationToken);
            // The composition's console lifetime takes SIGTERM (and ctrl-c): stop measuring then too.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
                cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            var figures = await RunAsync(settings, host.Services, stopping.Token);
            Print(settings, figures);
            await host.StopAsync(CancellationToken.None);
        }, cancellationToken);
    }

    /// <summary>
    /// The app's one composition (<c>AddLerarenFunctions</c>), as both hosts build it, on in-memory settings only; its
    /// start creates the tables and containers and validates every option. Nothing in it runs by itself: no triggers.
    /// </summary>
    internal static async Task<IHost> StartCompositionAsync(string storage, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.Connection] = storage,
            // Never called: the timers measured here do not forward.
            ["Register:BaseUrl"] = "http://127.0.0.1:9/register/",
            // Required outside Development; no HTTP route is called here.
            ["Beheer:Sleutel"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            // Required; nothing is sent here.
            ["Email:Host"] = "127.0.0.1",
            ["Email:Security"] = "None",
            ["Email:FromAddress"] = "lerarenregister@voorbeeld.example",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddLerarenFunctions();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static async Task<Results> RunAsync(Settings settings, IServiceProvider services, CancellationToken cancellationToken)
    {
        var counter = services.GetRequiredService<StorageRequestCounter>();
        var clients = services.GetRequiredService<StorageClients>();
        var deliveries = services.GetRequiredService<IDeliveryStore>();
        var seed = new TimersSeed(services, settings.Parallel);
        var meter = new TickMeter(counter);
        var now = DateTimeOffset.UtcNow;

        // Seeding: the uploads first, then the rows of their deliveries.
        Console.WriteLine("seeding");
        var beforeSeed = counter.Snapshot();
        var clock = Stopwatch.StartNew();
        var uploads = await seed.UploadAsync(0, settings.Finished + settings.Forwarding, settings.Boards, cancellationToken);
        var uploadsTook = clock.Elapsed;
        var lastUpload = DateTimeOffset.UtcNow;
        await seed.AddFinishedAsync([.. uploads.Take(settings.Finished)], i => CompletedAt(now, i, settings), i => i < settings.DeadLetters, cancellationToken);
        var seedTook = clock.Elapsed;
        var seedRequests = counter.Snapshot().Total - beforeSeed.Total;
        Console.WriteLine(Invariant($"seeded in {seedTook.TotalSeconds:0} s (uploads {uploadsTook.TotalSeconds:0} s), {seedRequests:N0} requests"));

        // Every upload past the grace (30 s), and past a lookback of one minute for the variant that has none in it.
        var settle = lastUpload + TimeSpan.FromSeconds(65) - DateTimeOffset.UtcNow;
        if (settle > TimeSpan.Zero)
        {
            Console.WriteLine(Invariant($"waiting {settle.TotalSeconds:0} s until the newest upload is older than the grace and a one-minute lookback"));
            await Task.Delay(settle, cancellationToken);
        }

        // The forwarding ones last: they must still be moving (changed within StallAfter) while they are checked.
        await seed.AddForwardingAsync([.. uploads.Skip(settings.Finished)], DateTimeOffset.UtcNow, cancellationToken);
        await EnsureUploadsHaveDeliveriesAsync(services, deliveries, cancellationToken);

        var figures = new List<Figure>();
        var results = new Results(seedTook, uploadsTook, seedRequests, figures, []);

        // CheckDeliveries, and the old forwarding check's query on the same table.
        var check = services.GetRequiredService<CheckDeliveries>();
        figures.Add(await meter.RepeatAsync("CheckDeliveries", "index `lopend`, a read per unfinished delivery", settings.Ticks, async () =>
        {
            await check.HandleAsync(cancellationToken);
            return null;
        }));
        var table = clients.Tables.GetTableClient(StorageNames.DeliveriesTable);
        figures.Add(await meter.RepeatAsync("old ForwardingCheck query", $"`{OldForwardingFilter}`, all pages; items = rows", settings.Ticks, async () =>
        {
            long found = 0;
            await foreach (var page in table.QueryAsync<TableEntity>(filter: OldForwardingFilter, cancellationToken: cancellationToken).AsPages())
            {
                found += page.Values.Count;
            }

            return found;
        }));

        // How Azurite answers a point read: a delivery row (row key `aanlevering`, shared by every delivery) against a
        // content claim (row key unique). Table Storage finds both by their keys; Azurite's LokiJS store does not.
        var claims = services.GetRequiredService<IContentClaims>();
        var probe = uploads.Take(settings.Finished).Where((_, i) => i % Math.Max(1, settings.Finished / 20) == 0).Take(20).ToList();
        figures.Add(await meter.RepeatAsync("probe: 20 delivery reads", "IDeliveryStore.GetAsync, row key `aanlevering`", settings.Ticks, async () =>
        {
            foreach (var upload in probe)
            {
                _ = await deliveries.GetAsync(upload.Path.DeliveryId(upload.Version), cancellationToken) ?? throw new InvalidOperationException("A seeded delivery is missing.");
            }

            return probe.Count;
        }));
        figures.Add(await meter.RepeatAsync("probe: 20 content-claim reads", "IContentClaims.GetAsync, row key = content hash", settings.Ticks, async () =>
        {
            foreach (var upload in probe)
            {
                _ = await claims.GetAsync(upload.Path.Bestuursnummer!.Value, upload.ContentHash, cancellationToken) ?? throw new InvalidOperationException("A seeded claim is missing.");
            }

            return probe.Count;
        }));

        await MeasurePickUpAsync(settings, services, meter, uploads, results, cancellationToken);

        // The old upload check's listing: the whole container, every run.
        var uploadsContainer = clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);
        figures.Add(await meter.RepeatAsync("old UploadCheck listing", "whole container, all pages; items = blobs", settings.Ticks, async () =>
        {
            long listed = 0;
            await foreach (var page in uploadsContainer.GetBlobsAsync(cancellationToken: cancellationToken).AsPages())
            {
                listed += page.Values.Count;
            }

            return listed;
        }));

        await MeasureRetentionAsync(settings, services, meter, seed, deliveries, now, figures, cancellationToken);
        return results;
    }

    private static async Task MeasurePickUpAsync(
        Settings settings, IServiceProvider services, TickMeter meter, IReadOnlyList<TimersSeed.Upload> uploads, Results results, CancellationToken cancellationToken)
    {
        var figures = results.Figures;

        // A new process: a new instance, as the composition's singleton is in a process that just started.
        figures.Add(await meter.RepeatAsync(
            "PickUpMissedUploads, first tick of a process",
            Invariant($"default lookback (2 days) holds every upload: each upload on its 2 pages looked up once, {PickUpMissedUploads.LookupsAtOnce} at a time"),
            settings.Ticks,
            async () => await ActivatorUtilities.CreateInstance<PickUpMissedUploads>(services).HandleAsync(cancellationToken)));

        var pastLookback = Options.Create(new IntakeOptions { MissedUploadLookback = TimeSpan.FromMinutes(1) });
        figures.Add(await meter.RepeatAsync(
            "PickUpMissedUploads, first tick, no upload in the lookback",
            "`Intake:MissedUploadLookback` 1 min, every upload older: listing only",
            settings.Ticks,
            async () => await ActivatorUtilities.CreateInstance<PickUpMissedUploads>(services, pastLookback).HandleAsync(cancellationToken)));

        // One process's walk over the whole container, then its later ticks. The lookback holds only the newest uploads,
        // so the walk's lookups stay affordable on Azurite (see the report); its clock is held at the walk's start, so the
        // window does not move while the walk runs.
        var newest = uploads.Select(u => u.LastModified).Order().ToList();
        var cutoff = newest[Math.Max(0, newest.Count - settings.Recent)];
        var start = DateTimeOffset.UtcNow;
        var window = Options.Create(new IntakeOptions { MissedUploadLookback = start - cutoff });
        var walker = ActivatorUtilities.CreateInstance<PickUpMissedUploads>(services, window, new FixedClock(start));
        var pages = (uploads.Count + 4999) / 5000;
        var listed = 0L;
        while (listed < pages && results.Walk.Count <= pages)
        {
            var tick = await meter.MeasureAsync(async () => await walker.HandleAsync(cancellationToken));
            Console.WriteLine(Invariant($"  PickUpMissedUploads walk tick {results.Walk.Count + 1}: {tick}"));
            listed += tick.Of(TickMeter.UploadsPage);
            results.Walk.Add(tick);
        }

        figures.Add(await meter.RepeatAsync(
            "PickUpMissedUploads, later tick (its walk done once)",
            Invariant($"the same process after its first walk; lookback holds the newest {settings.Recent:N0} uploads, all settled: listing only"),
            settings.Ticks,
            async () => await walker.HandleAsync(cancellationToken)));
    }

    private static async Task MeasureRetentionAsync(
        Settings settings,
        IServiceProvider services,
        TickMeter meter,
        TimersSeed seed,
        IDeliveryStore deliveries,
        DateTimeOffset now,
        List<Figure> figures,
        CancellationToken cancellationToken)
    {
        var retention = services.GetRequiredService<ApplyRetention>();
        figures.Add(await meter.RepeatAsync("ApplyRetention, nothing due", "`Retention:Deliveries` 400 days: no delivery completed before the cutoff", settings.Ticks, async () =>
        {
            await retention.HandleAsync(cancellationToken);
            return null;
        }));

        if (settings.Expired == 0)
        {
            return;
        }

        // A few due: final deliveries of 401 days ago (their uploads long gone), added before each tick.
        var expired = new List<string>();
        var first = 10_000_000;
        figures.Add(await meter.RepeatAsync(
            Invariant($"ApplyRetention, {settings.Expired} due"),
            "`Retention:Deliveries` 400 days; each due delivery removed with its batch, claim and index row",
            settings.Ticks,
            async () =>
            {
                await retention.HandleAsync(cancellationToken);
                return null;
            },
            prepare: async i =>
            {
                expired.Clear();
                expired.AddRange(await seed.AddExpiredAsync(first + (i * settings.Expired), settings.Expired, now.AddDays(-401), cancellationToken));
            },
            check: async _ =>
            {
                foreach (var id in expired)
                {
                    if (await deliveries.GetAsync(id, cancellationToken) is not null)
                    {
                        Console.WriteLine($"  unexpected: expired delivery {id} is still there after the retention tick");
                    }
                }
            }));
    }

    /// <summary>
    /// Checks that the listing's versions give the delivery ids the seed used: otherwise the upload check would take
    /// every upload in as a missed one, and the figures would be of something else.
    /// </summary>
    private static async Task EnsureUploadsHaveDeliveriesAsync(IServiceProvider services, IDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        var files = services.GetRequiredService<IDeliveryFiles>();
        var page = await files.ListUploadsAsync(null, cancellationToken);
        foreach (var file in page.Files.Take(20))
        {
            if (await deliveries.GetAsync(DeliveryPath.Parse(file.Path).DeliveryId(file.Version), cancellationToken) is null)
            {
                throw new InvalidOperationException($"Upload {file.Path} (version {file.Version}) has no delivery: the seed's ids differ from the app's.");
            }
        }
    }

    /// <summary>
    /// Delivery <paramref name="index"/>'s completion: the current month and the eleven before it in turn, spread over
    /// each month (the current one up to now). The dead-lettered ones (the first few) completed in the last hours, so
    /// their rows are not due for removal yet.
    /// </summary>
    private static DateTimeOffset CompletedAt(DateTimeOffset now, int index, Settings settings)
    {
        if (index < settings.DeadLetters)
        {
            return now.AddMinutes(-(index + 1) * 3);
        }

        var month = MonthStart(now).AddMonths(-(index % MonthsOfCompletions));
        var end = month.AddMonths(1) < now ? month.AddMonths(1) : now.AddMinutes(-5);
        var perMonth = (settings.Finished + MonthsOfCompletions - 1) / MonthsOfCompletions;
        var fraction = ((index / MonthsOfCompletions) + 0.5) / perMonth;
        return month + ((end - month) * fraction);
    }

    private static DateTimeOffset MonthStart(DateTimeOffset at) => new(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private static void Print(Settings settings, Results results)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"load average at the end: {LoadAverage()}"));
        Console.WriteLine(Invariant(
            $"seeding: {results.SeedTook.TotalSeconds:0} s for {settings.Finished:N0} deliveries and {settings.Finished + settings.Forwarding:N0} uploads (uploads {results.UploadsTook.TotalSeconds:0} s); {results.SeedRequests:N0} requests"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"| tick | median time (min–max of {settings.Ticks}) | requests (median) | items | by operation (median) |"));
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var figure in results.Figures)
        {
            var operations = string.Join("; ", figure.MedianByOperation.Select(e => Invariant($"{e.Count:N0} {e.Operation}")));
            Console.WriteLine(Invariant(
                $"| {figure.Name} | {Ms(figure.MedianTime)} ({Ms(figure.MinTime)}–{Ms(figure.MaxTime)}) | {figure.MedianTotal:N0}{(figure.SameRequests ? string.Empty : " (varied)")} | {(figure.MedianItems is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : string.Empty)} | {operations} |"));
        }

        Console.WriteLine();
        foreach (var figure in results.Figures)
        {
            Console.WriteLine($"{figure.Name}: {figure.Note}");
        }

        if (results.Walk.Count > 0)
        {
            var walk = results.Walk;
            var time = TimeSpan.FromTicks(walk.Sum(t => t.Elapsed.Ticks));
            Console.WriteLine();
            Console.WriteLine(Invariant(
                $"PickUpMissedUploads, one process's first walk over the container: {walk.Count} ticks (one every 30 s), {walk.Sum(t => t.Of(TickMeter.UploadsPage)):N0} pages, {time.TotalSeconds:0.0} s of ticks, {walk.Sum(t => t.Total):N0} requests ({walk.Sum(t => t.Of(TickMeter.DeliveryLookup)):N0} lookups); per tick {Ms(walk.Min(t => t.Elapsed))}–{Ms(walk.Max(t => t.Elapsed))}"));
        }
    }

    internal static string Ms(TimeSpan elapsed) =>
        elapsed.TotalSeconds >= 10 ? Invariant($"{elapsed.TotalSeconds:0.0} s") : Invariant($"{elapsed.TotalMilliseconds:N0} ms");

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Results(TimeSpan SeedTook, TimeSpan UploadsTook, long SeedRequests, List<Figure> Figures, List<Tick> Walk);

    internal sealed record Settings(int Finished, int Forwarding, int DeadLetters, int Expired, int Boards, int Parallel, int Ticks, int? RecentSetting = null)
    {
        /// <summary>The newest uploads the walking process's lookback holds.</summary>
        public int Recent => RecentSetting ?? Math.Max(1, (Finished + Forwarding) / 100);

        public static bool TryParse(IReadOnlyList<string> args, out Settings settings, out string error)
        {
            if (!new MeasurementOptions<Settings>("timers")
                    .Number("--afgerond", 1, 1_000_000, (s, n) => s with { Finished = n })
                    .Number("--lopend", 0, 1_000, (s, n) => s with { Forwarding = n })
                    .Number("--dodeletters", 0, 1_000, (s, n) => s with { DeadLetters = n })
                    .Number("--verlopen", 0, 1_000, (s, n) => s with { Expired = n })
                    .Number("--recente", 1, 1_000_000, (s, n) => s with { RecentSetting = n })
                    .Number("--besturen", 1, 89_999, (s, n) => s with { Boards = n })
                    .Number("--parallel", 1, 256, (s, n) => s with { Parallel = n })
                    .Number("--ticks", 1, 9, (s, n) => s with { Ticks = n })
                    .TryParse(args, new Settings(100_000, 10, 100, 10, 100, 32, 3), out settings, out error))
            {
                return false;
            }

            if (settings.DeadLetters > settings.Finished)
            {
                error = "timers: --dodeletters cannot be more than --afgerond.";
                return false;
            }

            return true;
        }
    }
}
