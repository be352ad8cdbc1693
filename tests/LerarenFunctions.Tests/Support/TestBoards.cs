using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;

namespace LerarenFunctions.Tests.Support;

/// <summary>Boards written straight into the registry, for tests that need one imported some time ago.</summary>
public static class TestBoards
{
    /// <summary>An active vo board without a contact person, imported <paramref name="importedAgo"/> ago, with an address of its own; the one there when it exists.</summary>
    public static async Task<Board> AddAsync(StorageClients clients, string bestuursnummer, TimeSpan importedAgo)
    {
        var importedAt = DateTimeOffset.UtcNow - importedAgo;
        var board = new Board
        {
            Bestuursnummer = Bestuursnummer.Parse(bestuursnummer),
            Naam = $"Stichting Herinnering {bestuursnummer}",
            EmailAdres = Address(bestuursnummer),
            Sectors = [Sector.Vo],
            ImportedAt = importedAt,
            ChangedAt = importedAt,
        };
        var store = new TableBoardStore(clients);
        // Each test of a class adds its board; the first one's stays.
        var added = await store.TryAddAsync(board, new BoardChange(board.Bestuursnummer, importedAt, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None)
            ?? await store.GetAsync(board.Bestuursnummer, CancellationToken.None);
        return added?.Value ?? throw new InvalidOperationException($"Board {bestuursnummer} could not be added.");
    }

    /// <summary>The board's own address as <see cref="AddAsync"/> gives it.</summary>
    public static EmailAddress Address(string bestuursnummer) =>
        EmailAddress.TryParse($"bestuur{bestuursnummer}@voorbeeld.example", out var address) ? address : throw new InvalidOperationException();
}
