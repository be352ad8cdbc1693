using System.Collections.Concurrent;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// A board as the deliveries see it, read at most once a minute per process: a board's deliveries come in bursts
/// (hundreds of batches), and a change of its registry entry may take a minute to show in their reports and e-mails.
/// </summary>
public sealed class BoardLookup(IBoardStore boards, TimeProvider time)
{
    /// <summary>How long a read is used.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Bestuursnummer, (Board? Board, DateTimeOffset ReadAt)> _read = new();

    /// <summary>The board, or null when the registry does not know it.</summary>
    public async Task<Board?> GetAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_read.TryGetValue(bestuursnummer, out var cached) && now - cached.ReadAt < FreshFor)
        {
            return cached.Board;
        }

        var board = (await boards.GetAsync(bestuursnummer, cancellationToken))?.Value;
        _read[bestuursnummer] = (board, now);
        return board;
    }
}
