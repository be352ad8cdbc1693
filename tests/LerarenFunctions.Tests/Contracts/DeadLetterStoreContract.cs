using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="IDeadLetterStore"/> promises, against the table adapter on Azurite and against the fake.</summary>
public abstract class DeadLetterStoreContract : IAsyncLifetime
{
    private readonly List<string> _deliveryIds = [];

    private IDeadLetterStore Store { get; set; } = null!;

    public async Task InitializeAsync() => Store = await CreateAsync();

    /// <summary>Removes the test's letters: the Azurite is shared with the CLI tests, which list every letter.</summary>
    public async Task DisposeAsync()
    {
        foreach (var id in _deliveryIds)
        {
            await Store.DeleteAllAsync(id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task SaveAsync_AddsLetterAsWritten_WhenNew()
    {
        var letter = Letter(NewDeliveryId(), 3) with { RecordsRemovedAt = ContractData.PreciseMoment.AddDays(30) };

        await Store.SaveAsync(letter, CancellationToken.None);

        var listed = Assert.Single(await ListAsync());
        Assert.Equal(letter, listed);
        Assert.Equal(letter.At.UtcTicks, listed.At.UtcTicks);
        Assert.Equal(letter.RecordsRemovedAt!.Value.UtcTicks, listed.RecordsRemovedAt!.Value.UtcTicks);
    }

    [Fact]
    public async Task SaveAsync_KeepsNulls_WhenOptionalPropertiesAreNull()
    {
        var letter = Letter(NewDeliveryId(), 1) with { LastError = null, RecordsRemovedAt = null };

        await Store.SaveAsync(letter, CancellationToken.None);

        var listed = Assert.Single(await ListAsync());
        Assert.Equal(letter, listed);
        Assert.True(listed.CanReplay);
    }

    [Fact]
    public async Task SaveAsync_ReplacesLetter_WhenSavedAgainForSameBatch()
    {
        var id = NewDeliveryId();
        await Store.SaveAsync(Letter(id, 2), CancellationToken.None);
        var second = new DeadLetter(id, 2, DeadLetterReasons.Refused(422), 1, null, ContractData.PreciseMoment.AddDays(1)) { RecordsRemovedAt = ContractData.PreciseMoment.AddDays(31) };

        await Store.SaveAsync(second, CancellationToken.None);

        Assert.Equal([second], await ListAsync());
    }

    [Fact]
    public async Task ListAsync_ListsOldestFirst_WhenSavedInAnotherOrder()
    {
        var (first, second) = (NewDeliveryId(), NewDeliveryId());
        var letters = new[]
        {
            Letter(first, 1, ContractData.PreciseMoment.AddHours(2)),
            Letter(second, 1, ContractData.PreciseMoment),
            Letter(first, 2, ContractData.PreciseMoment.AddTicks(1)),
            Letter(second, 2, ContractData.PreciseMoment.AddDays(-1)),
        };
        foreach (var letter in letters)
        {
            await Store.SaveAsync(letter, CancellationToken.None);
        }

        Assert.Equal(letters.OrderBy(l => l.At), await ListAsync());
    }

    [Fact]
    public async Task ListAsync_ListsEveryLetter_WhenADeliveryHasMoreThan100()
    {
        var id = NewDeliveryId();
        var letters = Enumerable.Range(1, 120).Select(n => Letter(id, n, ContractData.PreciseMoment.AddSeconds(n))).ToList();
        foreach (var letter in letters)
        {
            await Store.SaveAsync(letter, CancellationToken.None);
        }

        Assert.Equal(letters, await ListAsync());

        await Store.DeleteAllAsync(id, CancellationToken.None);

        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task DeleteAsync_RemovesOnlyThatBatchsLetter_WhenDeliveryHasMore()
    {
        var id = NewDeliveryId();
        await Store.SaveAsync(Letter(id, 1), CancellationToken.None);
        var kept = Letter(id, 2);
        await Store.SaveAsync(kept, CancellationToken.None);

        await Store.DeleteAsync(id, 1, CancellationToken.None);

        Assert.Equal([kept], await ListAsync());
    }

    [Fact]
    public async Task DeleteAsync_DoesNothing_WhenThereIsNoLetter()
    {
        var id = NewDeliveryId();
        var kept = Letter(id, 1);
        await Store.SaveAsync(kept, CancellationToken.None);

        await Store.DeleteAsync(id, 2, CancellationToken.None);
        await Store.DeleteAsync(NewDeliveryId(), 1, CancellationToken.None);

        Assert.Equal([kept], await ListAsync());
    }

    [Fact]
    public async Task DeleteAllAsync_RemovesOnlyThatDeliverysLetters_WhenAnotherIdSharesItsPrefix()
    {
        var id = NewDeliveryId();
        var longer = NewDeliveryId(id + "b");
        var shorter = NewDeliveryId(id[..^1]);
        var other = NewDeliveryId();
        await Store.SaveAsync(Letter(id, 1), CancellationToken.None);
        await Store.SaveAsync(Letter(id, 12), CancellationToken.None);
        var kept = new[] { Letter(longer, 1), Letter(shorter, 1), Letter(other, 1) };
        foreach (var letter in kept)
        {
            await Store.SaveAsync(letter, CancellationToken.None);
        }

        await Store.DeleteAllAsync(id, CancellationToken.None);

        Assert.Equal(kept.OrderBy(l => l.DeliveryId, StringComparer.Ordinal), (await ListAsync()).OrderBy(l => l.DeliveryId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteAllAsync_DoesNothing_WhenDeliveryHasNoLetters() =>
        await Store.DeleteAllAsync(NewDeliveryId(), CancellationToken.None);

    protected abstract Task<IDeadLetterStore> CreateAsync();

    private static DeadLetter Letter(string deliveryId, int batch, DateTimeOffset? at = null) =>
        new(deliveryId, batch, DeadLetterReasons.AttemptsUsedUp, 5_000_000_000, "Het register antwoordde 503.", at ?? ContractData.PreciseMoment);

    private string NewDeliveryId(string? id = null)
    {
        id ??= ContractData.DeliveryId();
        _deliveryIds.Add(id);
        return id;
    }

    /// <summary>The test's own letters, in the store's order.</summary>
    private async Task<List<DeadLetter>> ListAsync() =>
        [.. (await Store.ListAsync(CancellationToken.None)).Where(l => _deliveryIds.Contains(l.DeliveryId))];
}

[Collection(StorageCollection.Name)]
public sealed class TableDeadLetterStoreContractTests(AzuriteFixture azurite) : DeadLetterStoreContract
{
    protected override Task<IDeadLetterStore> CreateAsync() => Task.FromResult<IDeadLetterStore>(new TableDeadLetterStore(azurite.Clients));
}

public sealed class InMemoryDeadLetterStoreContractTests : DeadLetterStoreContract
{
    protected override Task<IDeadLetterStore> CreateAsync() => Task.FromResult<IDeadLetterStore>(new InMemoryDeadLetterStore());
}
