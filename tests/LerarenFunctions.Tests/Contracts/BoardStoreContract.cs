using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>What every <see cref="IBoardStore"/> promises, against the table adapter on Azurite and against the fake.</summary>
public abstract class BoardStoreContract : IAsyncLifetime
{
    private IBoardStore Boards { get; set; } = null!;

    public async Task InitializeAsync() => Boards = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAddAsync_KeepsEveryField_WhenBoardIsNew()
    {
        var board = FullBoard(ContractData.RandomBoard());

        var added = await Boards.TryAddAsync(board, Change(board, "toegevoegd"), CancellationToken.None);

        Assert.NotNull(added);
        var stored = await Boards.GetAsync(board.Bestuursnummer, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(added.Version, stored.Version);
        Assert.Equivalent(board, stored.Value, strict: true);
    }

    [Fact]
    public async Task TryAddAsync_ReturnsNullAndWritesNoHistory_WhenBoardExists()
    {
        var board = FullBoard(ContractData.RandomBoard());
        await Boards.TryAddAsync(board, Change(board, "eerste"), CancellationToken.None);

        var again = await Boards.TryAddAsync(board with { Naam = "Ander bestuur" }, Change(board, "tweede"), CancellationToken.None);

        Assert.Null(again);
        Assert.Equal(board.Naam, (await Boards.GetAsync(board.Bestuursnummer, CancellationToken.None))!.Value.Naam);
        Assert.Equal(["eerste"], await HistoryAsync(board.Bestuursnummer));
    }

    [Fact]
    public async Task TryReplaceAsync_ReturnsNullAndWritesNoHistory_WhenBoardChangedSinceRead()
    {
        var board = FullBoard(ContractData.RandomBoard());
        var first = (await Boards.TryAddAsync(board, Change(board, "eerste"), CancellationToken.None))!;
        await Boards.TryReplaceAsync(first, board with { Naam = "Tussendoor" }, Change(board, "tussendoor", ContractData.Moment.AddMinutes(1)), CancellationToken.None);

        var late = await Boards.TryReplaceAsync(first, board with { Naam = "Te laat" }, Change(board, "te laat", ContractData.Moment.AddMinutes(2)), CancellationToken.None);

        Assert.Null(late);
        Assert.Equal("Tussendoor", (await Boards.GetAsync(board.Bestuursnummer, CancellationToken.None))!.Value.Naam);
        Assert.Equal(["tussendoor", "eerste"], await HistoryAsync(board.Bestuursnummer));
    }

    [Fact]
    public async Task ListHistoryAsync_ListsOnlyThatBoardNewestFirst_WhenBoardsChanged()
    {
        var board = FullBoard(ContractData.RandomBoard());
        var other = FullBoard(Next(board.Bestuursnummer));
        var stored = (await Boards.TryAddAsync(board, Change(board, "1"), CancellationToken.None))!;
        await Boards.TryAddAsync(other, Change(other, "ander"), CancellationToken.None);
        for (var i = 2; i <= 3; i++)
        {
            stored = (await Boards.TryReplaceAsync(stored, stored.Value with { Naam = $"Naam {i}" }, Change(board, $"{i}", ContractData.Moment.AddMinutes(i)), CancellationToken.None))!;
        }

        Assert.Equal(["3", "2", "1"], await HistoryAsync(board.Bestuursnummer));
        var history = await Boards.ListHistoryAsync(board.Bestuursnummer, CancellationToken.None).ToListAsync();
        Assert.Equal(Change(board, "3", ContractData.Moment.AddMinutes(3)), history[0]);
    }

    [Fact]
    public async Task ListAsync_ListsBoardsNotTheirHistory_WhenBoardsHaveHistory()
    {
        var board = FullBoard(ContractData.RandomBoard());
        var stored = (await Boards.TryAddAsync(board, Change(board, "1"), CancellationToken.None))!;
        var written = (await Boards.TryReplaceAsync(stored, board with { Naam = "Nieuw" }, Change(board, "2"), CancellationToken.None))!;

        var listed = await Boards.ListAsync(CancellationToken.None).ToListAsync();

        var mine = Assert.Single(listed, b => b.Value.Bestuursnummer == board.Bestuursnummer);
        Assert.Equal(written.Version, mine.Version);
        Assert.Equal("Nieuw", mine.Value.Naam);
    }

    [Fact]
    public async Task ListWithoutContactPersonAsync_ListsTheBoardAsWrittenUntilItGetsOne_WhenAddedWithout()
    {
        var board = WithoutContact(ContractData.RandomBoard());
        var added = (await Boards.TryAddAsync(board, Change(board, "1", ContractData.Moment.AddMinutes(1)), CancellationToken.None))!;
        var listedAdded = await WithoutContactAsync(board.Bestuursnummer);
        var renamed = (await Boards.TryReplaceAsync(added, board with { Naam = "Nieuw" }, Change(board, "2", ContractData.Moment.AddMinutes(2)), CancellationToken.None))!;
        var listedRenamed = await WithoutContactAsync(board.Bestuursnummer);

        var named = await Boards.TryReplaceAsync(renamed, WithContact(renamed.Value), Change(board, "3", ContractData.Moment.AddMinutes(3)), CancellationToken.None);

        Assert.Equivalent(board, listedAdded, strict: true);
        Assert.Equal("Nieuw", listedRenamed?.Naam);
        Assert.NotNull(named);
        Assert.Null(await WithoutContactAsync(board.Bestuursnummer));
        Assert.Equal(["3", "2", "1"], await HistoryAsync(board.Bestuursnummer));
    }

    [Fact]
    public async Task ListWithoutContactPersonAsync_NeverListsTheBoard_WhenItHasAContactPerson()
    {
        var board = FullBoard(ContractData.RandomBoard());
        var added = (await Boards.TryAddAsync(board, Change(board, "1"), CancellationToken.None))!;

        await Boards.TryReplaceAsync(added, board with { Naam = "Nieuw" }, Change(board, "2"), CancellationToken.None);

        Assert.Null(await WithoutContactAsync(board.Bestuursnummer));
    }

    [Fact]
    public async Task ListWithoutContactPersonAsync_KeepsTheIndexAsItWas_WhenAWriteLosesItsCondition()
    {
        var board = WithoutContact(ContractData.RandomBoard());
        var added = (await Boards.TryAddAsync(board, Change(board, "1"), CancellationToken.None))!;
        await Boards.TryReplaceAsync(added, board with { Naam = "Tussendoor" }, Change(board, "2"), CancellationToken.None);

        var late = await Boards.TryReplaceAsync(added, WithContact(board), Change(board, "te laat"), CancellationToken.None);
        var again = await Boards.TryAddAsync(WithContact(board), Change(board, "dubbel"), CancellationToken.None);

        Assert.Null(late);
        Assert.Null(again);
        Assert.Equal("Tussendoor", (await WithoutContactAsync(board.Bestuursnummer))?.Naam);
    }

    [Fact]
    public async Task ListWithoutContactPersonAsync_ListsInOrderOfBestuursnummer_WhenSeveralHaveNone()
    {
        var first = WithoutContact(ContractData.RandomBoard());
        var second = WithoutContact(Next(first.Bestuursnummer));
        await Boards.TryAddAsync(second, Change(second, "1"), CancellationToken.None);
        await Boards.TryAddAsync(first, Change(first, "1"), CancellationToken.None);

        var mine = await Boards.ListWithoutContactPersonAsync(CancellationToken.None)
            .Where(b => b.Bestuursnummer == first.Bestuursnummer || b.Bestuursnummer == second.Bestuursnummer)
            .Select(b => b.Bestuursnummer.Value)
            .ToListAsync();

        Assert.Equal(new[] { first.Bestuursnummer.Value, second.Bestuursnummer.Value }.Order(StringComparer.Ordinal), mine);
    }

    [Fact]
    public async Task ListHistoryBeforeAsync_ListsEntriesUpToTheCutoffSecondAndDeleteHistoryRemovesOnlyThatEntry_WhenMadeAroundIt()
    {
        // Long ago: no other entry in the shared storage was made then.
        var cutoff = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var board = WithoutContact(ContractData.RandomBoard());
        var stored = (await Boards.TryAddAsync(board, Change(board, "1", cutoff.AddMinutes(-1)), CancellationToken.None))!;
        stored = (await Boards.TryReplaceAsync(stored, board with { Naam = "Twee" }, Change(board, "2", cutoff.AddMilliseconds(900)), CancellationToken.None))!;
        await Boards.TryReplaceAsync(stored, board with { Naam = "Drie" }, Change(board, "3", cutoff.AddSeconds(1)), CancellationToken.None);

        var listed = await Boards.ListHistoryBeforeAsync(cutoff, CancellationToken.None).Where(e => e.Bestuursnummer == board.Bestuursnummer).ToListAsync();
        await Boards.DeleteHistoryAsync(listed[0], CancellationToken.None);
        await Boards.DeleteHistoryAsync(listed[0], CancellationToken.None);

        Assert.Equal([cutoff.AddMinutes(-1), cutoff], listed.Select(e => e.At));
        Assert.Equal(["3", "2"], await HistoryAsync(board.Bestuursnummer));
        Assert.Equal("Drie", (await Boards.GetAsync(board.Bestuursnummer, CancellationToken.None))!.Value.Naam);
        Assert.Equal([cutoff], await Boards.ListHistoryBeforeAsync(cutoff, CancellationToken.None).Where(e => e.Bestuursnummer == board.Bestuursnummer).Select(e => e.At).ToListAsync());
    }

    protected abstract Task<IBoardStore> CreateAsync();

    /// <summary>A board of the index: every other property set, no contact person.</summary>
    protected static Board WithoutContact(Bestuursnummer bestuursnummer) =>
        FullBoard(bestuursnummer) with { Contactpersoon = null, Plaatsvervanger = null, ContactpersoonSince = null };

    protected static Board WithContact(Board board) => board with
    {
        Contactpersoon = new ContactPerson("C. Jansen", null, Email("c.jansen@voorbeeld.example"), null),
        ContactpersoonSince = ContractData.Moment,
    };

    protected static BoardChange Change(Board board, string nieuw, DateTimeOffset? at = null) =>
        new(board.Bestuursnummer, at ?? ContractData.PreciseMoment, "test", BoardChange.Bestuur, "oud", nieuw);

    private Task<Board?> WithoutContactAsync(Bestuursnummer bestuursnummer) =>
        Boards.ListWithoutContactPersonAsync(CancellationToken.None).FirstOrDefaultAsync(b => b.Bestuursnummer == bestuursnummer).AsTask();

    private async Task<List<string?>> HistoryAsync(Bestuursnummer bestuursnummer) =>
        [.. (await Boards.ListHistoryAsync(bestuursnummer, CancellationToken.None).ToListAsync()).Select(c => c.Nieuw)];

    private static Bestuursnummer Next(Bestuursnummer b) => Bestuursnummer.Parse(((int.Parse(b.Value, System.Globalization.CultureInfo.InvariantCulture) % 99999) + 1).ToString("D5", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A board with every property set to something that is not its default.</summary>
    private static Board FullBoard(Bestuursnummer bestuursnummer) => new()
    {
        Bestuursnummer = bestuursnummer,
        Naam = "Stichting Voorbeeldonderwijs Zuid",
        Plaatsnaam = "Voorbeeldstad",
        EmailAdres = Email("info@voorbeeld.example"),
        Telefoonnummer = Phone("010-1234567"),
        Sectors = [Sector.Po, Sector.Vo],
        Status = BoardStatus.Opgeheven,
        MissingFrom = [Sector.Vo],
        DeadlineOverride = new DateOnly(2027, 3, 31),
        Koploper = true,
        Statuut = StatuutState.Vastgesteld,
        StatuutDatum = new DateOnly(2026, 5, 1),
        ImportedAt = ContractData.PreciseMoment.AddDays(-30),
        ChangedAt = ContractData.PreciseMoment,
        ContactpersoonSince = ContractData.PreciseMoment.AddDays(-1),
        Contactpersoon = new ContactPerson("A. de Vries", "Hoofd P&O", Email("a.devries@voorbeeld.example"), Phone("+31 70 123 4567")),
        Plaatsvervanger = new ContactPerson("B. Jansen", null, Email("b.jansen@voorbeeld.example"), null),
    };

    private static EmailAddress Email(string text) => EmailAddress.TryParse(text, out var e) ? e : throw new ArgumentException(text);

    private static PhoneNumber Phone(string text) => PhoneNumber.TryParse(text, out var p) ? p : throw new ArgumentException(text);
}

[Collection(StorageCollection.Name)]
public sealed class TableBoardStoreContractTests(AzuriteFixture azurite) : BoardStoreContract
{
    [Fact]
    public async Task TryReplaceAsync_GivesAContactPerson_WhenTheBoardWasWrittenBeforeTheIndex()
    {
        var store = new TableBoardStore(azurite.Clients);
        var board = WithoutContact(ContractData.RandomBoard());
        var added = (await store.TryAddAsync(board, Change(board, "1"), CancellationToken.None))!;
        // As a board row written before the index existed: no index row.
        await azurite.Clients.Tables.GetTableClient(StorageNames.BoardsTable)
            .DeleteEntityAsync("besturen", "zonder-contactpersoon-" + board.Bestuursnummer.Value, Azure.ETag.All);

        var named = await store.TryReplaceAsync(added, WithContact(board), Change(board, "2"), CancellationToken.None);

        Assert.NotNull(named);
        Assert.NotNull((await store.GetAsync(board.Bestuursnummer, CancellationToken.None))?.Value.Contactpersoon);
        Assert.Equal(2, await store.ListHistoryAsync(board.Bestuursnummer, CancellationToken.None).CountAsync());
    }

    protected override Task<IBoardStore> CreateAsync() => Task.FromResult<IBoardStore>(new TableBoardStore(azurite.Clients));
}

public sealed class InMemoryBoardStoreContractTests : BoardStoreContract
{
    protected override Task<IBoardStore> CreateAsync() => Task.FromResult<IBoardStore>(new InMemoryBoardStore());
}
