using System.Diagnostics;
using System.Globalization;
using LerarenFunctions.Benchmarks.Timers;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Operations;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Benchmarks.Beheer;

/// <summary>
/// <c>beheer</c>: what one view of the operators' page costs in storage requests with many boards and deliveries,
/// against Azurite. Seeds through the app's own adapters (<see cref="BeheerSeed"/>), then measures what the page reads,
/// <see cref="GetOperationsOverview"/> of the app's composition, a few times; and for comparison the reminder dry run
/// (<see cref="PreviewReminders"/>), which the page does not call per view, and the reminder run that leaves the summary
/// the page shows instead. A measurement, not a gate.
/// </summary>
public static class BeheerMeasurement
{
    public const string Usage =
        "usage: beheer [--besturen N (10000)] [--leveringen N (100000)] [--dagen N (100)] [--zonder PERCENT (5)] [--lopend N (10)] [--dodeletters N (20)] [--mislukt N (5)] [--parallel N (32)] [--weergaven N (5)]";

    public static Task<int> RunAsync(IReadOnlyList<string> args) =>
        MeasurementCommand.RunAsync(
            Settings.TryParse(args, out var settings, out var error) ? null : error,
            Usage,
            cancellationToken => MeasureAsync(settings, cancellationToken));

    private static async Task MeasureAsync(Settings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine(TimersMeasurement.Invariant(
            $"beheer: {settings.Boards:N0} boards ({settings.WithoutContactPercent}% without a contact person), {settings.Deliveries:N0} finished deliveries over {settings.Days} days, {settings.UnderWay} forwarding, {settings.DeadLetters} dead letters, {settings.FailedEmails} failed e-mails; parallel {settings.Parallel}"));
        MeasurementCommand.PrintMachine();
        await MeasurementCommand.WithAzuriteAsync(async azurite =>
        {
            var now = DateTimeOffset.UtcNow;
            var today = AmsterdamTime.Date(now);
            using var host = await TimersMeasurement.StartCompositionAsync(azurite.ConnectionString, cancellationToken, new Dictionary<string, string?>
            {
                ["Besturen:Deadlines:po"] = today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Besturen:Deadlines:vo"] = today.AddDays(75).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Ondersteuning:Email"] = "helpdesk@voorbeeld.example",
            });
            var services = host.Services;
            var meter = new TickMeter(services.GetRequiredService<StorageRequestCounter>());
            var seed = new BeheerSeed(services, settings, now);

            Console.WriteLine("seeding");
            var clock = Stopwatch.StartNew();
            await seed.BoardsAsync(cancellationToken);
            await seed.FinishedAsync(cancellationToken);
            await seed.UnderWayAsync(cancellationToken);
            await seed.DeadLettersAsync(cancellationToken);
            await seed.FailedEmailsAsync(cancellationToken);
            Console.WriteLine(TimersMeasurement.Invariant($"seeded in {clock.Elapsed.TotalMinutes:0.0} min"));

            var preview = services.GetRequiredService<PreviewReminders>();
            var dryRun = await meter.RepeatAsync("reminder dry run (PreviewReminders), for comparison", "not per view", 1, async () =>
                (await preview.HandleAsync(null, cancellationToken)).Herinneringen.Count);
            var send = services.GetRequiredService<SendReminders>();
            var run = await meter.RepeatAsync("reminder run (SendReminders), leaves the summary", "daily timer", 1, async () =>
                (await send.HandleAsync(cancellationToken)).Due);

            var overview = services.GetRequiredService<GetOperationsOverview>();
            OperationsOverview? last = null;
            var view = await meter.RepeatAsync("one view (GetOperationsOverview)", "per view", settings.Views, async () =>
            {
                last = await overview.HandleAsync(cancellationToken);
                return last.Days.Sum(d => d.Total);
            });

            Console.WriteLine();
            Console.WriteLine(TimersMeasurement.Invariant(
                $"the view showed: {last!.Days.Sum(d => d.Total):N0} deliveries finished in {last.Days.Count} days; {last.UnderWay.Total} under way; {last.DeadLetters.Total} dead letters; {last.BoardsWithoutContact.Count:N0}{(last.BoardsWithoutContact.AtLeast ? "+" : "")} boards without a contact person; {last.FailedEmails.Count} failed e-mails; last reminder run {last.LastReminderRun?.Date:yyyy-MM-dd} with {last.LastReminderRun?.Due:N0} due"));
            Console.WriteLine();
            Console.WriteLine("| what | time (median) | requests | by operation |");
            Console.WriteLine("|---|---:|---:|---|");
            foreach (var figure in new[] { view, dryRun, run })
            {
                var operations = string.Join("; ", figure.MedianByOperation.Select(e => TimersMeasurement.Invariant($"{e.Count:N0} {e.Operation}")));
                Console.WriteLine(TimersMeasurement.Invariant(
                    $"| {figure.Name} | {TimersMeasurement.Ms(figure.MedianTime)} ({TimersMeasurement.Ms(figure.MinTime)}–{TimersMeasurement.Ms(figure.MaxTime)}) | {figure.MedianTotal:N0}{(figure.SameRequests ? "" : " (varied)")} | {operations} |"));
            }

            Console.WriteLine(TimersMeasurement.Invariant($"load average at the end: {TimersMeasurement.LoadAverage()}"));
            await host.StopAsync(CancellationToken.None);
        }, cancellationToken);
    }

    internal sealed record Settings(int Boards, int Deliveries, int Days, int WithoutContactPercent, int UnderWay, int DeadLetters, int FailedEmails, int Parallel, int Views)
    {
        public static bool TryParse(IReadOnlyList<string> args, out Settings settings, out string error) =>
            new MeasurementOptions<Settings>("beheer")
                .Number("--besturen", 1, 89_999, (s, n) => s with { Boards = n })
                .Number("--leveringen", 0, 1_000_000, (s, n) => s with { Deliveries = n })
                .Number("--dagen", 1, 365, (s, n) => s with { Days = n })
                .Number("--zonder", 0, 100, (s, n) => s with { WithoutContactPercent = n })
                .Number("--lopend", 0, 100, (s, n) => s with { UnderWay = n })
                .Number("--dodeletters", 0, 1_000, (s, n) => s with { DeadLetters = n })
                .Number("--mislukt", 0, 100, (s, n) => s with { FailedEmails = n })
                .Number("--parallel", 1, 256, (s, n) => s with { Parallel = n })
                .Number("--weergaven", 1, 20, (s, n) => s with { Views = n })
                .TryParse(args, new Settings(10_000, 100_000, 100, 5, 10, 20, 5, 32, 5), out settings, out error);
    }
}
