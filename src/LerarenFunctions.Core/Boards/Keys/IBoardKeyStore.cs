using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>The board keys, per board: loads and saves only; every replace is conditional on the version read.</summary>
public interface IBoardKeyStore
{
    Task<Stored<BoardKey>?> GetAsync(Bestuursnummer bestuursnummer, string id, CancellationToken cancellationToken);

    /// <summary>Adds a new key; null when the board has a key with that id.</summary>
    Task<Stored<BoardKey>?> TryAddAsync(BoardKey key, CancellationToken cancellationToken);

    /// <summary>Replaces the key while it is still <paramref name="current"/>; null when it changed or is gone.</summary>
    Task<Stored<BoardKey>?> TryReplaceAsync(Stored<BoardKey> current, BoardKey next, CancellationToken cancellationToken);

    /// <summary>Every key of the board, revoked ones too: one partition query.</summary>
    IAsyncEnumerable<Stored<BoardKey>> ListAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken);
}
