using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// An operator revokes a board's key: from then on it opens nothing. The key stays listed, with when it was revoked.
/// The write is conditional: a use recorded in between is read again, never overwritten.
/// </summary>
public sealed class RevokeBoardKey(IBoardKeyStore keys, TimeProvider time)
{
    public async Task<RevokeBoardKeyOutcome> HandleAsync(Bestuursnummer bestuursnummer, string id, CancellationToken cancellationToken)
    {
        if (!BoardKeyText.IsId(id))
        {
            return RevokeBoardKeyOutcome.NotFound;
        }

        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            var stored = await keys.GetAsync(bestuursnummer, id, cancellationToken);
            if (stored is null)
            {
                return RevokeBoardKeyOutcome.NotFound;
            }

            if (stored.Value.Revoke(time.GetUtcNow()) is not { } revoked)
            {
                return RevokeBoardKeyOutcome.AlreadyRevoked;
            }

            if (await keys.TryReplaceAsync(stored, revoked, cancellationToken) is not null)
            {
                return RevokeBoardKeyOutcome.Revoked;
            }
        }

        throw new WriteConflictException($"Key {id} of board {bestuursnummer} kept changing; it was not revoked.");
    }
}

public enum RevokeBoardKeyOutcome
{
    Revoked,
    AlreadyRevoked,
    NotFound,
}
