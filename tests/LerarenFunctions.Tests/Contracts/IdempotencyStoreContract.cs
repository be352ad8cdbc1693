using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="IIdempotencyStore"/> promises, against the table adapter on Azurite and against the fake.</summary>
public abstract class IdempotencyStoreContract : IAsyncLifetime
{
    private IIdempotencyStore Requests { get; set; } = null!;

    public async Task InitializeAsync() => Requests = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAddAsync_KeepsEveryFieldAndRefusesASecond_WhenTheKeyIsTaken()
    {
        var request = Request(ContractData.RandomBoard(), ContractData.PreciseMoment);

        var added = await Requests.TryAddAsync(request, CancellationToken.None);
        var second = await Requests.TryAddAsync(request with { ContentHash = "ander" }, CancellationToken.None);

        Assert.NotNull(added);
        Assert.Null(second);
        Assert.Equal(added, await Requests.GetAsync(request.Bestuursnummer, request.KeyHash, CancellationToken.None));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndChangesNothing_WhenVersionIsStale()
    {
        var added = await AddAsync(Request(ContractData.RandomBoard(), ContractData.PreciseMoment));
        var replaced = await Requests.TryReplaceAsync(added, added.Value with { DeliveryId = "10053-eerste" }, CancellationToken.None);

        var late = await Requests.TryReplaceAsync(added, added.Value with { DeliveryId = "10053-tweede" }, CancellationToken.None);

        Assert.NotNull(replaced);
        Assert.Null(late);
        Assert.Equal(replaced, await Requests.GetAsync(added.Value.Bestuursnummer, added.Value.KeyHash, CancellationToken.None));
    }

    [Fact]
    public async Task ListReceivedBeforeAsync_ListsOnlyRequestsReceivedBeforeTheCutoff_WhenSomeWereRenewed()
    {
        var board = ContractData.RandomBoard();
        var cutoff = ContractData.Moment;
        var old = await AddAsync(Request(board, cutoff.AddDays(-2)) with { KeyHash = Hash('a') });
        var renewed = await AddAsync(Request(board, cutoff.AddDays(-3)) with { KeyHash = Hash('b') });
        var young = await AddAsync(Request(board, cutoff.AddMinutes(1)) with { KeyHash = Hash('c') });
        await Requests.TryReplaceAsync(renewed, renewed.Value with { ReceivedAt = cutoff.AddHours(1) }, CancellationToken.None);

        var listed = await ListAsync(board, cutoff);

        Assert.Equal([old], listed);
        Assert.NotNull(young);
    }

    [Fact]
    public async Task TryDeleteAsync_RemovesTheRequestAndItsListing_WhenVersionIsCurrent()
    {
        var board = ContractData.RandomBoard();
        var added = await AddAsync(Request(board, ContractData.Moment.AddDays(-1)));
        var stale = await AddAsync(Request(board, ContractData.Moment.AddDays(-1)) with { KeyHash = Hash('d') });
        await Requests.TryReplaceAsync(stale, stale.Value with { DeliveryId = "10053-later" }, CancellationToken.None);

        var deleted = await Requests.TryDeleteAsync(added, CancellationToken.None);
        var refused = await Requests.TryDeleteAsync(stale, CancellationToken.None);

        Assert.True(deleted);
        Assert.False(refused);
        Assert.Null(await Requests.GetAsync(board, added.Value.KeyHash, CancellationToken.None));
        Assert.Equal([Hash('d')], (await ListAsync(board, ContractData.Moment)).Select(r => r.Value.KeyHash));
    }

    protected abstract Task<IIdempotencyStore> CreateAsync();

    /// <summary>A request with every field set to something that is not its default; seconds only, as the index keeps them.</summary>
    private static IdempotentRequest Request(Bestuursnummer board, DateTimeOffset receivedAt) =>
        new(board, Hash('0'), new string('f', 64), true, $"{board.Value}/proef/api-2026-03-14-092653-abc.csv", null, receivedAt);

    private static string Hash(char c) => new(c, 64);

    private async Task<Stored<IdempotentRequest>> AddAsync(IdempotentRequest request) =>
        await Requests.TryAddAsync(request, CancellationToken.None) ?? throw new InvalidOperationException("The key is taken.");

    private async Task<List<Stored<IdempotentRequest>>> ListAsync(Bestuursnummer board, DateTimeOffset cutoff) =>
        (await Requests.ListReceivedBeforeAsync(cutoff, CancellationToken.None).ToListAsync())
            .Where(r => r.Value.Bestuursnummer == board)
            .OrderBy(r => r.Value.KeyHash, StringComparer.Ordinal)
            .ToList();
}

[Collection(StorageCollection.Name)]
public sealed class TableIdempotencyStoreContractTests(AzuriteFixture azurite) : IdempotencyStoreContract
{
    protected override Task<IIdempotencyStore> CreateAsync() => Task.FromResult<IIdempotencyStore>(new TableIdempotencyStore(azurite.Clients));
}

public sealed class InMemoryIdempotencyStoreContractTests : IdempotencyStoreContract
{
    protected override Task<IIdempotencyStore> CreateAsync() => Task.FromResult<IIdempotencyStore>(new InMemoryIdempotencyStore());
}
