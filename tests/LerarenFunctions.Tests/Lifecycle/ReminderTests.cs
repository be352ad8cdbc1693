using System.Globalization;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Tests.Fakes;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>
/// The reminder timer over a simulated school year (fake clock, fired every morning): each rule on the right days,
/// never twice, the escalation once; a double fire, two concurrent runs and a run that stops half-way send once.
/// </summary>
public sealed class ReminderTests : IDisposable
{
    private static readonly DateOnly Deadline = new(2027, 8, 1);

    private readonly CoreHarness _core = new(new()
    {
        ["Ondersteuning:Email"] = "helpdesk@voorbeeld.example",
        ["Besturen:Deadlines:vo"] = "2027-08-01",
        ["Herinneringen:Statuut:Aan"] = "true",
        ["Herinneringen:Statuut:Datum"] = "2027-03-01",
    });

    private readonly List<(DateOnly Day, EmailMessage Mail)> _sent = [];

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_SendsEachRuleOnItsDaysOnce_WhenFiredEveryMorningOfASchoolYear()
    {
        await AddBoardAsync("10001", contactPerson: false);
        await AddBoardAsync("10002", statuut: StatuutState.Vastgesteld);
        await AddBoardAsync("10003");
        await AddBoardAsync("10004");
        await AddBoardAsync("10005", statuut: StatuutState.InVoorbereiding);
        var events = new Dictionary<DateOnly, Action>
        {
            [new(2027, 3, 15)] = () => Deliver("10002", DeliveryStatus.Afgerond, rejected: 0),
            [new(2027, 4, 1)] = () => Deliver("10003", DeliveryStatus.Afgerond, rejected: 3),
            [new(2027, 5, 3)] = () => Deliver("10004", DeliveryStatus.Afgewezen, rejected: 25),
            [new(2027, 5, 10)] = () => Deliver("10004", DeliveryStatus.Afgerond, rejected: 0),
            [new(2027, 2, 1)] = () => Deliver("10005", DeliveryStatus.Afgerond, rejected: 0),
        };

        await RunEveryMorningAsync(new DateOnly(2026, 12, 1), new DateOnly(2027, 10, 31), events);

        // Rule 1: two weeks after the import, weekly four times, then the helpdesk once.
        Assert.Equal(["2026-12-14", "2026-12-21", "2026-12-28", "2027-01-04"], Days("10001", "geen-contactpersoon", to: "bestuur10001@voorbeeld.example"));
        Assert.Equal(["2027-01-11"], Days("10001", "geen-contactpersoon", to: "helpdesk@voorbeeld.example"));
        // Rule 2: T-30, T-14, T-7 and once after, only for the board that never delivered.
        Assert.Equal(["2027-07-02", "2027-07-18", "2027-07-25", "2027-08-02"], Days("10001", "geen-levering"));
        Assert.All(new[] { "10002", "10003", "10004", "10005" }, b => Assert.Empty(Days(b, "geen-levering")));
        // Rule 3: two weeks after a terugmelding with errors, and two weeks later; not when a newer delivery followed.
        Assert.Equal(["2027-04-15", "2027-04-29"], Days("10003", "open-fouten"));
        Assert.Empty(Days("10004", "open-fouten"));
        Assert.Empty(Days("10002", "open-fouten"));
        // Rule 4: from the date, monthly, three times; not for a board whose statuut is vastgesteld.
        Assert.Equal(["2027-03-01", "2027-03-31", "2027-04-30"], Days("10005", "statuut"));
        Assert.Empty(Days("10002", "statuut"));
        Assert.Equal(_sent.Count, _sent.Select(s => s.Mail.Id).Distinct().Count());
    }

    [Fact]
    public async Task HandleAsync_SendsTheContactPersonAndNoBsn_WhenTheBoardHasOne()
    {
        await AddBoardAsync("10003");
        var id = await _core.DeliverAsync("10003/leraren-123456782.csv", Support.SyntheticData.TeacherCsv("10003", rows: 5, seed: 161, extraLines: ["R99;10003;123456782;V;1980-13-45;701;2019-08-01;12AB;2019-08-01"]));
        await _core.ForwardVisibleAsync();
        Assert.True(_core.Deliveries[id].Counts.Rejected > 0);

        await RunEveryMorningAsync(Today(), Today().AddDays(20), []);

        var reminder = Assert.Single(_sent, s => s.Mail.Id.Contains("open-fouten", StringComparison.Ordinal)).Mail;
        Assert.Equal("c.10003@voorbeeld.example", reminder.To.Value);
        Assert.Contains($"aanlevering {id}", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("helpdesk@voorbeeld.example", reminder.Text, StringComparison.Ordinal);
        foreach (var bsn in Support.SyntheticData.Bsns(seed: 161).Take(5).Append("123456782"))
        {
            Assert.All(_sent, s => Assert.DoesNotContain(bsn, s.Mail.Text + s.Mail.Html + s.Mail.Subject, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task HandleAsync_SendsOnce_WhenTheTimerFiresTwice()
    {
        await AddBoardAsync("10001", contactPerson: false);
        _core.Time.Advance(TimeSpan.FromDays(14));

        var first = await Get().HandleAsync(CancellationToken.None);
        var second = await Get().HandleAsync(CancellationToken.None);
        await _core.SendVisibleEmailsAsync();

        Assert.Equal((1, 0), (first.Queued, second.Due));
        Assert.Single(_core.Mail.Sent);
    }

    [Fact]
    public async Task HandleAsync_SendsOnce_WhenTwoInstancesRunAtTheSameTime()
    {
        for (var b = 10001; b <= 10040; b++)
        {
            await AddBoardAsync(b.ToString(CultureInfo.InvariantCulture), contactPerson: false);
        }

        _core.Time.Advance(TimeSpan.FromDays(14));

        var runs = await Task.WhenAll(Get().HandleAsync(CancellationToken.None), Get().HandleAsync(CancellationToken.None));
        await _core.SendVisibleEmailsAsync();

        Assert.Equal(40, runs.Sum(r => r.Queued));
        Assert.Equal(0, runs.Sum(r => r.Failed));
        Assert.Equal(40, _core.Mail.Sent.Count);
        Assert.Equal(40, _core.Mail.Sent.Select(m => m.Id).Distinct().Count());
        Assert.All(_core.Reminders.All, r => Assert.Equal(1, r.Count));
    }

    [Fact]
    public async Task HandleAsync_SendsOnceAfterARestart_WhenARunStopsBetweenTheOutboxAndItsQueueMessage()
    {
        await AddBoardAsync("10001", contactPerson: false);
        _core.Time.Advance(TimeSpan.FromDays(14));
        _core.EmailQueue.FailNext = 1;

        var stopped = await Get().HandleAsync(CancellationToken.None);
        Assert.Equal(1, stopped.Failed);
        Assert.Empty(_core.Reminders.All);

        // The restarted host: the timer again (finds the e-mail in the outbox and records it), and the outbox's own check.
        _core.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await Get().HandleAsync(CancellationToken.None);
        await _core.Get<CheckOutbox>().HandleAsync(CancellationToken.None);
        await _core.SendVisibleEmailsAsync();
        _core.Time.Advance(TimeSpan.FromDays(1));
        await Get().HandleAsync(CancellationToken.None);
        await _core.SendVisibleEmailsAsync();

        Assert.Equal((0, 1), (again.Queued, again.QueuedBefore));
        Assert.Equal(1, Assert.Single(_core.Reminders.All).Count);
        Assert.Single(_core.Mail.Sent);
    }

    [Fact]
    public async Task HandleAsync_SendsOnceAfterARestart_WhenARunStopsBetweenSendingAndRecording()
    {
        await AddBoardAsync("10001", contactPerson: false);
        _core.Time.Advance(TimeSpan.FromDays(14));
        _core.Reminders.FailWrites = true;

        var stopped = await Get().HandleAsync(CancellationToken.None);
        _core.Reminders.FailWrites = false;
        var again = await Get().HandleAsync(CancellationToken.None);
        await _core.SendVisibleEmailsAsync();

        Assert.Equal((1, 1), (stopped.Failed, again.QueuedBefore));
        Assert.Single(_core.Mail.Sent);
        Assert.Equal(1, Assert.Single(_core.Reminders.All).Count);
    }

    [Fact]
    public async Task HandleAsync_EscalatesAtOnce_WhenTheBoardHasNoAddress()
    {
        await AddBoardAsync("10001", contactPerson: false, email: false);
        _core.Time.Advance(TimeSpan.FromDays(14));

        await Get().HandleAsync(CancellationToken.None);
        await _core.SendVisibleEmailsAsync();

        var escalation = Assert.Single(_core.Mail.Sent);
        Assert.Equal("helpdesk@voorbeeld.example", escalation.To.Value);
        Assert.Contains("geen e-mailadres van het bestuur", escalation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SendsNothing_WhenTheBoardIsOpgeheven()
    {
        await AddBoardAsync("10001", contactPerson: false, status: BoardStatus.Opgeheven);

        await RunEveryMorningAsync(Today(), new DateOnly(2027, 9, 1), []);

        Assert.Empty(_sent);
    }

    [Fact]
    public async Task PreviewReminders_ListsWhatWouldGoWithoutSendingOrRecording_WhenRemindersAreDue()
    {
        await AddBoardAsync("10001", contactPerson: false);

        var preview = await _core.Get<PreviewReminders>().HandleAsync(new DateOnly(2027, 7, 2), CancellationToken.None);

        Assert.Equal(
            [("10001", "geen-contactpersoon", 1, false), ("10001", "geen-levering", 1, false), ("10001", "statuut", 1, false)],
            preview.Herinneringen.Select(l => (l.Bestuursnummer, l.Regel, l.Nummer, l.Escalatie)));
        Assert.Contains("lever uiterlijk 1 augustus 2027", preview.Herinneringen[1].Onderwerp, StringComparison.Ordinal);
        Assert.Empty(_core.Outbox.All);
        Assert.Empty(_core.Reminders.All);
    }

    [Fact]
    public async Task HandleAsync_CountsDaysInAmsterdam_WhenTheTimerRunsJustAfterMidnightThere()
    {
        await AddBoardAsync("10001", contactPerson: false);
        // 2026-12-13 23:30 UTC is 14 December 00:30 in Amsterdam: two weeks after the import there, not yet in UTC.
        _core.Time.SetUtcNow(new DateTimeOffset(2026, 12, 13, 23, 30, 0, TimeSpan.Zero));

        var run = await Get().HandleAsync(CancellationToken.None);

        Assert.Equal((new DateOnly(2026, 12, 14), 1), (run.Date, run.Queued));
    }

    private SendReminders Get() => _core.Get<SendReminders>();

    private DateOnly Today() => AmsterdamTime.Today(_core.Time);

    private async Task RunEveryMorningAsync(DateOnly from, DateOnly until, Dictionary<DateOnly, Action> events)
    {
        for (var day = from; day <= until; day = day.AddDays(1))
        {
            var morning = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero);
            if (morning > _core.Time.GetUtcNow())
            {
                _core.Time.SetUtcNow(morning);
            }

            var run = await Get().HandleAsync(CancellationToken.None);
            Assert.Equal(0, run.Failed);
            var before = _core.Mail.Sent.Count;
            await _core.SendVisibleEmailsAsync();
            _sent.AddRange(_core.Mail.Sent.Skip(before).Select(m => (day, m)));
            if (events.TryGetValue(day, out var happen))
            {
                _core.Time.Advance(TimeSpan.FromHours(2));
                happen();
            }
        }
    }

    private List<string> Days(string board, string rule, string? to = null) =>
    [
        .. _sent
            .Where(s => s.Mail.Id.StartsWith($"{board}-herinnering-{rule}-", StringComparison.Ordinal) && (to is null || s.Mail.To.Value == to))
            .Select(s => s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ];

    /// <summary>A finished delivery of today, as the completion index would list it.</summary>
    private void Deliver(string board, DeliveryStatus status, int rejected)
    {
        var now = _core.Time.GetUtcNow();
        var accepted = status == DeliveryStatus.Afgewezen ? 0 : 25 - rejected;
        _core.Deliveries.Put(new Delivery
        {
            Id = $"{board}-{Guid.NewGuid():N}"[..30],
            Bestuursnummer = Bestuursnummer.Parse(board),
            Path = $"{board}/leraren.csv",
            FileName = "leraren.csv",
            FileVersion = Guid.NewGuid().ToString("N"),
            UploadedAt = now,
            Status = status,
            ReceivedAt = now,
            CompletedAt = now.AddMinutes(1),
            ChangedAt = now.AddMinutes(1),
            Counts = new DeliveryCounts { Rows = 25, Accepted = accepted, Rejected = rejected, Registered = accepted, Forwarded = accepted },
        });
    }

    private async Task AddBoardAsync(string number, bool contactPerson = true, bool email = true, StatuutState statuut = StatuutState.NietGestart, BoardStatus status = BoardStatus.Actief)
    {
        var now = _core.Time.GetUtcNow();
        var board = new Board
        {
            Bestuursnummer = Bestuursnummer.Parse(number),
            Naam = $"Stichting {number}",
            EmailAdres = email ? Email($"bestuur{number}@voorbeeld.example") : null,
            Sectors = [Sector.Vo],
            Status = status,
            Statuut = statuut,
            StatuutDatum = statuut == StatuutState.Vastgesteld ? new DateOnly(2026, 10, 1) : null,
            ImportedAt = now,
            ChangedAt = now,
            Contactpersoon = contactPerson ? new ContactPerson($"C. {number}", null, Email($"c.{number}@voorbeeld.example"), null) : null,
        };
        Assert.NotNull(await _core.Boards.TryAddAsync(board, new BoardChange(board.Bestuursnummer, now, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None));
    }

    private static EmailAddress Email(string text) => EmailAddress.TryParse(text, out var address) ? address : throw new ArgumentException(text);
}
