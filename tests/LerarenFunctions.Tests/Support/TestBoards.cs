using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;

namespace LerarenFunctions.Tests.Support;

/// <summary>Boards written straight into the registry, for tests that need one there: imported some time ago, or of a given status.</summary>
public static class TestBoards
{
    /// <summary>
    /// A board without a contact person, imported <paramref name="importedAgo"/> ago: by default an active vo board named
    /// "Stichting Herinnering {bestuursnummer}" with an address of its own. The one there when it exists.
    /// </summary>
    public static async Task<Board> AddAsync(
        StorageClients clients,
        string bestuursnummer,
        TimeSpan importedAgo = default,
        string? name = null,
        Sector sector = Sector.Vo,
        BoardStatus status = BoardStatus.Actief,
        bool withAddress = true)
    {
        var importedAt = DateTimeOffset.UtcNow - importedAgo;
        var board = new Board
        {
            Bestuursnummer = Bestuursnummer.Parse(bestuursnummer),
            Naam = name ?? $"Stichting Herinnering {bestuursnummer}",
            EmailAdres = withAddress ? Address(bestuursnummer) : null,
            Sectors = [sector],
            Status = status,
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
