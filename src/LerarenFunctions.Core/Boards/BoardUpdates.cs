using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>Read, decide, write under the condition of what was read, as <see cref="StoreUpdates"/> does for deliveries.</summary>
public static class BoardUpdates
{
    /// <summary>
    /// Applies <paramref name="change"/> to the board as stored (null when there is none yet; <paramref name="known"/>
    /// saves the first read when the caller has it). Returns the written board; null when the change says nothing is
    /// to change.
    /// </summary>
    /// <exception cref="WriteConflictException">Another writer changed it every time.</exception>
    public static async Task<Stored<Board>?> UpdateAsync(
        this IBoardStore store,
        Bestuursnummer bestuursnummer,
        Stored<Board>? known,
        Func<Board?, (Board Next, BoardChange Change)?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        var current = known;
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            if (attempt > 0)
            {
                current = await store.GetAsync(bestuursnummer, cancellationToken);
            }

            if (change(current?.Value) is not { } decided)
            {
                return null;
            }

            var written = current is null
                ? await store.TryAddAsync(decided.Next, decided.Change, cancellationToken)
                : await store.TryReplaceAsync(current, decided.Next, decided.Change, cancellationToken);
            if (written is not null)
            {
                return written;
            }
        }

        throw new WriteConflictException($"Board {bestuursnummer} kept changing while it was written.");
    }
}
