using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="IBoardKeyStore"/> promises, against the table adapter on Azurite and against the fake.</summary>
public abstract class BoardKeyStoreContract : IAsyncLifetime
{
    private IBoardKeyStore Keys { get; set; } = null!;

    public async Task InitializeAsync() => Keys = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAddAsync_KeepsEveryField_WhenKeyIsNew()
    {
        var key = Key(ContractData.RandomBoard()) with { LastUsedAt = ContractData.PreciseMoment.AddHours(1), RevokedAt = ContractData.PreciseMoment.AddHours(2) };

        var added = await Keys.TryAddAsync(key, CancellationToken.None);

        Assert.NotNull(added);
        Assert.False(string.IsNullOrEmpty(added.Version));
        Assert.Equal(key, added.Value);
        Assert.Equal(added, await GetAsync(key));
    }

    [Fact]
    public async Task TryAddAsync_ReturnsNullAndKeepsFirst_WhenTheBoardHasAKeyWithThatId()
    {
        var key = Key(ContractData.RandomBoard());
        var added = await AddAsync(key);

        var again = await Keys.TryAddAsync(key with { Hash = new string('0', 64) }, CancellationToken.None);

        Assert.Null(again);
        Assert.Equal(added, await GetAsync(key));
    }

    [Fact]
    public async Task TryReplaceAsync_WritesAndReturnsNewVersion_WhenVersionIsCurrent()
    {
        var added = await AddAsync(Key(ContractData.RandomBoard()));
        var next = added.Value.Used(ContractData.PreciseMoment.AddMinutes(10))!;

        var replaced = await Keys.TryReplaceAsync(added, next, CancellationToken.None);

        Assert.NotNull(replaced);
        Assert.NotEqual(added.Version, replaced.Version);
        Assert.Equal(next, replaced.Value);
        Assert.Equal(replaced, await GetAsync(next));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndChangesNothing_WhenVersionIsStale()
    {
        var added = await AddAsync(Key(ContractData.RandomBoard()));
        var revoked = await Keys.TryReplaceAsync(added, added.Value.Revoke(ContractData.PreciseMoment.AddDays(1))!, CancellationToken.None);

        var late = await Keys.TryReplaceAsync(added, added.Value.Used(ContractData.PreciseMoment.AddDays(2))!, CancellationToken.None);

        Assert.Null(late);
        Assert.Equal(revoked, await GetAsync(added.Value));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndAddsNothing_WhenKeyDoesNotExist()
    {
        var board = ContractData.RandomBoard();
        var other = await AddAsync(Key(board));
        var missing = Key(board);

        var replaced = await Keys.TryReplaceAsync(other with { Value = missing }, missing, CancellationToken.None);

        Assert.Null(replaced);
        Assert.Null(await GetAsync(missing));
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_WhenTheIdIsOfAnotherBoard()
    {
        var board = ContractData.RandomBoard();
        var added = await AddAsync(Key(board));

        Assert.Null(await Keys.GetAsync(Next(board), added.Value.Id, CancellationToken.None));
        Assert.Null(await Keys.GetAsync(board, BoardKeyText.NewId(), CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_ListsEveryKeyOfTheBoardWithItsVersion_WhenBoardsHaveKeys()
    {
        var board = ContractData.RandomBoard();
        var first = await AddAsync(Key(board));
        var second = await AddAsync(Key(board) with { CreatedAt = ContractData.PreciseMoment.AddDays(1) });
        await AddAsync(Key(Next(board)));
        var revoked = await Keys.TryReplaceAsync(first, first.Value.Revoke(ContractData.PreciseMoment.AddDays(2))!, CancellationToken.None);

        var listed = await Keys.ListAsync(board, CancellationToken.None).ToListAsync();

        Assert.Equal(new[] { revoked!, second }.OrderBy(k => k.Value.Id, StringComparer.Ordinal), listed.OrderBy(k => k.Value.Id, StringComparer.Ordinal));
    }

    protected abstract Task<IBoardKeyStore> CreateAsync();

    /// <summary>A new key of <paramref name="board"/> with a random id, as a store gets it when issued.</summary>
    private static BoardKey Key(Bestuursnummer board)
    {
        var id = BoardKeyText.NewId();
        return new BoardKey(id, board, BoardKeyText.Hash(BoardKeyText.NewKey(board, id)), ContractData.PreciseMoment);
    }

    private static Bestuursnummer Next(Bestuursnummer board) =>
        Bestuursnummer.Parse(((int.Parse(board.Value, System.Globalization.CultureInfo.InvariantCulture) % 99999) + 1).ToString("D5", System.Globalization.CultureInfo.InvariantCulture));

    private async Task<Stored<BoardKey>> AddAsync(BoardKey key) =>
        await Keys.TryAddAsync(key, CancellationToken.None) ?? throw new InvalidOperationException($"Key {key.Id} of {key.Bestuursnummer} exists.");

    private Task<Stored<BoardKey>?> GetAsync(BoardKey key) => Keys.GetAsync(key.Bestuursnummer, key.Id, CancellationToken.None);
}

[Collection(StorageCollection.Name)]
public sealed class TableBoardKeyStoreContractTests(AzuriteFixture azurite) : BoardKeyStoreContract
{
    protected override Task<IBoardKeyStore> CreateAsync() => Task.FromResult<IBoardKeyStore>(new TableBoardKeyStore(azurite.Clients));
}

public sealed class InMemoryBoardKeyStoreContractTests : BoardKeyStoreContract
{
    protected override Task<IBoardKeyStore> CreateAsync() => Task.FromResult<IBoardKeyStore>(new InMemoryBoardKeyStore());
}
