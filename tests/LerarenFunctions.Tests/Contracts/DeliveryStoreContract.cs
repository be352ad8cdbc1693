using System.Globalization;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>
/// What every <see cref="IDeliveryStore"/> promises, run against the table adapter on Azurite and against the fake
/// that Core's rule tests use, so the fake provably keeps the adapter's conditions.
/// </summary>
public abstract class DeliveryStoreContract : IAsyncLifetime
{
    private readonly List<string> _ids = [];

    protected IDeliveryStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateAsync();

    /// <summary>Removes what the test wrote: the Azurite is shared with tests that walk every delivery.</summary>
    public async Task DisposeAsync()
    {
        foreach (var id in _ids)
        {
            if (await Store.GetAsync(id, CancellationToken.None) is { } stored)
            {
                await Store.TryDeleteAsync(stored, CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task TryAddAsync_ReturnsVersionOfStoredDelivery_WhenIdIsNew()
    {
        var delivery = ContractData.Delivery(NewId());

        var added = await Store.TryAddAsync(delivery, CancellationToken.None);

        Assert.NotNull(added);
        Assert.False(string.IsNullOrEmpty(added.Version));
        Assert.Equal(delivery, added.Value);
        Assert.Equal(added.Version, (await GetAsync(delivery.Id))!.Version);
    }

    [Fact]
    public async Task TryAddAsync_ReturnsNullAndKeepsFirst_WhenIdExists()
    {
        var first = ContractData.Delivery(NewId());
        var added = await AddAsync(first);

        var again = await Store.TryAddAsync(first with { Status = DeliveryStatus.Gevalideerd, IntakeAttempt = 9 }, CancellationToken.None);

        Assert.Null(again);
        Assert.Equal(added, await GetAsync(first.Id));
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_WhenUnknown() =>
        Assert.Null(await GetAsync(NewId()));

    [Fact]
    public async Task GetAsync_ReturnsEveryPropertyAsWritten_WhenNotFinal()
    {
        var delivery = ContractData.Delivery(NewId(), DeliveryStatus.Doorsturen);
        await AddAsync(delivery);

        var stored = await GetAsync(delivery.Id);

        Assert.NotNull(stored);
        AssertSame(delivery, stored.Value);
        Assert.Null(stored.Value.CompletedAt);
        Assert.Null(stored.Value.Reason);
    }

    [Fact]
    public async Task GetAsync_ReturnsNullsAsWritten_WhenOptionalPropertiesAreNull()
    {
        var delivery = ContractData.Delivery(NewId()) with { CompletedAt = null, Reason = null, ContentHash = null, Counts = new DeliveryCounts() };
        await AddAsync(delivery);

        var stored = await GetAsync(delivery.Id);

        AssertSame(delivery, stored!.Value);
        Assert.Null(stored.Value.CompletedAt);
        Assert.Null(stored.Value.Reason);
        Assert.Null(stored.Value.ContentHash);
    }

    [Fact]
    public async Task GetAsync_ReturnsEveryPropertyAsWritten_WhenReplacedByFinal()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        var final = ContractData.Completed(added.Value, ContractData.PreciseMoment.AddDays(1), DeliveryStatus.Afgewezen) with { Reason = "Het bestand is leeg." };
        await Store.TryReplaceAsync(added, final, CancellationToken.None);

        var stored = await GetAsync(final.Id);

        AssertSame(final, stored!.Value);
    }

    [Fact]
    public async Task GetAsync_KeepsEveryTickInUtc_WhenTimesHaveSevenDecimals()
    {
        var delivery = ContractData.Delivery(NewId(), DeliveryStatus.Afgerond) with { UploadedAt = ContractData.PreciseMoment.AddTicks(1) };
        await AddAsync(delivery);

        var stored = (await GetAsync(delivery.Id))!.Value;

        Assert.Equal(delivery.UploadedAt.UtcTicks, stored.UploadedAt.UtcTicks);
        Assert.Equal(delivery.ReceivedAt.UtcTicks, stored.ReceivedAt.UtcTicks);
        Assert.Equal(delivery.ChangedAt.UtcTicks, stored.ChangedAt.UtcTicks);
        Assert.Equal(delivery.CompletedAt!.Value.UtcTicks, stored.CompletedAt!.Value.UtcTicks);
        Assert.All([stored.UploadedAt, stored.ReceivedAt, stored.ChangedAt, stored.CompletedAt.Value], t => Assert.Equal(TimeSpan.Zero, t.Offset));
    }

    [Fact]
    public async Task TryReplaceAsync_WritesAndReturnsNewVersion_WhenVersionIsCurrent()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        var next = added.Value with { Status = DeliveryStatus.Gevalideerd, ChangedAt = ContractData.PreciseMoment.AddHours(1) };

        var replaced = await Store.TryReplaceAsync(added, next, CancellationToken.None);

        Assert.NotNull(replaced);
        Assert.NotEqual(added.Version, replaced.Version);
        Assert.Equal(next, replaced.Value);
        Assert.Equal(replaced, await GetAsync(next.Id));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndChangesNothing_WhenVersionIsStale()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        var replaced = await Store.TryReplaceAsync(added, added.Value with { Status = DeliveryStatus.Gevalideerd }, CancellationToken.None);

        var late = await Store.TryReplaceAsync(added, added.Value with { Status = DeliveryStatus.Afgewezen, CompletedAt = ContractData.Moment }, CancellationToken.None);

        Assert.Null(late);
        Assert.Equal(replaced, await GetAsync(added.Value.Id));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndAddsNothing_WhenDeliveryIsGone()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        Assert.True(await Store.TryDeleteAsync(added, CancellationToken.None));

        var replaced = await Store.TryReplaceAsync(added, added.Value with { Status = DeliveryStatus.Gevalideerd }, CancellationToken.None);

        Assert.Null(replaced);
        Assert.Null(await GetAsync(added.Value.Id));
    }

    [Fact]
    public async Task TryDeleteAsync_ReturnsFalseAndKeepsDelivery_WhenVersionIsStale()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        var replaced = await Store.TryReplaceAsync(added, added.Value with { IntakeAttempt = 4 }, CancellationToken.None);

        var deleted = await Store.TryDeleteAsync(added, CancellationToken.None);

        Assert.False(deleted);
        Assert.Equal(replaced, await GetAsync(added.Value.Id));
    }

    [Fact]
    public async Task TryDeleteAsync_RemovesDelivery_WhenVersionIsCurrent()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));

        Assert.True(await Store.TryDeleteAsync(added, CancellationToken.None));

        Assert.Null(await GetAsync(added.Value.Id));
    }

    [Fact]
    public async Task TryDeleteAsync_ReturnsFalse_WhenDeliveryIsGone()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        Assert.True(await Store.TryDeleteAsync(added, CancellationToken.None));

        Assert.False(await Store.TryDeleteAsync(added, CancellationToken.None));
    }

    [Fact]
    public async Task TryAddAsync_AddsAgain_WhenDeliveryWasDeleted()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        await Store.TryDeleteAsync(added, CancellationToken.None);

        var again = await Store.TryAddAsync(added.Value, CancellationToken.None);

        Assert.NotNull(again);
        Assert.Contains(again.Version, await UnfinishedVersionsAsync([added.Value.Id]));
    }

    [Fact]
    public async Task ListUnfinishedAsync_ListsExactlyTheNotFinalDeliveries_WhenSomeAreFinal()
    {
        var ids = Enumerable.Range(0, 6).Select(_ => NewId()).ToList();
        var unfinished = new[] { DeliveryStatus.Ontvangen, DeliveryStatus.Gevalideerd, DeliveryStatus.Doorsturen };
        var expected = new List<Stored<Delivery>>();
        for (var i = 0; i < 3; i++)
        {
            expected.Add(await AddAsync(ContractData.Delivery(ids[i], unfinished[i])));
        }

        // A final delivery reached as Core reaches it (added unfinished, then replaced), and two added final.
        var closed = await AddAsync(ContractData.Delivery(ids[3], DeliveryStatus.Doorsturen));
        await Store.TryReplaceAsync(closed, ContractData.Completed(closed.Value, ContractData.Moment), CancellationToken.None);
        await AddAsync(ContractData.Delivery(ids[4], DeliveryStatus.Proef));
        await AddAsync(ContractData.Delivery(ids[5], DeliveryStatus.Dubbel));

        var listed = await ListUnfinishedAsync(ids);

        Assert.Equal(expected.OrderBy(s => s.Value.Id), listed.OrderBy(s => s.Value.Id));
    }

    [Fact]
    public async Task ListUnfinishedAsync_DoesNotList_WhenReplacedByFinal()
    {
        var added = await AddAsync(ContractData.Delivery(NewId(), DeliveryStatus.Doorsturen));
        Assert.Single(await ListUnfinishedAsync([added.Value.Id]));

        await Store.TryReplaceAsync(added, ContractData.Completed(added.Value, ContractData.Moment), CancellationToken.None);

        Assert.Empty(await ListUnfinishedAsync([added.Value.Id]));
    }

    [Fact]
    public async Task ListUnfinishedAsync_ListsAgain_WhenFinalDeliveryIsReopened()
    {
        var added = await AddAsync(ContractData.Delivery(NewId(), DeliveryStatus.Doorsturen));
        var closed = await Store.TryReplaceAsync(added, ContractData.Completed(added.Value, ContractData.Moment), CancellationToken.None);
        Assert.Empty(await ListUnfinishedAsync([added.Value.Id]));

        var reopened = await Store.TryReplaceAsync(closed!, closed!.Value.Reopen(ContractData.Moment.AddDays(1))!, CancellationToken.None);

        Assert.Equal([reopened!], await ListUnfinishedAsync([added.Value.Id]));
    }

    [Fact]
    public async Task ListUnfinishedAsync_DoesNotList_WhenDeleted()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        await Store.TryDeleteAsync(added, CancellationToken.None);

        Assert.Empty(await ListUnfinishedAsync([added.Value.Id]));
    }

    [Fact]
    public async Task ListUnfinishedAsync_ListsOnce_WhenReplacedWhileNotFinal()
    {
        var added = await AddAsync(ContractData.Delivery(NewId()));
        var validated = await Store.TryReplaceAsync(added, added.Value with { Status = DeliveryStatus.Gevalideerd }, CancellationToken.None);
        var forwarding = await Store.TryReplaceAsync(validated!, validated!.Value with { Status = DeliveryStatus.Doorsturen }, CancellationToken.None);

        Assert.Equal([forwarding!], await ListUnfinishedAsync([added.Value.Id]));
    }

    [Fact]
    public async Task ListUnfinishedAsync_DoesNotList_WhenStaleReplaceWouldHaveReopened()
    {
        var added = await AddAsync(ContractData.Delivery(NewId(), DeliveryStatus.Doorsturen));
        var closed = await Store.TryReplaceAsync(added, ContractData.Completed(added.Value, ContractData.Moment), CancellationToken.None);
        await Store.TryReplaceAsync(closed!, closed!.Value with { Counts = closed.Value.Counts with { Registered = 1 } }, CancellationToken.None);

        var reopened = await Store.TryReplaceAsync(closed, closed.Value.Reopen(ContractData.Moment.AddDays(1))!, CancellationToken.None);

        Assert.Null(reopened);
        Assert.Empty(await ListUnfinishedAsync([added.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_ListsDeliveriesCompletedBeforeCutoff_WhenCompletedInEarlierMonths()
    {
        var cutoff = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var lastMonth = await CompleteAsync(NewId(), cutoff.AddMonths(-1));
        var lastYear = await CompleteAsync(NewId(), cutoff.AddMonths(-13));
        var sameMonth = await CompleteAsync(NewId(), cutoff.AddDays(-14));
        var justBefore = await CompleteAsync(NewId(), cutoff.AddTicks(-1));

        var listed = await ListCompletedBeforeAsync(cutoff, [lastMonth.Value.Id, lastYear.Value.Id, sameMonth.Value.Id, justBefore.Value.Id]);

        Assert.Equal(
            new[] { lastMonth, lastYear, sameMonth, justBefore }.OrderBy(s => s.Value.Id),
            listed.OrderBy(s => s.Value.Id));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_ListsDelivery_WhenCompletedExactlyAtCutoff()
    {
        var cutoff = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(7);
        var atCutoff = await CompleteAsync(NewId(), cutoff);

        Assert.Equal([atCutoff], await ListCompletedBeforeAsync(cutoff, [atCutoff.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_DoesNotList_WhenCompletedInLaterMonth()
    {
        var cutoff = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var nextMonth = await CompleteAsync(NewId(), new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var nextYear = await CompleteAsync(NewId(), cutoff.AddYears(1));

        Assert.Empty(await ListCompletedBeforeAsync(cutoff, [nextMonth.Value.Id, nextYear.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_ListsNothingLater_WhenCompletedASecondAfterTheCutoff()
    {
        var cutoff = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var at = await CompleteAsync(NewId(), cutoff);
        var later = await CompleteAsync(NewId(), cutoff.AddSeconds(1));

        Assert.Equal([at], await ListCompletedBeforeAsync(cutoff, [at.Value.Id, later.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_ListsDelivery_WhenAddedFinal()
    {
        var added = await AddAsync(ContractData.Delivery(NewId(), DeliveryStatus.Afgewezen, ContractData.Moment.AddMonths(-2)));

        Assert.Equal([added], await ListCompletedBeforeAsync(ContractData.Moment, [added.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_DoesNotList_WhenDeleted()
    {
        var completed = await CompleteAsync(NewId(), ContractData.Moment.AddMonths(-2));

        Assert.True(await Store.TryDeleteAsync(completed, CancellationToken.None));

        Assert.Empty(await ListCompletedBeforeAsync(ContractData.Moment, [completed.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_DoesNotList_WhenReopened()
    {
        var completed = await CompleteAsync(NewId(), ContractData.Moment.AddMonths(-2));

        await Store.TryReplaceAsync(completed, completed.Value.Reopen(ContractData.Moment.AddMonths(-1))!, CancellationToken.None);

        Assert.Empty(await ListCompletedBeforeAsync(ContractData.Moment, [completed.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_ListsWithNewCompletion_WhenReopenedAndCompletedAgain()
    {
        var completed = await CompleteAsync(NewId(), ContractData.Moment.AddMonths(-3));
        var reopened = await Store.TryReplaceAsync(completed, completed.Value.Reopen(ContractData.Moment.AddMonths(-2))!, CancellationToken.None);

        var again = await Store.TryReplaceAsync(reopened!, ContractData.Completed(reopened!.Value, ContractData.Moment.AddMonths(-1)), CancellationToken.None);

        Assert.Equal([again!], await ListCompletedBeforeAsync(ContractData.Moment, [completed.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_DoesNotList_WhenCompletedAgainAfterCutoff()
    {
        var completed = await CompleteAsync(NewId(), ContractData.Moment.AddMonths(-3));

        // A closed delivery closed again with new counts (a late answer): completed anew.
        var closedAgain = ContractData.Completed(completed.Value, ContractData.Moment.AddMonths(1)) with { Counts = completed.Value.Counts with { Registered = 49 } };
        Assert.NotNull(await Store.TryReplaceAsync(completed, closedAgain, CancellationToken.None));

        Assert.Empty(await ListCompletedBeforeAsync(ContractData.Moment, [completed.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_ListsAsStored_WhenCompletedAgainInSameMonth()
    {
        var completed = await CompleteAsync(NewId(), ContractData.Moment.AddMonths(-3));
        var closedAgain = ContractData.Completed(completed.Value, completed.Value.CompletedAt!.Value.AddHours(1)) with { Counts = completed.Value.Counts with { Registered = 49 } };

        var replaced = await Store.TryReplaceAsync(completed, closedAgain, CancellationToken.None);

        Assert.Equal([replaced!], await ListCompletedBeforeAsync(ContractData.Moment, [completed.Value.Id]));
    }

    [Fact]
    public async Task ListCompletedBeforeAsync_ListsOldestFirst_WhenCompletedYearsBeforeTheCutoff()
    {
        // However long a deployment was down, nothing past its retention is left behind.
        var cutoff = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var old = await CompleteAsync(NewId(), new DateTimeOffset(2022, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var older = await CompleteAsync(NewId(), new DateTimeOffset(2019, 5, 31, 23, 59, 59, TimeSpan.Zero));

        Assert.Equal([older, old], await ListCompletedBeforeAsync(cutoff, [old.Value.Id, older.Value.Id]));
    }

    [Fact]
    public async Task ListFinishedSinceAsync_ListsSummariesOldestFirst_WhenCompletedAtOrAfterTheCutoffSecond()
    {
        var cutoff = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero).AddTicks(7_000_000);
        var secondBefore = await CompleteAsync(NewId(), cutoff.AddTicks(-7_000_001));
        var sameSecond = await CompleteAsync(NewId(), cutoff.AddTicks(-7_000_000));
        var nextDay = await CompleteAsync(NewId(), cutoff.AddDays(1));
        var addedFinal = await AddAsync(ContractData.Delivery(NewId(), DeliveryStatus.Afgewezen, cutoff.AddHours(1)) with { Counts = new DeliveryCounts { Rows = 3, Rejected = 3 } });
        var unfinished = await AddAsync(ContractData.Delivery(NewId(), DeliveryStatus.Doorsturen));

        var listed = await ListFinishedSinceAsync(cutoff, [secondBefore.Value.Id, sameSecond.Value.Id, nextDay.Value.Id, addedFinal.Value.Id, unfinished.Value.Id]);

        Assert.Equal([sameSecond.Value.Id, addedFinal.Value.Id, nextDay.Value.Id], listed.Select(d => d.Id));
        AssertSummary(sameSecond.Value, listed[0]);
        AssertSummary(addedFinal.Value, listed[1]);
        AssertSummary(nextDay.Value, listed[2]);
    }

    [Fact]
    public async Task ListFinishedSinceAsync_DoesNotList_WhenReopened()
    {
        var completed = await CompleteAsync(NewId(), ContractData.Moment);

        await Store.TryReplaceAsync(completed, completed.Value.Reopen(ContractData.Moment.AddHours(1))!, CancellationToken.None);

        Assert.Empty(await ListFinishedSinceAsync(ContractData.Moment.AddDays(-1), [completed.Value.Id]));
    }

    [Fact]
    public async Task ListFinishedSinceAsync_ListsOnceAsStoredNow_WhenCompletedAgainLater()
    {
        var completed = await CompleteAsync(NewId(), ContractData.Moment);
        var closedAgain = ContractData.Completed(completed.Value, ContractData.Moment.AddHours(1)) with { Counts = completed.Value.Counts with { Registered = 49, Failed = 0 } };
        var replaced = await Store.TryReplaceAsync(completed, closedAgain, CancellationToken.None);

        var listed = await ListFinishedSinceAsync(ContractData.Moment.AddDays(-1), [completed.Value.Id]);

        AssertSummary(replaced!.Value, Assert.Single(listed));
    }

    [Fact]
    public async Task ListFinishedSinceAsync_ListsTheNewCounts_WhenReplacedWithinTheSameSecond()
    {
        var completed = await CompleteAsync(NewId(), ContractData.Moment);
        var replaced = await Store.TryReplaceAsync(completed, completed.Value with { Counts = completed.Value.Counts with { RejectedByRegister = 0 } }, CancellationToken.None);

        var listed = await ListFinishedSinceAsync(ContractData.Moment, [completed.Value.Id]);

        AssertSummary(replaced!.Value, Assert.Single(listed));
    }

    [Fact]
    public async Task ListByBoardAsync_ListsEveryDeliveryOfTheBoardAndNoOtherBoards_WhenBoardsHaveNeighbouringNumbers()
    {
        var board = ContractData.RandomBoard();
        var neighbour = Bestuursnummer.Parse((int.Parse(board.Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
        var ours = new[] { $"{board.Value}-{Guid.NewGuid():N}"[..30], $"{board.Value}-{Guid.NewGuid():N}"[..30] };
        await AddAsync(ContractData.Delivery(ours[0]) with { Bestuursnummer = board });
        await CompleteAsync(ours[1], ContractData.Moment, board);
        await AddAsync(ContractData.Delivery($"{neighbour.Value}-{Guid.NewGuid():N}"[..30]) with { Bestuursnummer = neighbour });

        var listed = await Store.ListByBoardAsync(board, CancellationToken.None).ToListAsync();

        Assert.Equal(ours.Order(StringComparer.Ordinal), listed.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal([DeliveryStatus.Afgerond, DeliveryStatus.Ontvangen], listed.OrderByDescending(d => d.Id == ours[1]).Select(d => d.Status));
    }

    protected abstract Task<IDeliveryStore> CreateAsync();

    /// <summary>What the completion index keeps of a delivery: no file name, and of the counts only those of its terugmelding.</summary>
    protected static void AssertSummary(Delivery expected, FinishedDelivery actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Bestuursnummer, actual.Bestuursnummer);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ReceivedAt, actual.ReceivedAt);
        Assert.Equal(expected.CompletedAt, actual.CompletedAt);
        Assert.Equal(expected.Counts.Rows, actual.Counts.Rows);
        Assert.Equal(expected.Counts.Accepted, actual.Counts.Accepted);
        Assert.Equal(expected.Counts.Rejected, actual.Counts.Rejected);
        Assert.Equal(expected.Counts.Registered, actual.Counts.Registered);
        Assert.Equal(expected.Counts.RejectedByRegister, actual.Counts.RejectedByRegister);
        Assert.Equal(expected.Counts.Failed, actual.Counts.Failed);
    }

    private static void AssertSame(Delivery expected, Delivery actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Bestuursnummer, actual.Bestuursnummer);
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.FileName, actual.FileName);
        Assert.Equal(expected.FileVersion, actual.FileVersion);
        Assert.Equal(expected.UploadedAt, actual.UploadedAt);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ReceivedAt, actual.ReceivedAt);
        Assert.Equal(expected.CompletedAt, actual.CompletedAt);
        Assert.Equal(expected.ChangedAt, actual.ChangedAt);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.ContentHash, actual.ContentHash);
        Assert.Equal(expected.IntakeAttempt, actual.IntakeAttempt);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected, actual);
    }

    protected string NewId()
    {
        var id = ContractData.DeliveryId();
        _ids.Add(id);
        return id;
    }

    protected async Task<Stored<Delivery>> AddAsync(Delivery delivery) =>
        await Store.TryAddAsync(delivery, CancellationToken.None) ?? throw new InvalidOperationException($"Delivery {delivery.Id} exists.");

    /// <summary>A delivery completed as Core completes one: added while forwarding, then replaced by a final status.</summary>
    private async Task<Stored<Delivery>> CompleteAsync(string id, DateTimeOffset completedAt, Bestuursnummer? board = null)
    {
        var added = await AddAsync(ContractData.Delivery(id, DeliveryStatus.Doorsturen) with { Bestuursnummer = board ?? ContractData.Board });
        return await Store.TryReplaceAsync(added, ContractData.Completed(added.Value, completedAt), CancellationToken.None)
            ?? throw new InvalidOperationException($"Delivery {id} changed.");
    }

    private Task<Stored<Delivery>?> GetAsync(string id) => Store.GetAsync(id, CancellationToken.None);

    private async Task<List<Stored<Delivery>>> ListUnfinishedAsync(IReadOnlyCollection<string> ids) =>
        [.. (await Store.ListUnfinishedAsync(CancellationToken.None).ToListAsync()).Where(s => ids.Contains(s.Value.Id))];

    private async Task<List<string>> UnfinishedVersionsAsync(IReadOnlyCollection<string> ids) =>
        [.. (await ListUnfinishedAsync(ids)).Select(s => s.Version)];

    private async Task<List<Stored<Delivery>>> ListCompletedBeforeAsync(DateTimeOffset before, IReadOnlyCollection<string> ids) =>
        [.. (await Store.ListCompletedBeforeAsync(before, CancellationToken.None).ToListAsync()).Where(s => ids.Contains(s.Value.Id))];

    protected async Task<List<FinishedDelivery>> ListFinishedSinceAsync(DateTimeOffset since, IReadOnlyCollection<string> ids) =>
        [.. (await Store.ListFinishedSinceAsync(since, CancellationToken.None).ToListAsync()).Where(d => ids.Contains(d.Id))];
}

[Collection(StorageCollection.Name)]
public sealed class TableDeliveryStoreContractTests(AzuriteFixture azurite) : DeliveryStoreContract
{
    [Fact]
    public async Task ListFinishedSinceAsync_ListsTheSummaryOfTheDelivery_WhenItsCompletionRowHasNone()
    {
        // Completion rows written before they kept a summary carry only their key.
        var completedAt = ContractData.Moment.AddDays(-3);
        var added = await AddAsync(ContractData.Delivery(NewId(), DeliveryStatus.Afgerond, completedAt));
        var key = $"afgerond-{completedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}-{added.Value.Id}";
        await azurite.Clients.Tables.GetTableClient(StorageNames.DeliveriesTable).UpsertEntityAsync(new TableEntity("index", key), TableUpdateMode.Replace);

        var listed = await ListFinishedSinceAsync(completedAt, [added.Value.Id]);

        AssertSummary(added.Value, Assert.Single(listed));
    }

    protected override Task<IDeliveryStore> CreateAsync() =>
        Task.FromResult<IDeliveryStore>(new TableDeliveryStore(azurite.Clients, TimeProvider.System));
}

public sealed class InMemoryDeliveryStoreContractTests : DeliveryStoreContract
{
    protected override Task<IDeliveryStore> CreateAsync() => Task.FromResult<IDeliveryStore>(new InMemoryDeliveryStore());
}
