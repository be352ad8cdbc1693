using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>Retention: what is kept no longer than needed is removed on time, and not before.</summary>
public sealed class ApplyRetentionTests : IDisposable
{
    private readonly CoreHarness _core = new(new() { ["Retention:Deliveries"] = "100.00:00:00", ["Retention:DeadLetterRows"] = "10.00:00:00", ["Retention:Emails"] = "30.00:00:00" });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_RemovesASentAndAFailedEmailButNoWaitingOne_WhenTheirRetentionHasPassed()
    {
        var outbox = _core.Get<Core.Email.Outbox>();
        foreach (var id in new[] { "10053-verzonden", "10053-wachtend", "10053-mislukt" })
        {
            await outbox.QueueAsync(new Core.Email.OutboxMessage
            {
                Id = id,
                Bestuursnummer = Core.Domain.Bestuursnummer.Parse("10053"),
                Soort = "test",
                To = Core.Domain.EmailAddress.TryParse("c@voorbeeld.example", out var to) ? to : default,
                Subject = "Test",
                CreatedAt = _core.Time.GetUtcNow(),
            }, CancellationToken.None);
        }

        _core.Mail.RejectNext = 1;
        foreach (var id in _core.EmailQueue.TakeVisible().Where(id => id != "10053-wachtend").Order(StringComparer.Ordinal))
        {
            await _core.Get<Core.Email.SendEmail>().HandleAsync(id, CancellationToken.None);
        }

        _core.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);
        Assert.Equal(3, _core.Outbox.All.Count);

        _core.Time.Advance(TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);

        Assert.Equal(["10053-wachtend"], _core.Outbox.All.Select(m => m.Id));
    }

    [Theory]
    [InlineData(91, false)]
    [InlineData(89, true)]
    public async Task HandleAsync_RemovesAFailedEmailOnlyAfterTheRetention_WhenItWasGivenUpDaysAgo(int daysAgo, bool kept)
    {
        using var core = new CoreHarness();
        await core.Get<Core.Email.Outbox>().QueueAsync(new Core.Email.OutboxMessage
        {
            Id = "10053-mislukt",
            Bestuursnummer = Core.Domain.Bestuursnummer.Parse("10053"),
            Soort = "test",
            To = Core.Domain.EmailAddress.TryParse("c@voorbeeld.example", out var to) ? to : default,
            Subject = "Test",
            CreatedAt = core.Time.GetUtcNow(),
        }, CancellationToken.None);
        core.Mail.RejectNext = 1;
        await core.Get<Core.Email.SendEmail>().HandleAsync("10053-mislukt", CancellationToken.None);
        Assert.Equal(Core.Email.OutboxStatus.Mislukt, core.Outbox.All[0].Status);

        core.Time.Advance(TimeSpan.FromDays(daysAgo));
        await core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);

        Assert.Equal(kept, core.Outbox.All.Count == 1);
        Assert.Equal(kept, (await core.Get<Core.Email.ListFailedEmails>().HandleAsync(CancellationToken.None)).Count == 1);
    }

    [Fact]
    public async Task HandleAsync_RemovesHistoryEntriesButNotNewerOnesOrTheBoard_WhenTheirRetentionHasPassed()
    {
        var number = Core.Domain.Bestuursnummer.Parse("10054");
        var board = new Core.Boards.Board { Bestuursnummer = number, Naam = "Stichting Historie", ImportedAt = _core.Time.GetUtcNow(), ChangedAt = _core.Time.GetUtcNow() };
        var stored = (await _core.Boards.TryAddAsync(board, new Core.Boards.BoardChange(number, _core.Time.GetUtcNow(), "test", Core.Boards.BoardChange.Bestuur, null, "oud"), CancellationToken.None))!;
        _core.Time.Advance(TimeSpan.FromDays(400));
        await _core.Boards.TryReplaceAsync(stored, board with { Naam = "Stichting Nieuw" }, new Core.Boards.BoardChange(number, _core.Time.GetUtcNow(), "test", Core.Boards.BoardChange.Bestuur, "oud", "nieuw"), CancellationToken.None);

        _core.Time.Advance(TimeSpan.FromDays(330) - TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);
        Assert.Equal(2, await _core.Boards.ListHistoryAsync(number, CancellationToken.None).CountAsync());

        _core.Time.Advance(TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);

        Assert.Equal(["nieuw"], await _core.Boards.ListHistoryAsync(number, CancellationToken.None).Select(c => c.Nieuw).ToListAsync());
        Assert.Equal("Stichting Nieuw", (await _core.Boards.GetAsync(number, CancellationToken.None))!.Value.Naam);
    }

    [Fact]
    public async Task HandleAsync_RemovesAnIdempotencyKey_WhenItsRetentionHasPassed()
    {
        var board = Core.Domain.Bestuursnummer.Parse("10053");
        var old = new IdempotentRequest(board, "oud", "inhoud", false, "10053/api-oud.csv", "10053-oud", _core.Time.GetUtcNow());
        await _core.Requests.TryAddAsync(old, CancellationToken.None);
        _core.Time.Advance(TimeSpan.FromDays(1));
        await _core.Requests.TryAddAsync(old with { KeyHash = "nieuw", ReceivedAt = _core.Time.GetUtcNow() }, CancellationToken.None);

        _core.Time.Advance(TimeSpan.FromDays(6) - TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);
        Assert.NotNull(await _core.Requests.GetAsync(board, "oud", CancellationToken.None));

        _core.Time.Advance(TimeSpan.FromMinutes(2));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);

        Assert.Null(await _core.Requests.GetAsync(board, "oud", CancellationToken.None));
        Assert.NotNull(await _core.Requests.GetAsync(board, "nieuw", CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_RemovesTheRowsOfAnUnreplayedDeadLetterAndSaysSo_WhenTheirRetentionHasPassed()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 131));
        await _core.Get<DeadLetterBatch>().HandleAsync(Assert.Single(_core.Queue.TakeVisible()), CancellationToken.None);

        _core.Time.Advance(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);
        Assert.NotNull(_core.Batches.Batches(id)[0].Records);

        _core.Time.Advance(TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);

        var batch = _core.Batches.Batches(id)[0];
        Assert.Null(batch.Records);
        Assert.Equal(5, batch.Results!.Count);
        var letter = Assert.Single(await _core.Get<ListDeadLetters>().HandleAsync(CancellationToken.None));
        Assert.Equal((_core.Time.GetUtcNow(), false), (letter.RecordsRemovedAt, letter.CanReplay));
    }

    [Fact]
    public async Task HandleAsync_LetsTheSameFileBeTakenInAgain_WhenTheRowsOfItsDeadLetterAreRemoved()
    {
        var csv = SyntheticData.TeacherCsv("10053", rows: 5, seed: 134);
        var id = await _core.DeliverAsync("10053/leraren.csv", csv);
        await _core.Get<DeadLetterBatch>().HandleAsync(Assert.Single(_core.Queue.TakeVisible()), CancellationToken.None);
        Assert.Equal(DeliveryStatus.Afgerond, _core.Deliveries[id].Status);

        _core.Time.Advance(TimeSpan.FromDays(10));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);
        var again = await _core.DeliverAsync("10053/opnieuw.csv", csv);

        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[again].Status);
        Assert.Equal(again, Assert.Single(_core.Claims.All).DeliveryId);
        Assert.Null(_core.Deliveries[id].ContentHash);
    }

    [Fact]
    public async Task HandleAsync_RemovesAClaimTheDeliveryDoesNotKnowOf_WhenItExpires()
    {
        // A run claimed the content and stopped before the status that records the hash; the delivery ended afgewezen.
        var (path, id) = _core.Drop("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 135));
        var file = (await _core.Files.GetInfoAsync(path, CancellationToken.None))!;
        var now = _core.Time.GetUtcNow();
        _core.Deliveries.Put(Delivery.Receive(id, DeliveryPath.Parse(path), file, now).Abandoned("Verwerking mislukt.", now)!);
        var board = _core.Deliveries[id].Bestuursnummer;
        await _core.Claims.TryAddAsync(new ContentClaim(board, "inhoud-van-de-gestopte-run", id, now), CancellationToken.None);
        await _core.Claims.TryAddAsync(new ContentClaim(board, "inhoud-van-een-ander", "10053-ffffffffffffffffffffffff", now), CancellationToken.None);

        _core.Time.Advance(TimeSpan.FromDays(100));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);

        Assert.Null(await _core.Deliveries.GetAsync(id, CancellationToken.None));
        Assert.Equal("10053-ffffffffffffffffffffffff", Assert.Single(_core.Claims.All).DeliveryId);
    }

    [Fact]
    public async Task HandleAsync_RemovesADeliveryWithItsBatchesClaimAndDeadLetters_WhenItsRetentionHasPassed()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 132));
        var messages = _core.Queue.TakeVisible();
        await _core.Get<DeadLetterBatch>().HandleAsync(messages[0], CancellationToken.None);
        foreach (var message in messages.Skip(1))
        {
            await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);
        }

        var kept = await _core.DeliverAsync("10053/later.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 133));
        Assert.Equal(DeliveryStatus.Afgerond, _core.Deliveries[id].Status);

        _core.Time.Advance(TimeSpan.FromDays(100) - TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);
        Assert.NotNull(await _core.Deliveries.GetAsync(id, CancellationToken.None));

        _core.Time.Advance(TimeSpan.FromMinutes(1));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);

        Assert.Null(await _core.Deliveries.GetAsync(id, CancellationToken.None));
        Assert.Empty(_core.Batches.Batches(id));
        Assert.Empty(await _core.DeadLetters.ListAsync(CancellationToken.None));
        Assert.DoesNotContain(_core.Claims.All, c => c.DeliveryId == id);
        Assert.NotNull(await _core.Deliveries.GetAsync(kept, CancellationToken.None));
    }
}
