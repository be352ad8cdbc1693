using System.Runtime.CompilerServices;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Core's board registry in memory, with the adapter's conditions: a write and its history entry, or neither.</summary>
public sealed class InMemoryBoardStore : IBoardStore
{
    private readonly Dictionary<string, Stored<Board>> _boards = new(StringComparer.Ordinal);
    private readonly List<(BoardChange Change, string Key)> _history = [];
    private readonly Lock _lock = new();

    /// <summary>Makes conditional writes fail on purpose.</summary>
    public Conflicter Conflicts { get; } = new();

    public Task<Stored<Board>?> GetAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_boards.GetValueOrDefault(bestuursnummer.Value));
        }
    }

    public Task<Stored<Board>?> TryAddAsync(Board board, BoardChange change, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Conflicts.Refuse() || _boards.ContainsKey(board.Bestuursnummer.Value))
            {
                return Task.FromResult<Stored<Board>?>(null);
            }

            return Task.FromResult<Stored<Board>?>(Write(board, change));
        }
    }

    public Task<Stored<Board>?> TryReplaceAsync(Stored<Board> current, Board next, BoardChange change, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Conflicts.Refuse() || !_boards.TryGetValue(next.Bestuursnummer.Value, out var stored) || stored.Version != current.Version)
            {
                return Task.FromResult<Stored<Board>?>(null);
            }

            return Task.FromResult<Stored<Board>?>(Write(next, change));
        }
    }

    public async IAsyncEnumerable<Stored<Board>> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        List<Stored<Board>> boards;
        lock (_lock)
        {
            boards = [.. _boards.Values.OrderBy(b => b.Value.Bestuursnummer.Value, StringComparer.Ordinal)];
        }

        foreach (var board in boards)
        {
            yield return board;
        }
    }

    public async IAsyncEnumerable<Board> ListWithoutContactPersonAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var board in ListAsync(cancellationToken))
        {
            if (board.Value.Contactpersoon is null)
            {
                yield return board.Value;
            }
        }
    }

    public async IAsyncEnumerable<BoardChange> ListHistoryAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        List<BoardChange> changes;
        lock (_lock)
        {
            // Newest first (the adapter leaves the order of changes at the very same moment open).
            changes = [.. _history.Select((h, i) => (c: h.Change, i)).Where(x => x.c.Bestuursnummer == bestuursnummer).OrderByDescending(x => x.c.At).ThenByDescending(x => x.i).Select(x => x.c)];
        }

        foreach (var change in changes)
        {
            yield return change;
        }
    }

    /// <summary>As the adapter's index of history entries gives them: made at or before the cutoff's second, oldest first.</summary>
    public async IAsyncEnumerable<BoardHistoryEntry> ListHistoryBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        List<BoardHistoryEntry> due;
        lock (_lock)
        {
            due = [.. _history
                .Where(h => Second(h.Change.At) <= Second(before))
                .OrderBy(h => Second(h.Change.At))
                .ThenBy(h => h.Change.Bestuursnummer.Value, StringComparer.Ordinal)
                .ThenByDescending(h => h.Change.At)
                .Select(h => new BoardHistoryEntry(h.Change.Bestuursnummer, new DateTimeOffset(Second(h.Change.At) * TimeSpan.TicksPerSecond, TimeSpan.Zero), h.Key))];
        }

        foreach (var entry in due)
        {
            yield return entry;
        }
    }

    public Task DeleteHistoryAsync(BoardHistoryEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _history.RemoveAll(h => h.Key == entry.Key && h.Change.Bestuursnummer == entry.Bestuursnummer);
        }

        return Task.CompletedTask;
    }

    private static long Second(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerSecond;

    private Stored<Board> Write(Board board, BoardChange change)
    {
        var stored = new Stored<Board>(board, Versions.Next());
        _boards[board.Bestuursnummer.Value] = stored;
        _history.Add((change, Guid.NewGuid().ToString("N")));
        return stored;
    }
}
