using System.Text;
using System.Text.Json;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Cli;

/// <summary>Operators keep the board registry with the CLI, on the same storage the service uses.</summary>
[Collection(StorageCollection.Name)]
public sealed class BoardsCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("besturen-").FullName;

    private Dictionary<string, string> Environment => new() { [StorageNames.Connection] = azurite.ConnectionString };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task BesturenImporteer_AddsTheSampleOnceAndChangesNothing_WhenImportedTwice()
    {
        var sample = Path.Combine(RepositoryRoot.Find(), "docs", "voorbeelden", "adressen-bevoegde-gezagen-vo.csv");

        var first = await CliProcess.RunAsync(Environment, "besturen", "importeer", sample, "--sector", "vo");
        var second = await CliProcess.RunAsync(Environment, "besturen", "importeer", sample, "--sector", "vo");

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.StartsWith("8 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 regel(s) afgekeurd.", first.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("0 toegevoegd, 0 bijgewerkt, 8 ongewijzigd", second.StandardOutput, StringComparison.Ordinal);
        var board = await new TableBoardStore(azurite.Clients).GetAsync(Bestuursnummer.Parse("10001"), CancellationToken.None);
        Assert.Equal([Sector.Vo], board!.Value.Sectors);
    }

    [Fact]
    public async Task BesturenImporteer_LandsTheGoodRowsAndNamesTheBadOnesByLine_WhenSomeRowsAreBad()
    {
        var file = Write("\uFEFF\"BEVOEGD GEZAG NUMMER\",\"BEVOEGD GEZAG NAAM\",\"E-MAILADRES\"\r\n\"10091\",\"Stichting Goed\",\"\"\r\n\"1009\",\"Stichting Kort\",\"\"\r\n");

        var result = await CliProcess.RunAsync(Environment, "besturen", "importeer", file, "--sector", "mbo");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("1 toegevoegd", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("regel 3:", result.StandardError, StringComparison.Ordinal);
        Assert.NotNull(await new TableBoardStore(azurite.Clients).GetAsync(Bestuursnummer.Parse("10091"), CancellationToken.None));
    }

    [Fact]
    public async Task BesturenContactpersoon_SetsShowsAndRecordsTheChange_WhenTheBoardIsKnown()
    {
        var file = Write("BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM\r\n10092;Stichting Contact\r\n");
        await CliProcess.RunAsync(Environment, "besturen", "importeer", file, "--sector", "mbo");

        var set = await CliProcess.RunAsync(Environment, "besturen", "contactpersoon", "10092", "--naam", "C. de Contact", "--emailadres", "c.decontact@voorbeeld.example", "--telefoonnummer", "010 123 45 67");
        var shown = await CliProcess.RunAsync(Environment, "besturen", "contactpersoon", "10092");
        var history = await CliProcess.RunAsync(Environment, "besturen", "historie", "10092");

        Assert.True(set.ExitCode == 0, set.StandardError);
        var view = JsonSerializer.Deserialize<ContactPersonsView>(shown.StandardOutput)!;
        Assert.Equal(("C. de Contact", "c.decontact@voorbeeld.example", "0101234567"), (view.Contactpersoon!.Naam, view.Contactpersoon.EmailAdres, view.Contactpersoon.Telefoonnummer));
        var lines = history.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("contactpersoon  door cli (", lines[0], StringComparison.Ordinal);
        Assert.Contains("(geen) -> C. de Contact, c.decontact@voorbeeld.example, 0101234567", lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10093", "--naam", "X", "--emailadres", "geen-adres")]
    [InlineData("1009a")]
    public async Task BesturenContactpersoon_ExitsWithUsageError_WhenInputIsInvalid(params string[] arguments)
    {
        var file = Write("BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM\r\n10093;Stichting Fout\r\n");
        await CliProcess.RunAsync(Environment, "besturen", "importeer", file, "--sector", "mbo");

        var result = await CliProcess.RunAsync(Environment, ["besturen", "contactpersoon", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.StandardError));
    }

    [Fact]
    public async Task BesturenSleutels_IssuesListsWithoutTheKeyAndRevokes_WhenTheBoardIsKnown()
    {
        await TestBoards.AddAsync(azurite.Clients, "10090", TimeSpan.FromDays(1));

        var issued = await CliProcess.RunAsync(Environment, "besturen", "sleutels", "10090", "--uitgeven");
        Assert.True(issued.ExitCode == 0, issued.StandardError);
        using var key = JsonDocument.Parse(issued.StandardOutput);
        var id = key.RootElement.GetProperty("SleutelId").GetString()!;
        var secret = key.RootElement.GetProperty("Sleutel").GetString()!.Split('.')[2];

        var listed = await CliProcess.RunAsync(Environment, "besturen", "sleutels", "10090");
        var revoked = await CliProcess.RunAsync(Environment, "besturen", "sleutels", "10090", "--intrekken", id);
        var again = await CliProcess.RunAsync(Environment, "besturen", "sleutels", "10090", "--intrekken", id);
        var unknown = await CliProcess.RunAsync(Environment, "besturen", "sleutels", "10090", "--intrekken", "onbekend23");
        var both = await CliProcess.RunAsync(Environment, "besturen", "sleutels", "10090", "--uitgeven", "--intrekken", id);

        Assert.Equal((0, 0, 0, 1, 2), (listed.ExitCode, revoked.ExitCode, again.ExitCode, unknown.ExitCode, both.ExitCode));
        Assert.Contains(id, listed.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("ingetrokken:", revoked.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("al ingetrokken:", again.StandardOutput, StringComparison.Ordinal);
        var stored = await new TableBoardKeyStore(azurite.Clients).GetAsync(Bestuursnummer.Parse("10090"), id, CancellationToken.None);
        Assert.NotNull(stored!.Value.RevokedAt);
    }

    [Fact]
    public async Task BesturenInstellen_SavesTheSettingsAndRecordsTheChange_WhenTheBoardIsKnown()
    {
        var file = Write("BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM\r\n10071;Stichting Instelling\r\n");
        await CliProcess.RunAsync(Environment, "besturen", "importeer", file, "--sector", "vo");

        var set = await CliProcess.RunAsync(Environment, "besturen", "instellen", "10071", "--deadline", "2027-06-15", "--koploper", "ja", "--statuut", "vastgesteld", "--statuut-datum", "2026-03-01");
        var history = await CliProcess.RunAsync(Environment, "besturen", "historie", "10071");

        Assert.True(set.ExitCode == 0, set.StandardError);
        Assert.Equal("opgeslagen: deadline: 2027-06-15; koploper: ja; statuut: vastgesteld op 2026-03-01", set.StandardOutput.Trim());
        var board = (await new TableBoardStore(azurite.Clients).GetAsync(Bestuursnummer.Parse("10071"), CancellationToken.None))!.Value;
        Assert.Equal(new BoardSettings(new DateOnly(2027, 6, 15), true, StatuutState.Vastgesteld, new DateOnly(2026, 3, 1)), board.Settings);
        var lines = history.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains($"{SetBoardSettings.Onderdeel}  door cli (", lines[0], StringComparison.Ordinal);
        Assert.Contains("deadline: die van de sector; koploper: nee; statuut: niet gestart -> deadline: 2027-06-15; koploper: ja; statuut: vastgesteld op 2026-03-01", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BesturenInstellen_RemovesTheOwnDeadlineAndKeepsTheRest_WhenDeadlineIsGeen()
    {
        var file = Write("BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM\r\n10075;Stichting Deadline\r\n");
        await CliProcess.RunAsync(Environment, "besturen", "importeer", file, "--sector", "po");
        await CliProcess.RunAsync(Environment, "besturen", "instellen", "10075", "--deadline", "2027-05-01", "--statuut", "in voorbereiding");

        var cleared = await CliProcess.RunAsync(Environment, "besturen", "instellen", "10075", "--deadline", "geen");
        var again = await CliProcess.RunAsync(Environment, "besturen", "instellen", "10075", "--deadline", "geen");

        Assert.True(cleared.ExitCode == 0, cleared.StandardError);
        Assert.Equal("opgeslagen: deadline: die van de sector; koploper: nee; statuut: in voorbereiding", cleared.StandardOutput.Trim());
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.StartsWith("ongewijzigd: ", again.StandardOutput, StringComparison.Ordinal);
        var board = (await new TableBoardStore(azurite.Clients).GetAsync(Bestuursnummer.Parse("10075"), CancellationToken.None))!.Value;
        Assert.Equal((null, StatuutState.InVoorbereiding), (board.DeadlineOverride, board.Statuut));
    }

    [Fact]
    public async Task BesturenInstellen_ExitsWithUsageErrorAndSavesNothing_WhenStatuutIsVastgesteldWithoutDate()
    {
        var file = Write("BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM\r\n10072;Stichting Statuut\r\n");
        await CliProcess.RunAsync(Environment, "besturen", "importeer", file, "--sector", "mbo");

        var result = await CliProcess.RunAsync(Environment, "besturen", "instellen", "10072", "--koploper", "ja", "--statuut", "vastgesteld");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Een vastgesteld professioneel statuut vraagt de datum van vaststelling.", result.StandardError, StringComparison.Ordinal);
        var board = (await new TableBoardStore(azurite.Clients).GetAsync(Bestuursnummer.Parse("10072"), CancellationToken.None))!.Value;
        Assert.Equal((false, StatuutState.NietGestart), (board.Koploper, board.Statuut));
    }

    [Fact]
    public async Task BesturenInstellen_ExitsWithOne_WhenTheBoardIsUnknown()
    {
        var result = await CliProcess.RunAsync(Environment, "besturen", "instellen", "10073", "--koploper", "ja");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Bestuur 10073 is onbekend.", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ongeldige deadline 'morgen'", "10071", "--deadline", "morgen")]
    [InlineData("Ongeldige waarde 'misschien' bij --koploper", "10071", "--koploper", "misschien")]
    [InlineData("Ongeldig statuut 'klaar'", "10071", "--statuut", "klaar")]
    [InlineData("Ongeldige datum '1-3-2026' bij --statuut-datum", "10071", "--statuut-datum", "1-3-2026")]
    [InlineData("Geef ten minste één van", "10071")]
    [InlineData("Een bestuursnummer bestaat uit 5 cijfers.", "1007", "--koploper", "ja")]
    public async Task BesturenInstellen_ExitsWithUsageError_WhenAnOptionIsInvalidOrMissing(string error, params string[] arguments)
    {
        var result = await CliProcess.RunAsync(Environment, ["besturen", "instellen", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(error, result.StandardError, StringComparison.Ordinal);
    }

    private string Write(string content)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
