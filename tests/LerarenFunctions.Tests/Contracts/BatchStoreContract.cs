using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="IBatchStore"/> promises, against the table adapter on Azurite and against the fake.</summary>
public abstract class BatchStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T = ContractData.PreciseMoment;

    private readonly List<string> _deliveryIds = [];

    private IBatchStore Store { get; set; } = null!;

    public async Task InitializeAsync() => Store = await CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var id in _deliveryIds)
        {
            await Store.DeleteAllAsync(id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task TryAddAsync_ReturnsOneVersionPerBatch_WhenBatchesAreNew()
    {
        var id = NewDeliveryId();
        var batches = Enumerable.Range(1, 3).Select(n => Open(id, n, seed: n)).ToList();

        var added = await Store.TryAddAsync(batches, CancellationToken.None);

        Assert.NotNull(added);
        // A version is per batch, not unique among them: batches added in one transaction may share one (one timestamp).
        Assert.Equal(3, added.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            Assert.Same(batches[i], added[i].Value);
            var stored = await GetAsync(id, i + 1);
            Assert.Equal(added[i].Version, stored!.Version);
            AssertSame(batches[i], stored.Value);
        }
    }

    [Fact]
    public async Task TryAddAsync_AddsEveryBatch_WhenMoreThan100InOneCall()
    {
        var id = NewDeliveryId();
        var records = PackedRecords.Pack(SyntheticData.TeacherRecords(2, seed: 7));
        var batches = Enumerable.Range(1, 230).Select(n => Batch.Open(id, n, ContractData.Board, records, T)).ToList();

        var added = await Store.TryAddAsync(batches, CancellationToken.None);

        Assert.Equal(230, added!.Count);
        var listed = await Store.ListAsync(id, withResults: false, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 230), listed.Select(s => s.Value.Number));
        Assert.Equal(added.Select(a => a.Version), listed.Select(s => s.Version));
    }

    [Fact]
    public async Task TryAddAsync_KeepsRowsIntact_WhenPackedRowsExceed64KB()
    {
        var id = NewDeliveryId();
        var batches = Enumerable.Range(1, 12)
            .Select(n => Batch.Open(id, n, ContractData.Board, PackedRecords.Pack(SyntheticData.TeacherRecords(300, seed: 100 + n, fieldCount: 16, fieldLength: 30)), T))
            .ToList();
        Assert.All(batches, b => Assert.True(b.Records!.Bytes.Length > 64 * 1024, "Each batch holds more than one table property can."));
        Assert.True(batches.Sum(b => b.Records!.Bytes.Length) * 4 / 3 > 2 * 1024 * 1024, "The batches take more than one transaction.");

        var added = await Store.TryAddAsync(batches, CancellationToken.None);

        Assert.Equal(12, added!.Count);
        foreach (var batch in batches)
        {
            AssertSame(batch, (await GetAsync(id, batch.Number))!.Value);
        }

        var open = await Store.ListOpenAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal(12, open.Count);
        Assert.All(open, s => Assert.Equal(batches[s.Value.Number - 1].Records!.Bytes.ToArray(), s.Value.Records!.Bytes.ToArray()));
    }

    [Fact]
    public async Task TryAddAsync_ReturnsNullAndAddsNothing_WhenOneOfTheBatchesExists()
    {
        var id = NewDeliveryId();
        var first = (await Store.TryAddAsync([Open(id, 2, seed: 1)], CancellationToken.None))![0];

        var added = await Store.TryAddAsync([Open(id, 1, seed: 2), Open(id, 2, seed: 3), Open(id, 3, seed: 4)], CancellationToken.None);

        Assert.Null(added);
        Assert.Null(await GetAsync(id, 1));
        Assert.Null(await GetAsync(id, 3));
        var stored = await GetAsync(id, 2);
        Assert.Equal(first.Version, stored!.Version);
        AssertSame(first.Value, stored.Value);
    }

    [Fact]
    public async Task TryAddAsync_KeepsEarlierTransactions_WhenALaterOneFindsABatchThatExists()
    {
        // Storage adds at most 100 rows in one transaction: a call of more is not all or nothing.
        var id = NewDeliveryId();
        var records = PackedRecords.Pack(SyntheticData.TeacherRecords(2, seed: 8));
        var existing = (await Store.TryAddAsync([Batch.Open(id, 150, ContractData.Board, records, T)], CancellationToken.None))![0];

        var added = await Store.TryAddAsync([.. Enumerable.Range(1, 150).Select(n => Batch.Open(id, n, ContractData.Board, records, T.AddSeconds(1)))], CancellationToken.None);

        Assert.Null(added);
        var listed = await Store.ListAsync(id, withResults: false, CancellationToken.None);
        Assert.Equal([.. Enumerable.Range(1, 100), 150], listed.Select(s => s.Value.Number));
        Assert.Equal(existing.Version, listed[^1].Version);
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_WhenUnknown()
    {
        var id = NewDeliveryId();
        await Store.TryAddAsync([Open(id, 1, seed: 1)], CancellationToken.None);

        Assert.Null(await GetAsync(id, 2));
        Assert.Null(await GetAsync(NewDeliveryId(), 1));
    }

    [Theory]
    [InlineData("wacht op nieuwe poging")]
    [InlineData("beantwoord")]
    [InlineData("opgegeven")]
    [InlineData("regels verwijderd")]
    [InlineData("opnieuw aangeboden")]
    [InlineData("laat beantwoord")]
    public async Task GetAsync_ReturnsEveryPropertyAsWritten_WhenReplaced(string state)
    {
        var id = NewDeliveryId();
        var added = (await Store.TryAddAsync([Open(id, 1, seed: 11)], CancellationToken.None))![0];
        var next = Transition(added.Value, state);

        var replaced = await Store.TryReplaceAsync(next, added.Version, CancellationToken.None);

        var stored = await GetAsync(id, 1);
        Assert.Equal(replaced!.Version, stored!.Version);
        AssertSame(next, stored.Value);
    }

    [Fact]
    public async Task TryReplaceAsync_WritesAndReturnsNewVersion_WhenVersionIsCurrent()
    {
        var id = NewDeliveryId();
        var added = (await Store.TryAddAsync([Open(id, 1, seed: 12)], CancellationToken.None))![0];
        var next = added.Value.AttemptFailed(1, "HTTP 503", T.AddMinutes(1), T.AddSeconds(1))!;

        var replaced = await Store.TryReplaceAsync(next, added.Version, CancellationToken.None);

        Assert.NotNull(replaced);
        Assert.NotEqual(added.Version, replaced.Version);
        Assert.Same(next, replaced.Value);
        Assert.Equal(replaced.Version, (await GetAsync(id, 1))!.Version);
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndChangesNothing_WhenVersionIsStale()
    {
        var id = NewDeliveryId();
        var added = (await Store.TryAddAsync([Open(id, 1, seed: 13)], CancellationToken.None))![0];
        var first = added.Value.AttemptFailed(1, "HTTP 503", T.AddMinutes(1), T.AddSeconds(1))!;
        var replaced = await Store.TryReplaceAsync(first, added.Version, CancellationToken.None);

        var late = await Store.TryReplaceAsync(added.Value.Answer(Answers(added.Value), T.AddSeconds(2))!, added.Version, CancellationToken.None);

        Assert.Null(late);
        var stored = await GetAsync(id, 1);
        Assert.Equal(replaced!.Version, stored!.Version);
        AssertSame(first, stored.Value);
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndAddsNothing_WhenBatchIsGone()
    {
        var id = NewDeliveryId();
        var added = (await Store.TryAddAsync([Open(id, 1, seed: 14)], CancellationToken.None))![0];
        await Store.DeleteAllAsync(id, CancellationToken.None);

        var replaced = await Store.TryReplaceAsync(added.Value.Answer(Answers(added.Value), T)!, added.Version, CancellationToken.None);

        Assert.Null(replaced);
        Assert.Null(await GetAsync(id, 1));
    }

    [Fact]
    public async Task ListAsync_ReturnsEveryBatchInNumberOrderWithoutRowsAndAnswers_WhenWithoutResults()
    {
        var (id, expected) = await AddInEveryStateAsync();

        var listed = await Store.ListAsync(id, withResults: false, CancellationToken.None);

        Assert.Equal(expected.Select(s => s.Value.Number), listed.Select(s => s.Value.Number));
        Assert.Equal(expected.Select(s => s.Version), listed.Select(s => s.Version));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Null(listed[i].Value.Records);
            Assert.Null(listed[i].Value.Results);
            AssertSame(expected[i].Value with { Records = null, Results = null }, listed[i].Value);
        }
    }

    [Fact]
    public async Task ListAsync_IncludesAnswers_WhenWithResults()
    {
        var (id, expected) = await AddInEveryStateAsync();

        var listed = await Store.ListAsync(id, withResults: true, CancellationToken.None);

        Assert.Equal(expected.Select(s => s.Value.Number), listed.Select(s => s.Value.Number));
        Assert.Equal(expected.Select(s => s.Version), listed.Select(s => s.Version));
        for (var i = 0; i < expected.Count; i++)
        {
            // Whether the rows come along is not pinned: the port says without, both stores give them (see the report).
            AssertSame(expected[i].Value, listed[i].Value, records: false);
        }

        Assert.Contains(listed, s => s.Value.Results is { Count: > 0 });
    }

    [Fact]
    public async Task ListAsync_ReturnsEmpty_WhenDeliveryHasNoBatches() =>
        Assert.Empty(await Store.ListAsync(NewDeliveryId(), withResults: true, CancellationToken.None));

    [Fact]
    public async Task ListOpenAsync_ListsOnlyOpenBatchesWithRows_WhenOthersAreAnsweredOrGivenUp()
    {
        var (id, expected) = await AddInEveryStateAsync();

        var open = await Store.ListOpenAsync(id, CancellationToken.None).ToListAsync();

        var expectedOpen = expected.Where(s => s.Value.State == BatchState.Open).ToList();
        Assert.Equal(3, expectedOpen.Count);
        Assert.Equal(expectedOpen.Select(s => (s.Value.Number, s.Version)), open.Select(s => (s.Value.Number, s.Version)).OrderBy(n => n.Number));
        foreach (var stored in open)
        {
            Assert.NotNull(stored.Value.Records);
            AssertSame(expectedOpen.Single(e => e.Value.Number == stored.Value.Number).Value, stored.Value);
        }
    }

    [Fact]
    public async Task AnyOpenAsync_ReturnsTrue_WhenOneBatchIsOpen()
    {
        var (id, _) = await AddInEveryStateAsync();

        Assert.True(await Store.AnyOpenAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task AnyOpenAsync_ReturnsFalse_WhenEveryBatchIsAnsweredOrGivenUp()
    {
        var id = NewDeliveryId();
        var added = (await Store.TryAddAsync([Open(id, 1, seed: 21), Open(id, 2, seed: 22)], CancellationToken.None))!;
        await Store.TryReplaceAsync(added[0].Value.Answer(Answers(added[0].Value), T)!, added[0].Version, CancellationToken.None);
        Assert.True(await Store.AnyOpenAsync(id, CancellationToken.None));

        await Store.TryReplaceAsync(added[1].Value.GiveUp(DeadLetterReasons.Refused(422), 1, null, T)!, added[1].Version, CancellationToken.None);

        Assert.False(await Store.AnyOpenAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task AnyOpenAsync_ReturnsFalse_WhenDeliveryHasNoBatches() =>
        Assert.False(await Store.AnyOpenAsync(NewDeliveryId(), CancellationToken.None));

    [Fact]
    public async Task DeleteAllAsync_RemovesOnlyThatDeliverysBatches_WhenOtherDeliveriesHaveBatches()
    {
        var id = NewDeliveryId();
        var longer = NewDeliveryId(id + "b");
        var other = NewDeliveryId();
        await Store.TryAddAsync([Open(id, 1, seed: 31), Open(id, 2, seed: 32)], CancellationToken.None);
        await Store.TryAddAsync([Open(longer, 1, seed: 33)], CancellationToken.None);
        await Store.TryAddAsync([Open(other, 1, seed: 34), Open(other, 2, seed: 35)], CancellationToken.None);

        await Store.DeleteAllAsync(id, CancellationToken.None);

        Assert.Empty(await Store.ListAsync(id, withResults: false, CancellationToken.None));
        Assert.Null(await GetAsync(id, 1));
        Assert.False(await Store.AnyOpenAsync(id, CancellationToken.None));
        Assert.Single(await Store.ListAsync(longer, withResults: false, CancellationToken.None));
        Assert.Equal(2, (await Store.ListAsync(other, withResults: false, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task DeleteAllAsync_RemovesEveryBatch_WhenMoreThan100()
    {
        var id = NewDeliveryId();
        var records = PackedRecords.Pack(SyntheticData.TeacherRecords(1, seed: 9));
        await Store.TryAddAsync([.. Enumerable.Range(1, 205).Select(n => Batch.Open(id, n, ContractData.Board, records, T))], CancellationToken.None);

        await Store.DeleteAllAsync(id, CancellationToken.None);

        Assert.Empty(await Store.ListAsync(id, withResults: false, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAllAsync_DoesNothing_WhenDeliveryHasNoBatches() =>
        await Store.DeleteAllAsync(NewDeliveryId(), CancellationToken.None);

    [Fact]
    public async Task TryAddAsync_AddsAgain_WhenDeletedBefore()
    {
        var id = NewDeliveryId();
        await Store.TryAddAsync([Open(id, 1, seed: 41)], CancellationToken.None);
        await Store.DeleteAllAsync(id, CancellationToken.None);

        var again = await Store.TryAddAsync([Open(id, 1, seed: 42)], CancellationToken.None);

        Assert.NotNull(again);
        AssertSame(again[0].Value, (await GetAsync(id, 1))!.Value);
    }

    protected abstract Task<IBatchStore> CreateAsync();

    private static Batch Open(string deliveryId, int number, int seed) =>
        Batch.Open(deliveryId, number, ContractData.Board, PackedRecords.Pack(SyntheticData.TeacherRecords(5, seed)), T);

    /// <summary>The register's answers for every row of an open batch: one refused, the others registered.</summary>
    private static IReadOnlyList<RegisterResultaat> Answers(Batch batch)
    {
        var records = batch.Records!.Unpack();
        return RegisterResults.For(records, [.. records.Select((r, i) => i == 0
            ? new RecordResult(r.Row, RecordOutcome.Afgewezen, null, "BSN onbekend in BRP")
            : new RecordResult(r.Row, RecordOutcome.Geregistreerd, $"REG-{r.Row}", null))]);
    }

    private static Batch Transition(Batch open, string state)
    {
        var waiting = open.AttemptFailed(2, "Het register antwoordde 503.", T.AddMinutes(4), T.AddSeconds(1))!;
        var givenUp = waiting.GiveUp(DeadLetterReasons.AttemptsUsedUp, 5, "Time-out na 30 seconden.", T.AddHours(1))!;
        return state switch
        {
            "wacht op nieuwe poging" => waiting,
            "beantwoord" => waiting.Answer(Answers(open), T.AddMinutes(5))!,
            "opgegeven" => givenUp,
            "regels verwijderd" => givenUp.RemoveRecords(T.AddDays(30))!,
            "opnieuw aangeboden" => givenUp.Reopen(T.AddDays(2))!,
            "laat beantwoord" => givenUp.Answer(Answers(open), T.AddDays(3))!,
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
        };
    }

    private static void AssertSame(Batch expected, Batch actual, bool records = true)
    {
        Assert.Equal(expected.DeliveryId, actual.DeliveryId);
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.Bestuursnummer, actual.Bestuursnummer);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.RowCount, actual.RowCount);
        if (records)
        {
            Assert.Equal(expected.Records?.Bytes.ToArray(), actual.Records?.Bytes.ToArray());
        }

        Assert.Equal(expected.Results, actual.Results);
        Assert.Equal(expected.Registered, actual.Registered);
        Assert.Equal(expected.RejectedByRegister, actual.RejectedByRegister);
        Assert.Equal(expected.Failed, actual.Failed);
        Assert.Equal(expected.FailedAttempts, actual.FailedAttempts);
        Assert.Equal(expected.LastError, actual.LastError);
        Assert.Equal(expected.NextAttemptAt?.UtcTicks, actual.NextAttemptAt?.UtcTicks);
        Assert.Equal(expected.DeadLetterReason, actual.DeadLetterReason);
        Assert.Equal(expected.RecordsRemovedAt?.UtcTicks, actual.RecordsRemovedAt?.UtcTicks);
        Assert.Equal(expected.ChangedAt.UtcTicks, actual.ChangedAt.UtcTicks);
    }

    private string NewDeliveryId(string? id = null)
    {
        id ??= ContractData.DeliveryId();
        _deliveryIds.Add(id);
        return id;
    }

    private Task<Stored<Batch>?> GetAsync(string deliveryId, int number) => Store.GetAsync(deliveryId, number, CancellationToken.None);

    /// <summary>Twelve batches (numbers that sort differently as text), added out of order, in every state; by number.</summary>
    private async Task<(string DeliveryId, List<Stored<Batch>> Stored)> AddInEveryStateAsync()
    {
        var id = NewDeliveryId();
        var numbers = new[] { 10, 2, 1, 12, 3, 11, 4, 5, 6, 7, 8, 9 };
        var added = (await Store.TryAddAsync([.. numbers.Select(n => Open(id, n, seed: 50 + n))], CancellationToken.None))!;
        var states = new Dictionary<int, string>
        {
            [2] = "wacht op nieuwe poging",
            [3] = "beantwoord",
            [4] = "opgegeven",
            [5] = "regels verwijderd",
            [6] = "opnieuw aangeboden",
            [7] = "laat beantwoord",
            [10] = "beantwoord",
            [11] = "opgegeven",
            [12] = "beantwoord",
            [8] = "beantwoord",
            [9] = "beantwoord",
        };
        var stored = new List<Stored<Batch>>();
        foreach (var batch in added)
        {
            stored.Add(states.TryGetValue(batch.Value.Number, out var state)
                ? (await Store.TryReplaceAsync(Transition(batch.Value, state), batch.Version, CancellationToken.None))!
                : batch);
        }

        return (id, [.. stored.OrderBy(s => s.Value.Number)]);
    }
}

[Collection(StorageCollection.Name)]
public sealed class TableBatchStoreContractTests(AzuriteFixture azurite) : BatchStoreContract
{
    protected override Task<IBatchStore> CreateAsync() => Task.FromResult<IBatchStore>(new TableBatchStore(azurite.Clients));
}

public sealed class InMemoryBatchStoreContractTests : BatchStoreContract
{
    protected override Task<IBatchStore> CreateAsync() => Task.FromResult<IBatchStore>(new InMemoryBatchStore());
}
