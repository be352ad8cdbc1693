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

    /// <summary>
    /// The history entries of every board made at or before <paramref name="before"/> (to the second), oldest first, for
    /// the retention: one range of an index the store writes with every entry, never a read of the boards.
    /// </summary>
    IAsyncEnumerable<BoardHistoryEntry> ListHistoryBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Removes a history entry with its index row, together; one that is gone is no error. The board stays.</summary>
    Task DeleteHistoryAsync(BoardHistoryEntry entry, CancellationToken cancellationToken);
}

/// <summary>A history entry as the retention finds it.</summary>
/// <param name="Bestuursnummer">The board.</param>
/// <param name="At">When the change was made (to the second).</param>
/// <param name="Key">The store's name for the entry among the board's.</param>
public sealed record BoardHistoryEntry(Bestuursnummer Bestuursnummer, DateTimeOffset At, string Key);
