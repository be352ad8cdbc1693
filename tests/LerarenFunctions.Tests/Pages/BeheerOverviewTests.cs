using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Operations;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Pages;

/// <summary>The operators' overview (<see cref="GetOperationsOverview"/>) on the in-memory fakes: what each part shows.</summary>
public sealed class BeheerOverviewTests : IDisposable
{
    private readonly CoreHarness _core = new(new Dictionary<string, string?>
    {
        ["Besturen:Deadlines:vo"] = "2027-08-01",
        ["Besturen:Deadlines:po"] = "2027-06-15",
        ["Ondersteuning:Email"] = "helpdesk@voorbeeld.example",
    });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_CountsFinalDeliveriesPerDutchDayAndStatus_WhenTheyFinishedInTheLastTwoWeeks()
    {
        // The harness's clock: Monday 30 November 2026, 08:00 UTC.
        Put("10071", DeliveryStatus.Afgerond, At(2026, 11, 30, 7), rows: 10, registered: 8);
        Put("10072", DeliveryStatus.Afgewezen, At(2026, 11, 30, 6), rows: 4, registered: 0);
        // 23:30 UTC on the 29th is the 30th in the Netherlands.
        Put("10073", DeliveryStatus.Afgerond, new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero), rows: 5, registered: 5);
        Put("10074", DeliveryStatus.Proef, At(2026, 11, 17, 12), rows: 3, registered: 0);
        Put("10075", DeliveryStatus.Afgerond, At(2026, 11, 16, 12), rows: 7, registered: 7);
        Put("10076", DeliveryStatus.Doorsturen, At(2026, 11, 30, 7), rows: 9, registered: 0);

        var overview = await OverviewAsync();

        Assert.Equal(GetOperationsOverview.Days, overview.Days.Count);
        Assert.Equal(new DateOnly(2026, 11, 30), overview.Days[0].Date);
        Assert.Equal(new DateOnly(2026, 11, 17), overview.Days[^1].Date);
        var today = overview.Days[0];
        Assert.Equal((2, 1, 3, 19, 13), (today.Of(DeliveryStatus.Afgerond), today.Of(DeliveryStatus.Afgewezen), today.Total, today.Rows, today.Registered));
        Assert.Equal((1, 1), (overview.Days[^1].Of(DeliveryStatus.Proef), overview.Days[^1].Total));
        Assert.Equal(4, overview.Days.Sum(d => d.Total));
    }

    [Fact]
    public async Task HandleAsync_ShowsProgressAndRetriesFromTheBatches_WhenADeliveryIsBeingForwarded()
    {
        // 25 rows in batches of 10: three batches. One is answered, one fails an attempt, one waits.
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 301));
        var messages = _core.Queue.TakeVisible();
        Assert.Equal(3, messages.Count);
        await _core.Get<ForwardBatch>().HandleAsync(messages[0], 1, CancellationToken.None);
        _core.Register.Answer = _ => throw new RegisterUnavailableException("503", null);
        await _core.Get<ForwardBatch>().HandleAsync(messages[1], 1, CancellationToken.None);

        var overview = await OverviewAsync();

        var forwarding = Assert.Single(overview.UnderWay.Deliveries);
        Assert.Equal((id, DeliveryStatus.Doorsturen, 3, 1, 1, 10), (forwarding.Id, forwarding.Status, forwarding.Batches, forwarding.BatchesCompleted, forwarding.BatchesRetrying, forwarding.Registered));
        Assert.Equal(33, forwarding.Percent);
        Assert.Equal(1, overview.UnderWay.Total);
    }

    [Fact]
    public async Task HandleAsync_ListsActiveBoardsWithoutContactPersonNearestDeadlineFirst_WhenSomeHaveNone()
    {
        await AddBoardAsync("10001", Sector.Vo);
        await AddBoardAsync("10002", Sector.Po);
        await AddBoardAsync("10003", Sector.Vo, opgeheven: true);
        await AddBoardAsync("10004", Sector.Vo, contactPerson: true);
        await AddBoardAsync("10005", Sector.Vo);

        await _core.Get<SetContactPerson>().HandleAsync(
            Bestuursnummer.Parse("10005"),
            new ContactPersonInput("C. Jansen", null, "c.jansen@voorbeeld.example", null),
            null,
            "test",
            CancellationToken.None);
        var overview = await OverviewAsync();

        Assert.Equal(["10002", "10001"], overview.BoardsWithoutContact.Boards.Select(b => b.Bestuursnummer));
        Assert.Equal((2, false), (overview.BoardsWithoutContact.Count, overview.BoardsWithoutContact.AtLeast));
        Assert.Equal(new DateOnly(2027, 6, 15), overview.BoardsWithoutContact.Boards[0].Deadline);
    }

    [Fact]
    public async Task HandleAsync_StopsCountingBoardsAtOneRequest_WhenThousandsLackAContactPerson()
    {
        for (var i = 0; i <= GetOperationsOverview.MaxBoardsRead; i++)
        {
            await AddBoardAsync((20000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Sector.Vo);
        }

        var overview = await OverviewAsync();

        Assert.Equal((GetOperationsOverview.MaxBoardsRead, true), (overview.BoardsWithoutContact.Count, overview.BoardsWithoutContact.AtLeast));
        Assert.Equal(GetOperationsOverview.MaxBoardsShown, overview.BoardsWithoutContact.Boards.Count);
    }

    [Fact]
    public async Task HandleAsync_ShowsTheDeadLetterUntilItIsReplayed_WhenABatchWasGivenUp()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 302));
        await _core.Get<DeadLetterBatch>().HandleAsync(Assert.Single(_core.Queue.TakeVisible()), CancellationToken.None);

        var before = await OverviewAsync();
        await _core.Get<ReplayDeadLetter>().HandleAsync(id, 1, CancellationToken.None);
        var after = await OverviewAsync();

        var letter = Assert.Single(before.DeadLetters.Letters);
        Assert.Equal((id, 1, 1), (letter.DeliveryId, letter.Batch, before.DeadLetters.Total));
        Assert.Equal((0, 0), (after.DeadLetters.Letters.Count, after.DeadLetters.Total));
        Assert.Equal(DeliveryStatus.Doorsturen, Assert.Single(after.UnderWay.Deliveries).Status);
    }

    [Fact]
    public async Task HandleAsync_ShowsTheLastReminderRunAndTheSectorDeadlines_WhenTheTimerRan()
    {
        await AddBoardAsync("10001", Sector.Vo);
        await AddBoardAsync("10002", Sector.Vo, contactPerson: true);
        await AddBoardAsync("10003", Sector.Po, contactPerson: true);
        _core.Time.Advance(TimeSpan.FromDays(14));

        var before = await OverviewAsync();
        var run = await _core.Get<SendReminders>().HandleAsync(CancellationToken.None);
        var after = await OverviewAsync();

        Assert.Null(before.LastReminderRun);
        Assert.Equal(
            [("po", new DateOnly(2027, 6, 15), 183), ("vo", new DateOnly(2027, 8, 1), 230)],
            after.SectorDeadlines.Select(d => (d.Sector, d.Deadline, d.DaysLeft)));
        var last = after.LastReminderRun!;
        Assert.Equal((run.Date, run.Due, run.Queued), (last.Date, last.Due, last.Queued));
        Assert.Equal(1, last.DuePerRule[ReminderRule.NoContactPerson]);
        Assert.Equal(
            [new DeadlineStanding(new DateOnly(2027, 6, 15), 1, 0), new DeadlineStanding(new DateOnly(2027, 8, 1), 2, 0)],
            last.Deadlines);
    }

    [Fact]
    public async Task HandleAsync_ShowsAFailedEmailByDomainOnly_WhenTheOutboxGaveItUp()
    {
        await _core.Outbox.TryAddAsync(new OutboxMessage
        {
            Id = "10001-test",
            Bestuursnummer = Bestuursnummer.Parse("10001"),
            Soort = "contactpersoon-bevestiging",
            To = Address("c.jansen@voorbeeld.example"),
            Subject = "Bevestiging",
            Status = OutboxStatus.Mislukt,
            Attempts = 8,
            LastError = "550 mailbox unavailable",
            CreatedAt = _core.Time.GetUtcNow(),
        }, CancellationToken.None);

        var overview = await OverviewAsync();

        var failed = Assert.Single(overview.FailedEmails);
        Assert.Equal(("10001", "voorbeeld.example", 8), (failed.Bestuursnummer, failed.Domein, failed.Pogingen));
    }

    private async Task<OperationsOverview> OverviewAsync() => await _core.Get<GetOperationsOverview>().HandleAsync(CancellationToken.None);

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private async Task AddBoardAsync(string number, Sector sector, bool contactPerson = false, bool opgeheven = false)
    {
        var nr = Bestuursnummer.Parse(number);
        var now = _core.Time.GetUtcNow();
        var board = new Board
        {
            Bestuursnummer = nr,
            Naam = $"Stichting {number}",
            EmailAdres = Address($"bestuur{number}@voorbeeld.example"),
            Sectors = [sector],
            Status = opgeheven ? BoardStatus.Opgeheven : BoardStatus.Actief,
            ImportedAt = now,
            ChangedAt = now,
        };
        _ = await _core.Boards.TryAddAsync(board, new BoardChange(nr, now, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None)
            ?? throw new InvalidOperationException("The board exists.");
        if (contactPerson)
        {
            await _core.Get<SetContactPerson>().HandleAsync(nr, new ContactPersonInput($"C. {number}", null, $"c{number}@voorbeeld.example", null), null, "test", CancellationToken.None);
        }
    }

    private void Put(string board, DeliveryStatus status, DateTimeOffset at, int rows, int registered) => _core.Deliveries.Put(new Delivery
    {
        Id = $"{board}-{Guid.NewGuid():N}"[..30],
        Bestuursnummer = Bestuursnummer.Parse(board),
        Path = $"{board}/leraren.csv",
        FileName = "leraren.csv",
        FileVersion = "v1",
        UploadedAt = at.AddMinutes(-5),
        Status = status,
        ReceivedAt = at.AddMinutes(-5),
        CompletedAt = status.IsFinal() ? at : null,
        ChangedAt = at,
        Counts = new DeliveryCounts { Rows = rows, Accepted = rows, Registered = registered },
    });

    private static EmailAddress Address(string text) => EmailAddress.TryParse(text, out var address) ? address : throw new ArgumentException(text);
}
