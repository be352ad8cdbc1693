using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Cli;

/// <summary>Operators see with the CLI which reminders the timer would send, on the same storage the service uses.</summary>
[Collection(StorageCollection.Name)]
public sealed class RemindersCommandTests(AzuriteFixture azurite)
{
    private Dictionary<string, string> Environment => new() { [StorageNames.Connection] = azurite.ConnectionString };

    [Fact]
    public async Task HerinneringenProef_ListsAGeenContactpersoonLineAndSendsNothing_WhenABoardHasBeenWithoutContactPersonLongEnough()
    {
        const string board = "10074";
        await TestBoards.AddAsync(azurite.Clients, board, TimeSpan.FromDays(30));

        var result = await CliProcess.RunAsync(Environment, "herinneringen", "proef");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var line = Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.StartsWith(board, StringComparison.Ordinal));
        Assert.Equal(
            $"{board}  Stichting Herinnering {board}  geen-contactpersoon  nummer 1  escalatie nee  aan {TestBoards.Address(board).Value}  onderwerp: Herinnering: geef een contactpersoon op voor het lerarenregister",
            line);
        Assert.Null(await new TableOutboxStore(azurite.Clients, TimeProvider.System).GetAsync($"{board}-herinnering-geen-contactpersoon-{DueReminders.InvitationPeriod}-1", CancellationToken.None));
        Assert.Null(await new TableReminderStore(azurite.Clients).GetAsync(Bestuursnummer.Parse(board), ReminderRule.NoContactPerson, CancellationToken.None));
    }

    [Fact]
    public async Task HerinneringenProef_SaysThereAreNone_WhenNothingIsDueOnTheDay()
    {
        // Every board here was imported after this day, and no deadline is this near.
        var result = await CliProcess.RunAsync(Environment, "herinneringen", "proef", "--datum", "2000-01-03");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("geen herinneringen op 2000-01-03", result.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("1-9-2026")]
    [InlineData("morgen")]
    public async Task HerinneringenProef_ExitsWithUsageError_WhenTheDateIsNotJjjjMmDd(string datum)
    {
        var result = await CliProcess.RunAsync(Environment, "herinneringen", "proef", "--datum", datum);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Ongeldige datum '{datum}' bij --datum", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput);
    }
}
