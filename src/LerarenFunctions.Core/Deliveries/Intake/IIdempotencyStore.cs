using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The first request a board sent with an <c>Idempotency-Key</c>: what it carried and where it went, so a retry gets
/// the same answer and a different request under the same key is refused.
/// </summary>
/// <param name="Bestuursnummer">The board that sent it.</param>
/// <param name="KeyHash">SHA-256 (hex) of the key: keys are the caller's text, never a row key as they are.</param>
/// <param name="ContentHash">SHA-256 (hex) of the body.</param>
/// <param name="IsTrial">Whether it was sent as a trial (<c>?proef=true</c>).</param>
/// <param name="Path">Where its file goes below the uploads container.</param>
/// <param name="DeliveryId">The delivery it became; null until its file is visible.</param>
/// <param name="ReceivedAt">When the request was taken on.</param>
public sealed record IdempotentRequest(
    Bestuursnummer Bestuursnummer,
    string KeyHash,
    string ContentHash,
    bool IsTrial,
    string Path,
    string? DeliveryId,
    DateTimeOffset ReceivedAt);

/// <summary>The requests sent with an idempotency key: one per board and key, every write conditional.</summary>
public interface IIdempotencyStore
{
    /// <summary>The request under this board and key; null when there is none.</summary>
    Task<Stored<IdempotentRequest>?> GetAsync(Bestuursnummer bestuursnummer, string keyHash, CancellationToken cancellationToken);

    /// <summary>Adds the request; null when one with this board and key exists.</summary>
    Task<Stored<IdempotentRequest>?> TryAddAsync(IdempotentRequest request, CancellationToken cancellationToken);

    /// <summary>Replaces the request while it is still <paramref name="current"/>; null when it changed or went.</summary>
    Task<Stored<IdempotentRequest>?> TryReplaceAsync(Stored<IdempotentRequest> current, IdempotentRequest next, CancellationToken cancellationToken);

    /// <summary>
    /// The requests received before <paramref name="cutoff"/> (by <see cref="IdempotentRequest.ReceivedAt"/>), for
    /// the retention; reads only those, not every board's requests.
    /// </summary>
    IAsyncEnumerable<Stored<IdempotentRequest>> ListReceivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Removes the request while it is still <paramref name="current"/>; false when it changed or went.</summary>
    Task<bool> TryDeleteAsync(Stored<IdempotentRequest> current, CancellationToken cancellationToken);
}
