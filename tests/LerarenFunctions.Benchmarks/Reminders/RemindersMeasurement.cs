using System.Diagnostics;
using System.Globalization;
using LerarenFunctions.Benchmarks.Timers;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Benchmarks.Reminders;

/// <summary>
/// <c>herinneringen</c>: what one run of the reminder timer costs with many boards, against Azurite. Seeds N boards
/// (all of sector vo, deadline 1 August 2027; a share without contact person, a share that delivered in the school year,
/// some delivered again after a terugmelding with errors) through the app's own adapters, and runs
/// <see cref="SendReminders"/> of the app's composition on fixed days: the first run of the season (the boards without
/// a contact person are due), a quiet day (nothing due), the day of the first deadline reminder (every board that did
/// not deliver), the same day again (a second fire: nothing new). A measurement, not a gate.
/// </summary>
public static class RemindersMeasurement
{
    public const string Usage = "usage: herinneringen [--besturen N (10000)] [--geleverd PERCENT (60)] [--parallel N (32)]";

    private static readonly DateOnly Deadline = new(2027, 8, 1);

    public static Task<int> RunAsync(IReadOnlyList<string> args) =>
        MeasurementCommand.RunAsync(
            Settings.TryParse(args, out var settings, out var error) ? null : error,
            Usage,
            cancellationToken => MeasureAsync(settings, cancellationToken));

    private static async Task MeasureAsync(Settings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine(TimersMeasurement.Invariant($"herinneringen: {settings.Boards:N0} boards, {settings.DeliveredPercent}% delivered; parallel {settings.Parallel}"));
        MeasurementCommand.PrintMachine();
        await MeasurementCommand.WithAzuriteAsync(async azurite =>
        {
            using var host = await TimersMeasurement.StartCompositionAsync(azurite.ConnectionString, cancellationToken, new Dictionary<string, string?>
            {
                ["Besturen:Deadlines:vo"] = Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Ondersteuning:Email"] = "helpdesk@voorbeeld.example",
            });
            var services = host.Services;
            var counter = services.GetRequiredService<StorageRequestCounter>();
            var meter = new TickMeter(counter);

            Console.WriteLine("seeding");
            var clock = Stopwatch.StartNew();
            var seeded = await SeedAsync(settings, services, cancellationToken);
            Console.WriteLine(TimersMeasurement.Invariant($"seeded in {clock.Elapsed.TotalSeconds:0} s: {seeded}"));

            var figures = new List<(Figure Figure, ReminderRun Run)>();
            foreach (var (name, day) in new[]
            {
                ("first run (2027-03-01)", new DateOnly(2027, 3, 1)),
                ("quiet day (2027-03-02)", new DateOnly(2027, 3, 2)),
                ("deadline T-30 (2027-07-02)", new DateOnly(2027, 7, 2)),
                ("T-30 again (a second fire)", new DateOnly(2027, 7, 2)),
            })
            {
                var run = ActivatorUtilities.CreateInstance<SendReminders>(services, new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero)));
                ReminderRun? result = null;
                var figure = await meter.RepeatAsync(name, "SendReminders.HandleAsync", 1, async () =>
                {
                    result = await run.HandleAsync(cancellationToken);
                    return result.Due;
                });
                figures.Add((figure, result!));
            }

            Console.WriteLine();
            Console.WriteLine("| run | time | requests | due | queued | by operation |");
            Console.WriteLine("|---|---:|---:|---:|---:|---|");
            foreach (var (figure, run) in figures)
            {
                var operations = string.Join("; ", figure.MedianByOperation.Select(e => TimersMeasurement.Invariant($"{e.Count:N0} {e.Operation}")));
                Console.WriteLine(TimersMeasurement.Invariant($"| {figure.Name} | {TimersMeasurement.Ms(figure.MedianTime)} | {figure.MedianTotal:N0} | {run.Due:N0} | {run.Queued:N0} | {operations} |"));
            }

            Console.WriteLine(TimersMeasurement.Invariant($"load average at the end: {TimersMeasurement.LoadAverage()}"));
            await host.StopAsync(CancellationToken.None);
        }, cancellationToken);
    }

    /// <summary>
    /// Boards imported on 1 September 2026, 95% with a contact person; <c>--geleverd</c> percent of them delivered in
    /// January 2027 (every tenth of those with rows rejected, then delivered again clean a week later).
    /// </summary>
    private static async Task<string> SeedAsync(Settings settings, IServiceProvider services, CancellationToken cancellationToken)
    {
        var boards = services.GetRequiredService<IBoardStore>();
        var deliveries = services.GetRequiredService<IDeliveryStore>();
        var imported = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
        var delivered = 0;
        await Parallel.ForAsync(0, settings.Boards, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var number = Bestuursnummer.Parse((10000 + i).ToString(CultureInfo.InvariantCulture));
            var board = new Board
            {
                Bestuursnummer = number,
                Naam = $"Stichting {number.Value}",
                EmailAdres = Address($"bestuur{number.Value}@voorbeeld.example"),
                Sectors = [Sector.Vo],
                ImportedAt = imported,
                ChangedAt = imported,
                Contactpersoon = i % 20 == 0 ? null : new ContactPerson($"C. {number.Value}", null, Address($"c{number.Value}@voorbeeld.example"), null),
            };
            _ = await boards.TryAddAsync(board, new BoardChange(number, imported, "meting", BoardChange.Bestuur, null, board.Describe()), ct)
                ?? throw new InvalidOperationException("A seeded board exists already.");
            if (i % 100 < settings.DeliveredPercent)
            {
                var received = new DateTimeOffset(2027, 1, 11, 9, 0, 0, TimeSpan.Zero).AddMinutes(i);
                await DeliverAsync(deliveries, number, received, rejected: i % 10 == 0 ? 3 : 0, ct);
                if (i % 10 == 0)
                {
                    await DeliverAsync(deliveries, number, received.AddDays(7), rejected: 0, ct);
                }

                Interlocked.Increment(ref delivered);
            }
        });
        return TimersMeasurement.Invariant($"{settings.Boards:N0} boards, {delivered:N0} delivered");
    }

    /// <summary>A delivery as the lifecycle writes it: received, then afgerond (which moves its index row).</summary>
    private static async Task DeliverAsync(IDeliveryStore deliveries, Bestuursnummer board, DateTimeOffset received, int rejected, CancellationToken cancellationToken)
    {
        var id = $"{board.Value}-{Guid.NewGuid():N}"[..30];
        var delivery = new Delivery
        {
            Id = id,
            Bestuursnummer = board,
            Path = $"{board.Value}/leraren.csv",
            FileName = "leraren.csv",
            FileVersion = Guid.NewGuid().ToString("N"),
            UploadedAt = received,
            Status = DeliveryStatus.Ontvangen,
            ReceivedAt = received,
            ChangedAt = received,
        };
        var added = await deliveries.TryAddAsync(delivery, cancellationToken) ?? throw new InvalidOperationException("A seeded delivery exists already.");
        var done = delivery with
        {
            Status = DeliveryStatus.Afgerond,
            CompletedAt = received.AddMinutes(2),
            ChangedAt = received.AddMinutes(2),
            Counts = new DeliveryCounts { Rows = 100, Accepted = 100 - rejected, Rejected = rejected, Forwarded = 100 - rejected, Registered = 100 - rejected, Batches = 1, BatchesCompleted = 1 },
        };
        _ = await deliveries.TryReplaceAsync(added, done, cancellationToken) ?? throw new InvalidOperationException("A seeded delivery changed.");
    }

    private static EmailAddress Address(string text) => EmailAddress.TryParse(text, out var address) ? address : throw new ArgumentException(text);

    internal sealed record Settings(int Boards, int DeliveredPercent, int Parallel)
    {
        public static bool TryParse(IReadOnlyList<string> args, out Settings settings, out string error) =>
            new MeasurementOptions<Settings>("herinneringen")
                .Number("--besturen", 1, 89_999, (s, n) => s with { Boards = n })
                .Number("--geleverd", 0, 100, (s, n) => s with { DeliveredPercent = n })
                .Number("--parallel", 1, 256, (s, n) => s with { Parallel = n })
                .TryParse(args, new Settings(10_000, 60, 32), out settings, out error);
    }
}
