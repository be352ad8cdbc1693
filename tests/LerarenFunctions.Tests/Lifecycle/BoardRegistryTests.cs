using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Fakes;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>The board registry's rules: imports that never duplicate or delete, contact persons with their history.</summary>
public sealed class BoardRegistryTests : IDisposable
{
    private const string Header = "BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM;PLAATSNAAM;TELEFOONNUMMER;E-MAILADRES";

    private static readonly Bestuursnummer Noord = Bestuursnummer.Parse("10001");
    private static readonly Bestuursnummer Zuid = Bestuursnummer.Parse("10002");

    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task ImportBoards_AddsEachBoardOnce_WhenTheSameFileIsImportedTwice()
    {
        var file = await ReadAsync("10001;Stichting Noord;Noordstad;050-1234567;info@noord.example", "10002;Stichting Zuid;Zuidstad;;");

        var first = await ImportAsync(file);
        var second = await ImportAsync(file);

        Assert.Equal((2, 0, 0), (first.Toegevoegd, first.Bijgewerkt, first.Ongewijzigd));
        Assert.Equal((0, 0, 2), (second.Toegevoegd, second.Bijgewerkt, second.Ongewijzigd));
        Assert.Equal(2, await _core.Boards.ListAsync(CancellationToken.None).CountAsync());
        Assert.Single(await HistoryAsync(Noord));
        var noord = (await _core.Boards.GetAsync(Noord, CancellationToken.None))!.Value;
        Assert.Equal(("Stichting Noord", "info@noord.example", "0501234567", _core.Time.GetUtcNow()), (noord.Naam, noord.EmailAdres?.Value, noord.Telefoonnummer?.Value, noord.ImportedAt));
    }

    [Fact]
    public async Task ImportBoards_UpdatesDuoDataAndKeepsTheEmailAddress_WhenANewFileHasNone()
    {
        await ImportAsync(await ReadAsync("10001;Stichting Noord;Noordstad;;info@noord.example"));
        var importedAt = _core.Time.GetUtcNow();
        _core.Time.Advance(TimeSpan.FromDays(30));

        var report = await ImportAsync(await ReadAsync("10001;Stichting Noord-Oost;Noordstad;;"));

        Assert.Equal(1, report.Bijgewerkt);
        var noord = (await _core.Boards.GetAsync(Noord, CancellationToken.None))!.Value;
        Assert.Equal(("Stichting Noord-Oost", "info@noord.example", importedAt), (noord.Naam, noord.EmailAdres?.Value, noord.ImportedAt));
        var change = (await HistoryAsync(Noord))[0];
        Assert.Equal((BoardChange.Bestuur, "cli:test"), (change.Onderdeel, change.Door));
        Assert.Contains("Stichting Noord,", change.Oud, StringComparison.Ordinal);
        Assert.Contains("Stichting Noord-Oost", change.Nieuw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportBoards_FlagsAMissingBoardWithoutDeletingIt_WhenTheNewFileLacksIt()
    {
        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;", "10002;Stichting Zuid;;;"));

        var flagged = await ImportAsync(await ReadAsync("10001;Stichting Noord;;;"));
        var zuid = (await _core.Boards.GetAsync(Zuid, CancellationToken.None))!.Value;
        Assert.Equal(["10002"], flagged.Ontbrekend);
        Assert.Equal(BoardStatus.Actief, zuid.Status);
        Assert.Equal([Sector.Vo], zuid.MissingFrom);

        var marked = await ImportAsync(await ReadAsync("10001;Stichting Noord;;;"), markOpgeheven: true);
        Assert.Equal(1, marked.OpgehevenGemarkeerd);
        Assert.Equal(BoardStatus.Opgeheven, (await _core.Boards.GetAsync(Zuid, CancellationToken.None))!.Value.Status);

        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;", "10002;Stichting Zuid;;;"));
        zuid = (await _core.Boards.GetAsync(Zuid, CancellationToken.None))!.Value;
        Assert.Equal((BoardStatus.Actief, 0), (zuid.Status, zuid.MissingFrom.Count));
    }

    [Fact]
    public async Task ImportBoards_StaysOpgehevenOnlyWhenMissingFromEverySector_WhenTheBoardHasTwoSectors()
    {
        await ImportAsync(await ReadAsync("10002;Stichting Zuid;;;"), Sector.Po);
        await ImportAsync(await ReadAsync("10002;Stichting Zuid;;;"), Sector.Vo);

        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;"), Sector.Vo, markOpgeheven: true);

        var zuid = (await _core.Boards.GetAsync(Zuid, CancellationToken.None))!.Value;
        Assert.Equal(BoardStatus.Actief, zuid.Status);
        Assert.Equal([Sector.Po, Sector.Vo], zuid.Sectors);
        Assert.Equal([Sector.Vo], zuid.MissingFrom);
    }

    [Fact]
    public async Task ImportBoards_LandsTheGoodRowsAndReportsTheBadOnes_WhenSomeRowsAreBad()
    {
        var report = await ImportAsync(await ReadAsync("10001;Stichting Noord;;;", "1002;Stichting Kort;;;", "10002;Stichting Zuid;;;geen-adres"));

        Assert.Equal(1, report.Toegevoegd);
        Assert.Equal([3, 4], report.Fouten.Select(f => f.Line));
        Assert.NotNull(await _core.Boards.GetAsync(Noord, CancellationToken.None));
        Assert.Null(await _core.Boards.GetAsync(Zuid, CancellationToken.None));
    }

    [Fact]
    public async Task SetContactPerson_SavesItWithHistory_WhenTheBoardIsKnown()
    {
        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;"));

        var result = await SetAsync(Noord, Person("A. de Vries", "a.devries@noord.example", "06-12345678"), "beheerder");

        Assert.Equal(ContactPersonOutcome.Saved, result.Outcome);
        Assert.Equal(("A. de Vries", "a.devries@noord.example", "0612345678", _core.Time.GetUtcNow()),
            (result.View!.Contactpersoon!.Naam, result.View.Contactpersoon.EmailAdres, result.View.Contactpersoon.Telefoonnummer, result.View.Sinds));
        var change = (await HistoryAsync(Noord))[0];
        Assert.Equal((BoardChange.Contactpersoon, "beheerder", null), (change.Onderdeel, change.Door, change.Oud));
        Assert.Equal("A. de Vries, a.devries@noord.example, 0612345678", change.Nieuw);
    }

    [Fact]
    public async Task SetContactPerson_KeepsThePreviousInTheHistory_WhenReplacedAndWritesNothing_WhenUnchanged()
    {
        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;"));
        await SetAsync(Noord, Person("A. de Vries", "a.devries@noord.example"), "eerste");
        _core.Time.Advance(TimeSpan.FromDays(1));

        var replaced = await SetAsync(Noord, Person("B. Jansen", "b.jansen@noord.example"), "tweede", Person("A. de Vries", "a.devries@noord.example"));
        var again = await SetAsync(Noord, Person("B. Jansen", "b.jansen@noord.example"), "derde", Person("A. de Vries", "a.devries@noord.example"));

        Assert.Equal((ContactPersonOutcome.Saved, ContactPersonOutcome.Unchanged), (replaced.Outcome, again.Outcome));
        Assert.Equal("A. de Vries", again.View!.Plaatsvervanger!.Naam);
        var history = await HistoryAsync(Noord);
        Assert.Equal(["tweede", "eerste", "cli:test"], history.Select(c => c.Door));
        Assert.Equal("A. de Vries, a.devries@noord.example", history[0].Oud);
        Assert.Equal("B. Jansen, b.jansen@noord.example; plaatsvervanger: A. de Vries, a.devries@noord.example", history[0].Nieuw);
    }

    [Fact]
    public async Task SetContactPerson_NamesEveryInvalidField_WhenInputIsInvalid()
    {
        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;"));

        var result = await SetAsync(Noord, new ContactPersonInput(" ", null, "geen-adres", "12345"), "beheerder", new ContactPersonInput("P. Vervanger", null, null, null));

        Assert.Equal(ContactPersonOutcome.Invalid, result.Outcome);
        Assert.Equal(["naam", "emailadres", "telefoonnummer", "plaatsvervanger.emailadres"], result.Errors.Select(e => e.Veld));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Melding)));
        Assert.Single(await HistoryAsync(Noord));
    }

    [Fact]
    public async Task SetContactPerson_Refuses_WhenTheBoardIsUnknownOrOpgeheven()
    {
        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;", "10002;Stichting Zuid;;;"));
        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;"), markOpgeheven: true);

        var unknown = await SetAsync(Bestuursnummer.Parse("10999"), Person("A. de Vries", "a@noord.example"), "beheerder");
        var opgeheven = await SetAsync(Zuid, Person("A. de Vries", "a@zuid.example"), "beheerder");

        Assert.Equal((ContactPersonOutcome.UnknownBoard, ContactPersonOutcome.BoardOpgeheven), (unknown.Outcome, opgeheven.Outcome));
        Assert.Null((await _core.Boards.GetAsync(Zuid, CancellationToken.None))!.Value.Contactpersoon);
    }

    [Fact]
    public async Task SetContactPerson_ReadsAgainAndSaves_WhenAnotherWriterChangedTheBoardMeanwhile()
    {
        await ImportAsync(await ReadAsync("10001;Stichting Noord;;;"));
        _core.Boards.Conflicts.Next = 2;

        var result = await SetAsync(Noord, Person("A. de Vries", "a@noord.example"), "beheerder");

        Assert.Equal((ContactPersonOutcome.Saved, 2), (result.Outcome, _core.Boards.Conflicts.Refused));
        Assert.Equal(2, (await HistoryAsync(Noord)).Count);
    }

    [Fact]
    public void Deadline_IsTheBoardsOwnOrTheEarliestOfItsSectors_WhenSet()
    {
        var board = new Board { Bestuursnummer = Noord, Naam = "Stichting Noord", Sectors = [Sector.Po, Sector.Vo], ImportedAt = default, ChangedAt = default };
        var deadlines = new Dictionary<Sector, DateOnly> { [Sector.Po] = new(2027, 8, 1), [Sector.Vo] = new(2027, 3, 31) };

        Assert.Equal(new DateOnly(2027, 3, 31), board.Deadline(deadlines));
        Assert.Equal(new DateOnly(2027, 1, 15), (board with { DeadlineOverride = new(2027, 1, 15) }).Deadline(deadlines));
        Assert.Null((board with { Sectors = [Sector.Mbo] }).Deadline(deadlines));
    }

    private static ContactPersonInput Person(string naam, string email, string? phone = null) => new(naam, null, email, phone);

    private Task<ContactPersonResult> SetAsync(Bestuursnummer board, ContactPersonInput primary, string door, ContactPersonInput? deputy = null) =>
        _core.Get<SetContactPerson>().HandleAsync(board, primary, deputy, door, CancellationToken.None);

    private Task<BoardImportReport> ImportAsync(BoardFile file, Sector sector = Sector.Vo, bool markOpgeheven = false) =>
        _core.Get<ImportBoards>().HandleAsync(file, sector, markOpgeheven, "cli:test", CancellationToken.None);

    private async Task<List<BoardChange>> HistoryAsync(Bestuursnummer board) => await _core.Boards.ListHistoryAsync(board, CancellationToken.None).ToListAsync();

    private static async Task<BoardFile> ReadAsync(params string[] rows)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Prepend(Header)) + "\r\n"));
        return await DuoBoardFile.ReadAsync(stream, CancellationToken.None);
    }
}
