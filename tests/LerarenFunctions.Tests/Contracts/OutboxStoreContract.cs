using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="IOutboxStore"/> promises, against the table adapter on Azurite and against the fake.</summary>
public abstract class OutboxStoreContract : IAsyncLifetime
{
    private IOutboxStore Outbox { get; set; } = null!;

    public async Task InitializeAsync() => Outbox = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAddAsync_KeepsEveryFieldAndRefusesASecond_WhenTheIdIsTaken()
    {
        var message = Full(NewId());

        var added = await Outbox.TryAddAsync(message, CancellationToken.None);
        var again = await Outbox.TryAddAsync(message with { Subject = "Anders" }, CancellationToken.None);

        Assert.NotNull(added);
        Assert.Null(again);
        var stored = await Outbox.GetAsync(message.Id, CancellationToken.None);
        Assert.Equal(added.Version, stored!.Version);
        Assert.Equal(message, stored.Value);
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNull_WhenTheMessageChangedSinceRead()
    {
        var first = (await Outbox.TryAddAsync(Full(NewId()), CancellationToken.None))!;
        await Outbox.TryReplaceAsync(first, first.Value with { Attempts = 2 }, CancellationToken.None);

        var late = await Outbox.TryReplaceAsync(first, first.Value with { Attempts = 9 }, CancellationToken.None);

        Assert.Null(late);
        Assert.Equal(2, (await Outbox.GetAsync(first.Value.Id, CancellationToken.None))!.Value.Attempts);
    }

    [Fact]
    public async Task ListWaitingAndFailed_ListWhatIsNotSentAndWhatWasGivenUp_WhenMessagesMove()
    {
        var (waiting, sent, failed) = (Full(NewId()), Full(NewId()), Full(NewId()));
        await Outbox.TryAddAsync(waiting, CancellationToken.None);
        var s = (await Outbox.TryAddAsync(sent, CancellationToken.None))!;
        var f = (await Outbox.TryAddAsync(failed, CancellationToken.None))!;
        await Outbox.TryReplaceAsync(s, s.Value.Sent(ContractData.Moment)!, CancellationToken.None);
        await Outbox.TryReplaceAsync(f, f.Value with { Status = OutboxStatus.Mislukt, LastError = "550" }, CancellationToken.None);

        var listedWaiting = await Outbox.ListWaitingAsync(CancellationToken.None).Select(m => m.Value.Id).ToListAsync();
        var listedFailed = await Outbox.ListFailedAsync(CancellationToken.None).Select(m => m.Id).ToListAsync();

        Assert.Contains(waiting.Id, listedWaiting);
        Assert.DoesNotContain(sent.Id, listedWaiting);
        Assert.DoesNotContain(failed.Id, listedWaiting);
        Assert.Contains(failed.Id, listedFailed);
        Assert.DoesNotContain(sent.Id, listedFailed);
    }

    [Fact]
    public async Task ListSentBeforeAsync_ListsWhatWasSentUpToTheCutoffSecondAndDeleteSentRemovesIt_WhenSentAroundIt()
    {
        // Long ago: nothing else in the shared storage was sent then.
        var cutoff = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var ours = new Dictionary<string, DateTimeOffset?>
        {
            [NewId()] = cutoff.AddMinutes(-1),
            [NewId()] = cutoff.AddMilliseconds(900),
            [NewId()] = cutoff.AddSeconds(1),
            [NewId()] = null,
        };
        foreach (var (id, sentAt) in ours)
        {
            var added = (await Outbox.TryAddAsync(Full(id), CancellationToken.None))!;
            if (sentAt is { } at)
            {
                await Outbox.TryReplaceAsync(added, added.Value.Sent(at)!, CancellationToken.None);
            }
        }

        var listed = await Outbox.ListSentBeforeAsync(cutoff, CancellationToken.None).Where(s => ours.ContainsKey(s.Id)).ToListAsync();
        await Outbox.DeleteSentAsync(listed[0], CancellationToken.None);

        var ids = ours.Keys.ToList();
        Assert.Equal([(ids[0], cutoff.AddMinutes(-1)), (ids[1], cutoff)], listed.Select(s => (s.Id, s.SentAt)));
        Assert.Null(await Outbox.GetAsync(ids[0], CancellationToken.None));
        Assert.NotNull(await Outbox.GetAsync(ids[1], CancellationToken.None));
        Assert.Equal([ids[1]], await Outbox.ListSentBeforeAsync(cutoff, CancellationToken.None).Where(s => ours.ContainsKey(s.Id)).Select(s => s.Id).ToListAsync());
        Assert.DoesNotContain(ids[3], await Outbox.ListSentBeforeAsync(cutoff.AddYears(100), CancellationToken.None).Select(s => s.Id).ToListAsync());
    }

    [Fact]
    public async Task ListFailedBeforeAsync_ListsWhatWasGivenUpUpToTheCutoffSecondAndDeleteFailedRemovesIt_WhenGivenUpAroundIt()
    {
        // Long ago: nothing else in the shared storage was given up then.
        var cutoff = new DateTimeOffset(2001, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var ours = new Dictionary<string, DateTimeOffset?>
        {
            [NewId()] = cutoff.AddMinutes(-1),
            [NewId()] = cutoff.AddMilliseconds(900),
            [NewId()] = cutoff.AddSeconds(1),
            [NewId()] = null,
        };
        foreach (var (id, failedAt) in ours)
        {
            var added = (await Outbox.TryAddAsync(Full(id), CancellationToken.None))!;
            if (failedAt is { } at)
            {
                await Outbox.TryReplaceAsync(added, added.Value.Failed("550 5.1.1", at, TimeSpan.Zero, maxAttempts: 0)!, CancellationToken.None);
            }
        }

        var listed = await Outbox.ListFailedBeforeAsync(cutoff, CancellationToken.None).Where(f => ours.ContainsKey(f.Id)).ToListAsync();
        await Outbox.DeleteFailedAsync(listed[0], CancellationToken.None);
        await Outbox.DeleteFailedAsync(listed[0], CancellationToken.None);

        var ids = ours.Keys.ToList();
        Assert.Equal([(ids[0], cutoff.AddMinutes(-1)), (ids[1], cutoff)], listed.Select(f => (f.Id, f.FailedAt)));
        Assert.Null(await Outbox.GetAsync(ids[0], CancellationToken.None));
        Assert.Equal(cutoff.AddMilliseconds(900), (await Outbox.GetAsync(ids[1], CancellationToken.None))!.Value.FailedAt);
        var operatorsSee = await Outbox.ListFailedAsync(CancellationToken.None).Select(m => m.Id).ToListAsync();
        Assert.Equal([ids[1], ids[2]], ids.Where(operatorsSee.Contains));
        Assert.Equal([ids[1]], await Outbox.ListFailedBeforeAsync(cutoff, CancellationToken.None).Where(f => ours.ContainsKey(f.Id)).Select(f => f.Id).ToListAsync());
        Assert.DoesNotContain(ids[3], await Outbox.ListFailedBeforeAsync(cutoff.AddYears(100), CancellationToken.None).Select(f => f.Id).ToListAsync());
        Assert.DoesNotContain(ids[1], await Outbox.ListWaitingAsync(CancellationToken.None).Select(m => m.Value.Id).ToListAsync());
    }

    protected abstract Task<IOutboxStore> CreateAsync();

    protected static string NewId() => $"10053-test-{Guid.NewGuid():N}";

    /// <summary>A message with every property set to something that is not its default.</summary>
    protected static OutboxMessage Full(string id) => new()
    {
        Id = id,
        Bestuursnummer = Bestuursnummer.Parse("10053"),
        Soort = "test",
        To = EmailAddress.TryParse("contact@voorbeeld.example", out var to) ? to : throw new InvalidOperationException(),
        ToName = "C. Contact",
        Subject = "Uw aanlevering",
        Text = "Beste C. Contact, é ë",
        Html = "<p>Beste C. Contact, é ë</p>",
        Attempts = 1,
        NextAttemptAt = ContractData.PreciseMoment.AddMinutes(1),
        LeaseUntil = ContractData.PreciseMoment.AddMinutes(5),
        LastError = "451 4.3.0",
        CreatedAt = ContractData.PreciseMoment,
        FailedAt = ContractData.PreciseMoment.AddMinutes(2),
    };
}

[Collection(StorageCollection.Name)]
public sealed class TableOutboxStoreContractTests(AzuriteFixture azurite) : OutboxStoreContract
{
    private static readonly DateTimeOffset LongAgo = new(2001, 4, 5, 6, 7, 8, TimeSpan.Zero);

    private readonly TableOutboxStore _store = new(azurite.Clients, TimeProvider.System);

    private TableClient Table => azurite.Clients.Tables.GetTableClient(StorageNames.OutboxTable);

    [Fact]
    public async Task ListWaitingAsync_PutsAFailedMessageInTheFailedIndex_WhenARunStoppedBeforeItsMove()
    {
        var id = NewId();
        await _store.TryAddAsync(Full(id), CancellationToken.None);
        // As a run that stopped between the status and the move: the message given up, its waiting row still there.
        var entity = (await Table.GetEntityAsync<TableEntity>(id, "bericht")).Value;
        entity["Status"] = "mislukt";
        entity["MisluktOp"] = LongAgo;
        await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);

        Assert.DoesNotContain(id, await _store.ListWaitingAsync(CancellationToken.None).Select(m => m.Value.Id).ToListAsync());

        Assert.Equal([new FailedEmail(id, LongAgo)], await _store.ListFailedBeforeAsync(LongAgo, CancellationToken.None).Where(f => f.Id == id).ToListAsync());
        Assert.Contains(id, await _store.ListFailedAsync(CancellationToken.None).Select(m => m.Id).ToListAsync());
    }

    [Fact]
    public async Task ListFailedAsync_ListsAFailedMessageAndOrdersItByTime_WhenItsIndexRowIsOfTheOlderForm()
    {
        var id = NewId();
        var added = (await _store.TryAddAsync(Full(id), CancellationToken.None))!;
        await _store.TryReplaceAsync(added, added.Value.Failed("550", LongAgo, TimeSpan.Zero, maxAttempts: 0)!, CancellationToken.None);
        // As written before the index was ordered by time.
        await Table.DeleteEntityAsync("index", "mislukt-20010405060708-" + id, ETag.All);
        await Table.UpsertEntityAsync(new TableEntity("index", "mislukt-" + id));

        var listed = await _store.ListFailedAsync(CancellationToken.None).Where(m => m.Id == id).CountAsync();

        Assert.Equal(1, listed);
        Assert.False((await Table.GetEntityIfExistsAsync<TableEntity>("index", "mislukt-" + id)).HasValue);
        Assert.Equal([new FailedEmail(id, LongAgo)], await _store.ListFailedBeforeAsync(LongAgo, CancellationToken.None).Where(f => f.Id == id).ToListAsync());
    }

    protected override Task<IOutboxStore> CreateAsync() => Task.FromResult<IOutboxStore>(new TableOutboxStore(azurite.Clients, TimeProvider.System));
}

public sealed class InMemoryOutboxStoreContractTests : OutboxStoreContract
{
    protected override Task<IOutboxStore> CreateAsync() => Task.FromResult<IOutboxStore>(new InMemoryOutboxStore());
}
