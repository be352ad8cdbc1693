using System.Globalization;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="IReminderStore"/> promises, against the table adapter on Azurite and against the fake.</summary>
public abstract class ReminderStoreContract : IAsyncLifetime
{
    private IReminderStore Reminders { get; set; } = null!;

    public async Task InitializeAsync() => Reminders = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAddAsync_KeepsEveryField_WhenRecordIsNew()
    {
        var record = Record(ContractData.RandomBoard(), ReminderRule.NoContactPerson);

        var added = await Reminders.TryAddAsync(record, CancellationToken.None);

        Assert.NotNull(added);
        Assert.False(string.IsNullOrEmpty(added.Version));
        Assert.Equal(record, added.Value);
        Assert.Equal(added, await GetAsync(record));
    }

    [Fact]
    public async Task TryAddAsync_ReturnsNullAndKeepsFirst_WhenRecordExists()
    {
        var record = Record(ContractData.RandomBoard(), ReminderRule.NoDelivery);
        var added = await AddAsync(record);

        var again = await Reminders.TryAddAsync(record with { Count = 9, Period = "2028-08-01" }, CancellationToken.None);

        Assert.Null(again);
        Assert.Equal(added, await GetAsync(record));
    }

    [Fact]
    public async Task TryReplaceAsync_WritesAndReturnsNewVersion_WhenVersionIsCurrent()
    {
        var added = await AddAsync(Record(ContractData.RandomBoard(), ReminderRule.OpenErrors));
        var next = added.Value with { Count = 2, LastSentOn = added.Value.LastSentOn.AddDays(7) };

        var replaced = await Reminders.TryReplaceAsync(added, next, CancellationToken.None);

        Assert.NotNull(replaced);
        Assert.NotEqual(added.Version, replaced.Version);
        Assert.Equal(next, replaced.Value);
        Assert.Equal(replaced, await GetAsync(next));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndChangesNothing_WhenVersionIsStale()
    {
        var added = await AddAsync(Record(ContractData.RandomBoard(), ReminderRule.Statuut));
        var replaced = await Reminders.TryReplaceAsync(added, added.Value with { Count = 2 }, CancellationToken.None);

        var late = await Reminders.TryReplaceAsync(added, added.Value with { Count = 3 }, CancellationToken.None);

        Assert.Null(late);
        Assert.Equal(replaced, await GetAsync(added.Value));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndAddsNothing_WhenRecordDoesNotExist()
    {
        var board = ContractData.RandomBoard();
        var other = await AddAsync(Record(board, ReminderRule.NoContactPerson));
        var missing = Record(board, ReminderRule.NoDelivery);

        var replaced = await Reminders.TryReplaceAsync(other with { Value = missing }, missing, CancellationToken.None);

        Assert.Null(replaced);
        Assert.Null(await GetAsync(missing));
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_WhenNothingWasSent() =>
        Assert.Null(await GetAsync(Record(ContractData.RandomBoard(), ReminderRule.OpenErrors)));

    [Fact]
    public async Task GetAsync_ReturnsTheRecordOfThatRule_WhenTheBoardHasSeveral()
    {
        var board = ContractData.RandomBoard();
        var noDelivery = await AddAsync(Record(board, ReminderRule.NoDelivery));
        var statuut = await AddAsync(Record(board, ReminderRule.Statuut) with { Period = "2027-01-01", Count = 1 });

        Assert.Equal(noDelivery, await Reminders.GetAsync(board, ReminderRule.NoDelivery, CancellationToken.None));
        Assert.Equal(statuut, await Reminders.GetAsync(board, ReminderRule.Statuut, CancellationToken.None));
        Assert.Null(await Reminders.GetAsync(board, ReminderRule.OpenErrors, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_ListsEveryRecordWithItsVersion_WhenBoardsHaveRecords()
    {
        var board = ContractData.RandomBoard();
        var other = Next(board);
        var added = new[]
        {
            await AddAsync(Record(board, ReminderRule.NoContactPerson)),
            await AddAsync(Record(board, ReminderRule.OpenErrors) with { Period = "10053-0123456789abcdef01234567" }),
            await AddAsync(Record(other, ReminderRule.NoDelivery)),
        };
        var replaced = await Reminders.TryReplaceAsync(added[0], added[0].Value with { Count = 4 }, CancellationToken.None);

        var listed = await Reminders.ListAsync(CancellationToken.None)
            .Where(r => r.Value.Bestuursnummer == board || r.Value.Bestuursnummer == other)
            .ToListAsync();

        Assert.Equal(new[] { replaced!, added[1], added[2] }.OrderBy(Order), listed.OrderBy(Order));
    }

    [Fact]
    public async Task GetLastRunAsync_ReturnsTheRunSavedLastWithEveryField_WhenRunsWereSaved()
    {
        await Reminders.SaveLastRunAsync(Run(new DateOnly(2027, 3, 1), due: 500), CancellationToken.None);
        var latest = Run(new DateOnly(2027, 3, 2), due: 7);

        await Reminders.SaveLastRunAsync(latest, CancellationToken.None);
        var read = await Reminders.GetLastRunAsync(CancellationToken.None);

        Assert.Equivalent(latest, read, strict: true);
        // The summary is no record: a listing of every record still reads records only.
        Assert.DoesNotContain(await Reminders.ListAsync(CancellationToken.None).ToListAsync(), r => r.Value.Period == "laatste");
    }

    protected abstract Task<IReminderStore> CreateAsync();

    /// <summary>A run summary with every field set to something that is not its default.</summary>
    private static ReminderRunSummary Run(DateOnly date, int due) => new(
        date,
        ContractData.Moment,
        due,
        due - 3,
        1,
        1,
        1,
        new Dictionary<ReminderRule, int>
        {
            [ReminderRule.NoContactPerson] = 2,
            [ReminderRule.NoDelivery] = due - 4,
            [ReminderRule.OpenErrors] = 1,
            [ReminderRule.Statuut] = 1,
        },
        [new DeadlineStanding(new DateOnly(2027, 6, 15), 3000, 1200), new DeadlineStanding(new DateOnly(2027, 8, 1), 7000, 2500)]);

    /// <summary>A record with every field set to something that is not its default.</summary>
    private static ReminderRecord Record(Bestuursnummer board, ReminderRule rule) => new(board, rule, "2027-08-01", 3, new DateOnly(2027, 7, 25));

    /// <summary>The board after <paramref name="board"/>: a second board of the test, never the same as the first.</summary>
    private static Bestuursnummer Next(Bestuursnummer board) =>
        Bestuursnummer.Parse(((int.Parse(board.Value, CultureInfo.InvariantCulture) % 99999) + 1).ToString("D5", CultureInfo.InvariantCulture));

    private static string Order(Stored<ReminderRecord> record) => $"{record.Value.Bestuursnummer.Value}-{record.Value.Rule.ToContract()}";

    private async Task<Stored<ReminderRecord>> AddAsync(ReminderRecord record) =>
        await Reminders.TryAddAsync(record, CancellationToken.None) ?? throw new InvalidOperationException($"A record of {record.Bestuursnummer} and {record.Rule} exists.");

    private Task<Stored<ReminderRecord>?> GetAsync(ReminderRecord record) => Reminders.GetAsync(record.Bestuursnummer, record.Rule, CancellationToken.None);
}

[Collection(StorageCollection.Name)]
public sealed class TableReminderStoreContractTests(AzuriteFixture azurite) : ReminderStoreContract
{
    protected override Task<IReminderStore> CreateAsync() => Task.FromResult<IReminderStore>(new TableReminderStore(azurite.Clients));
}

public sealed class InMemoryReminderStoreContractTests : ReminderStoreContract
{
    protected override Task<IReminderStore> CreateAsync() => Task.FromResult<IReminderStore>(new InMemoryReminderStore());
}
