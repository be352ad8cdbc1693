using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// The board registry. Every write carries its history entry and is written with it or not at all; every replace is
/// conditional on the version read.
/// </summary>
public interface IBoardStore
{
    Task<Stored<Board>?> GetAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken);

    /// <summary>Adds a board with its history entry; null when it exists.</summary>
    Task<Stored<Board>?> TryAddAsync(Board board, BoardChange change, CancellationToken cancellationToken);

    /// <summary>Replaces the board while it is still <paramref name="current"/>, with its history entry; null when it changed.</summary>
    Task<Stored<Board>?> TryReplaceAsync(Stored<Board> current, Board next, BoardChange change, CancellationToken cancellationToken);

    /// <summary>Every board, in order of bestuursnummer: a thousand per request.</summary>
    IAsyncEnumerable<Stored<Board>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The boards without a contact person, in order of bestuursnummer: one range of an index the store keeps with
    /// every write of a board (a thousand per request), never a read of the boards that have one.
    /// </summary>
    IAsyncEnumerable<Board> ListWithoutContactPersonAsync(CancellationToken cancellationToken);

    /// <summary>A board's history, newest first.</summary>
    IAsyncEnumerable<BoardChange> ListHistoryAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken);
}
