using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Reminders;

/// <summary>
/// Which reminders are due on a day, for every board at once. Reads each kind of row once per run — the boards, what
/// they were sent, the completion index back to the oldest day that still matters, the unfinished deliveries — never
/// anything per board: with 10,000 boards a run costs tens of requests before it sends.
/// </summary>
public sealed class ReminderPlan(
    IBoardStore boards,
    IDeliveryStore deliveries,
    IReminderStore reminders,
    IOptions<ReminderOptions> options,
    IOptions<BoardOptions> boardOptions,
    IOptions<SupportOptions> support)
{
    public async Task<IReadOnlyList<Reminder>> DueAsync(DateOnly today, CancellationToken cancellationToken) =>
        (await PlanAsync(today, cancellationToken)).Due;

    /// <summary>The reminders due on <paramref name="today"/>, and where the boards stand for the nearest deadlines.</summary>
    public async Task<ReminderDay> PlanAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var deadlines = boardOptions.Value.SectorDeadlines;
        var rules = new DueReminders(options.Value, deadlines, EmailAddress.TryParse(support.Value.Email, out var helpdesk) ? helpdesk : null);

        var active = new List<Board>();
        await foreach (var stored in boards.ListAsync(cancellationToken))
        {
            if (stored.Value.Status == BoardStatus.Actief)
            {
                active.Add(stored.Value);
            }
        }

        var records = new Dictionary<Bestuursnummer, Dictionary<ReminderRule, Stored<ReminderRecord>>>();
        await foreach (var record in reminders.ListAsync(cancellationToken))
        {
            if (!records.TryGetValue(record.Value.Bestuursnummer, out var ofBoard))
            {
                records[record.Value.Bestuursnummer] = ofBoard = [];
            }

            ofBoard[record.Value.Rule] = record;
        }

        var readFrom = rules.ReadDeliveriesFrom(today, active.Select(b => b.Deadline(deadlines)).OfType<DateOnly>());
        var finished = new List<FinishedDelivery>();
        // A day early: the index is in UTC, the rules count Dutch days.
        await foreach (var delivery in deliveries.ListFinishedSinceAsync(new DateTimeOffset(readFrom.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken))
        {
            finished.Add(delivery);
        }

        var inProgress = new List<Bestuursnummer>();
        await foreach (var delivery in deliveries.ListUnfinishedAsync(cancellationToken))
        {
            if (!delivery.Value.IsTrial)
            {
                inProgress.Add(delivery.Value.Bestuursnummer);
            }
        }

        var byBoard = BoardDeliveries.Of(finished, inProgress);
        var none = new Dictionary<ReminderRule, Stored<ReminderRecord>>();
        IReadOnlyList<Reminder> due =
        [
            .. active.SelectMany(board => rules.For(
                board,
                byBoard.GetValueOrDefault(board.Bestuursnummer, BoardDeliveries.None),
                records.GetValueOrDefault(board.Bestuursnummer, none),
                today)),
        ];
        return new ReminderDay(due, Standings(active, byBoard, rules, deadlines, today));
    }

    /// <summary>The nearest deadlines from <paramref name="today"/> on: per deadline its active boards, and how many delivered for it.</summary>
    private static List<DeadlineStanding> Standings(
        List<Board> active, Dictionary<Bestuursnummer, BoardDeliveries> byBoard, DueReminders rules, IReadOnlyDictionary<Sector, DateOnly> deadlines, DateOnly today) =>
    [
        .. active
            .Select(board => (Board: board, Deadline: board.Deadline(deadlines)))
            .Where(b => b.Deadline >= today)
            .GroupBy(b => b.Deadline!.Value)
            .OrderBy(g => g.Key)
            .Take(ReminderRunSummary.MaxDeadlines)
            .Select(g => new DeadlineStanding(g.Key, g.Count(), g.Count(b =>
                byBoard.GetValueOrDefault(b.Board.Bestuursnummer)?.LastForwardedReceivedAt is { } delivered
                && AmsterdamTime.Date(delivered) >= rules.CountsFrom(g.Key)))),
    ];
}

/// <summary>What a reminder run works out for a day: the reminders due, and where the boards stand for the nearest deadlines.</summary>
public sealed record ReminderDay(IReadOnlyList<Reminder> Due, IReadOnlyList<DeadlineStanding> Deadlines);
