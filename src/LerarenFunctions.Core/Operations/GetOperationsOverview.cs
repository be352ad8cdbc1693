using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Reminders;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Operations;

/// <summary>
/// The operators' overview, read from storage by partition and range only, never by a scan of the boards or of the
/// finished deliveries: with 10,000 boards and 100,000 deliveries one view costs a few dozen requests
/// (docs/benchmarks-beheer.md). Per part:
/// <list type="bullet">
/// <item>deliveries per day and status: one range of the completion index (its rows carry each delivery's summary), a
/// request per thousand deliveries of the last <see cref="Days"/> days;</item>
/// <item>under way: the index of unfinished deliveries and a read of each, and of the oldest
/// <see cref="MaxUnderWay"/> being forwarded their batches (one partition each) for the progress;</item>
/// <item>dead letters: their one partition, and a read of the batch of each of the oldest <see cref="MaxDeadLetters"/>;</item>
/// <item>boards without a contact person: the store's index of them, at most <see cref="MaxBoardsRead"/> (one request);</item>
/// <item>deadlines and reminders: the sectors' deadlines from the settings and the summary the reminder timer left
/// (one read), not a dry run, which reads every board;</item>
/// <item>e-mails given up: the outbox's index of them and a read of each.</item>
/// </list>
/// The parts are read at the same time.
/// </summary>
public sealed class GetOperationsOverview(
    IDeliveryStore deliveries,
    IBatchStore batches,
    ListDeadLetters listDeadLetters,
    IBoardStore boards,
    IReminderStore reminders,
    ListFailedEmails listFailedEmails,
    IOptions<BoardOptions> boardOptions,
    TimeProvider time)
{
    /// <summary>Two weeks: enough to see a trend and a bad day, one range of the index.</summary>
    public const int Days = 14;

    /// <summary>Deliveries under way shown with their progress (each costs a query of its batches).</summary>
    public const int MaxUnderWay = 25;

    /// <summary>Dead letters shown, oldest first (each costs a read of its batch).</summary>
    public const int MaxDeadLetters = 50;

    /// <summary>Boards without a contact person read from the index: one request of a thousand.</summary>
    public const int MaxBoardsRead = 1000;

    /// <summary>Boards without a contact person shown, nearest deadline first.</summary>
    public const int MaxBoardsShown = 50;

    /// <summary>E-mails given up shown, newest first.</summary>
    public const int MaxFailedEmails = 50;

    public async Task<OperationsOverview> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = AmsterdamTime.Date(now);
        var days = DaysAsync(today, cancellationToken);
        var underWay = ListUnderWayAsync(cancellationToken);
        var deadLetters = listDeadLetters.HandleAsync(MaxDeadLetters, cancellationToken);
        var withoutContact = BoardsWithoutContactAsync(cancellationToken);
        var lastRun = reminders.GetLastRunAsync(cancellationToken);
        var failed = listFailedEmails.HandleAsync(cancellationToken);
        await Task.WhenAll(days, underWay, deadLetters, withoutContact, lastRun, failed);

        return new OperationsOverview(
            today,
            now,
            await days,
            await underWay,
            await deadLetters,
            await withoutContact,
            [.. boardOptions.Value.SectorDeadlines
                .OrderBy(d => d.Value).ThenBy(d => d.Key)
                .Select(d => new SectorDeadline(d.Key.ToContract(), d.Value, d.Value.DayNumber - today.DayNumber))],
            await lastRun,
            [.. (await failed).OrderByDescending(e => e.AangemaaktOp).Take(MaxFailedEmails)]);
    }

    private async Task<IReadOnlyList<DeliveryDay>> DaysAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var first = today.AddDays(-(Days - 1));
        var counts = new Dictionary<DateOnly, (Dictionary<DeliveryStatus, int> PerStatus, int Rows, int Registered)>();
        await foreach (var delivery in deliveries.ListFinishedSinceAsync(AmsterdamTime.StartOf(first), cancellationToken))
        {
            var day = AmsterdamTime.Date(delivery.CompletedAt);
            if (day < first || day > today)
            {
                continue;
            }

            var known = counts.TryGetValue(day, out var c) ? c : ([], 0, 0);
            known.PerStatus[delivery.Status] = known.PerStatus.GetValueOrDefault(delivery.Status) + 1;
            counts[day] = (known.PerStatus, known.Rows + delivery.Counts.Rows, known.Registered + delivery.Counts.Registered);
        }

        return
        [
            .. Enumerable.Range(0, Days).Select(back => today.AddDays(-back)).Select(day => counts.TryGetValue(day, out var c)
                ? new DeliveryDay(day, c.PerStatus, c.Rows, c.Registered)
                : new DeliveryDay(day, new Dictionary<DeliveryStatus, int>(), 0, 0)),
        ];
    }

    /// <summary>
    /// The deliveries under way alone, for the part of the page that refreshes itself: the index of unfinished
    /// deliveries, a read of each, and a query of the batches of each of the oldest <see cref="MaxUnderWay"/> forwarded.
    /// </summary>
    public async Task<DeliveriesUnderWay> ListUnderWayAsync(CancellationToken cancellationToken)
    {
        var all = new List<Delivery>();
        await foreach (var stored in deliveries.ListUnfinishedAsync(cancellationToken))
        {
            all.Add(stored.Value);
        }

        var shown = new List<DeliveryUnderWay>();
        foreach (var delivery in all.OrderBy(d => d.ReceivedAt).ThenBy(d => d.Id, StringComparer.Ordinal).Take(MaxUnderWay))
        {
            var c = delivery.Counts;
            var retrying = 0;
            if (delivery.Status == DeliveryStatus.Doorsturen)
            {
                // While forwarded, the counts live in the batches (as GetDeliveryStatus reads them).
                var ofDelivery = (await batches.ListAsync(delivery.Id, withResults: false, cancellationToken)).Select(b => b.Value).ToList();
                c = BatchTally.Of(ofDelivery).ApplyTo(c);
                retrying = ofDelivery.Count(b => b.State == BatchState.Open && b.FailedAttempts > 0);
            }

            shown.Add(new DeliveryUnderWay(delivery.Id, delivery.Bestuursnummer.Value, delivery.Status, delivery.ReceivedAt, delivery.ChangedAt,
                c.Rows, c.Batches, c.BatchesCompleted, retrying, c.Registered, c.RejectedByRegister, c.Failed));
        }

        return new DeliveriesUnderWay(shown, all.Count);
    }

    private async Task<BoardsWithoutContact> BoardsWithoutContactAsync(CancellationToken cancellationToken)
    {
        var deadlines = boardOptions.Value.SectorDeadlines;
        var read = 0;
        var active = new List<BoardWithoutContact>();
        await foreach (var board in boards.ListWithoutContactPersonAsync(cancellationToken))
        {
            if (board.Status == BoardStatus.Actief)
            {
                active.Add(new BoardWithoutContact(board.Bestuursnummer.Value, board.Naam, board.Plaatsnaam, board.Deadline(deadlines),
                    AmsterdamTime.Date(board.ImportedAt), board.EmailAdres is not null));
            }

            // Stop at one request's worth: the count then says "at least".
            if (++read == MaxBoardsRead)
            {
                break;
            }
        }

        return new BoardsWithoutContact(
            [.. active.OrderBy(b => b.Deadline ?? DateOnly.MaxValue).ThenBy(b => b.Bestuursnummer, StringComparer.Ordinal).Take(MaxBoardsShown)],
            active.Count,
            read == MaxBoardsRead);
    }
}
