using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="IContentClaims"/> promises, against the table adapter on Azurite and against the fake.</summary>
public abstract class ContentClaimsContract : IAsyncLifetime
{
    private readonly List<(Bestuursnummer Board, string Hash)> _claims = [];

    private IContentClaims Claims { get; set; } = null!;

    public async Task InitializeAsync() => Claims = await CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var (board, hash) in _claims)
        {
            if (await Claims.GetAsync(board, hash, CancellationToken.None) is { } stored)
            {
                await Claims.TryDeleteAsync(board, hash, stored.Version, CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task TryAddAsync_ReturnsTrue_WhenContentIsNotClaimed()
    {
        var claim = NewClaim();

        Assert.True(await Claims.TryAddAsync(claim, CancellationToken.None));

        var stored = await GetAsync(claim);
        Assert.NotNull(stored);
        Assert.False(string.IsNullOrEmpty(stored.Version));
    }

    [Fact]
    public async Task TryAddAsync_ReturnsFalseAndKeepsFirst_WhenContentIsClaimed()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);
        var first = await GetAsync(claim);

        var again = await Claims.TryAddAsync(claim with { DeliveryId = ContractData.DeliveryId(), ClaimedAt = claim.ClaimedAt.AddHours(1) }, CancellationToken.None);

        Assert.False(again);
        Assert.Equal(first, await GetAsync(claim));
    }

    [Fact]
    public async Task TryAddAsync_ReturnsTrue_WhenSameContentIsClaimedByAnotherBoard()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);
        var other = NewClaim(claim.ContentHash, ContractData.RandomBoard());

        Assert.True(await Claims.TryAddAsync(other, CancellationToken.None));

        Assert.Equal(claim, (await GetAsync(claim))!.Value);
        Assert.Equal(other, (await GetAsync(other))!.Value);
    }

    [Fact]
    public async Task GetAsync_ReturnsClaimAsWritten_WhenClaimed()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);

        var stored = await GetAsync(claim);

        Assert.Equal(claim, stored!.Value);
        Assert.Equal(claim.ClaimedAt.UtcTicks, stored.Value.ClaimedAt.UtcTicks);
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_WhenNotClaimed() =>
        Assert.Null(await GetAsync(NewClaim()));

    [Fact]
    public async Task TryReplaceAsync_WritesAndChangesVersion_WhenVersionIsCurrent()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);
        var current = await GetAsync(claim);
        var next = claim with { DeliveryId = ContractData.DeliveryId(), ClaimedAt = claim.ClaimedAt.AddDays(1) };

        Assert.True(await Claims.TryReplaceAsync(next, current!.Version, CancellationToken.None));

        var stored = await GetAsync(claim);
        Assert.Equal(next, stored!.Value);
        Assert.NotEqual(current.Version, stored.Version);
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsFalseAndChangesNothing_WhenVersionIsStale()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);
        var stale = (await GetAsync(claim))!.Version;
        await Claims.TryReplaceAsync(claim with { DeliveryId = ContractData.DeliveryId() }, stale, CancellationToken.None);
        var current = await GetAsync(claim);

        var replaced = await Claims.TryReplaceAsync(claim with { DeliveryId = ContractData.DeliveryId() }, stale, CancellationToken.None);

        Assert.False(replaced);
        Assert.Equal(current, await GetAsync(claim));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsFalseAndAddsNothing_WhenClaimIsGone()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);
        var version = (await GetAsync(claim))!.Version;
        await Claims.TryDeleteAsync(claim.Bestuursnummer, claim.ContentHash, version, CancellationToken.None);

        Assert.False(await Claims.TryReplaceAsync(claim, version, CancellationToken.None));

        Assert.Null(await GetAsync(claim));
    }

    [Fact]
    public async Task TryDeleteAsync_ReturnsFalseAndKeepsClaim_WhenVersionIsStale()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);
        var stale = (await GetAsync(claim))!.Version;
        await Claims.TryReplaceAsync(claim with { DeliveryId = ContractData.DeliveryId() }, stale, CancellationToken.None);
        var current = await GetAsync(claim);

        Assert.False(await Claims.TryDeleteAsync(claim.Bestuursnummer, claim.ContentHash, stale, CancellationToken.None));

        Assert.Equal(current, await GetAsync(claim));
    }

    [Fact]
    public async Task TryDeleteAsync_RemovesClaim_WhenVersionIsCurrent()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);
        var current = await GetAsync(claim);

        Assert.True(await Claims.TryDeleteAsync(claim.Bestuursnummer, claim.ContentHash, current!.Version, CancellationToken.None));

        Assert.Null(await GetAsync(claim));
        Assert.True(await Claims.TryAddAsync(claim, CancellationToken.None));
    }

    [Fact]
    public async Task TryDeleteAsync_ReturnsFalse_WhenClaimIsGone()
    {
        var claim = NewClaim();
        await Claims.TryAddAsync(claim, CancellationToken.None);
        var version = (await GetAsync(claim))!.Version;
        Assert.True(await Claims.TryDeleteAsync(claim.Bestuursnummer, claim.ContentHash, version, CancellationToken.None));

        Assert.False(await Claims.TryDeleteAsync(claim.Bestuursnummer, claim.ContentHash, version, CancellationToken.None));
    }

    [Fact]
    public async Task ListHeldByAsync_ReturnsEveryClaimOfTheDeliveryInItsBoardOnly_WhenItHoldsSome()
    {
        var deliveryId = ContractData.DeliveryId();
        var held = new[] { NewClaim() with { DeliveryId = deliveryId }, NewClaim() with { DeliveryId = deliveryId } };
        var others = new[] { NewClaim(), NewClaim(board: ContractData.RandomBoard()) with { DeliveryId = deliveryId } };
        foreach (var claim in held.Concat(others))
        {
            await Claims.TryAddAsync(claim, CancellationToken.None);
        }

        var listed = await Claims.ListHeldByAsync(ContractData.Board, deliveryId, CancellationToken.None);

        Assert.Equal(held.OrderBy(c => c.ContentHash, StringComparer.Ordinal), listed.Select(c => c.Value).OrderBy(c => c.ContentHash, StringComparer.Ordinal));
        foreach (var claim in listed)
        {
            Assert.Equal(claim, await GetAsync(claim.Value));
        }
    }

    [Fact]
    public async Task ListHeldByAsync_ReturnsNothing_WhenTheDeliveryHoldsNoClaim()
    {
        await Claims.TryAddAsync(NewClaim(), CancellationToken.None);

        Assert.Empty(await Claims.ListHeldByAsync(ContractData.Board, ContractData.DeliveryId(), CancellationToken.None));
    }

    protected abstract Task<IContentClaims> CreateAsync();

    private ContentClaim NewClaim(string? hash = null, Bestuursnummer? board = null)
    {
        var claim = new ContentClaim(
            board ?? ContractData.Board,
            hash ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            ContractData.DeliveryId(),
            ContractData.PreciseMoment);
        _claims.Add((claim.Bestuursnummer, claim.ContentHash));
        return claim;
    }

    private Task<Stored<ContentClaim>?> GetAsync(ContentClaim claim) => Claims.GetAsync(claim.Bestuursnummer, claim.ContentHash, CancellationToken.None);
}

[Collection(StorageCollection.Name)]
public sealed class TableContentClaimsContractTests(AzuriteFixture azurite) : ContentClaimsContract
{
    protected override Task<IContentClaims> CreateAsync() => Task.FromResult<IContentClaims>(new TableContentClaims(azurite.Clients));
}

public sealed class InMemoryContentClaimsContractTests : ContentClaimsContract
{
    protected override Task<IContentClaims> CreateAsync() => Task.FromResult<IContentClaims>(new InMemoryContentClaims());
}
