using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>The content claims. Loads and saves only; every write that can race is conditional.</summary>
public interface IContentClaims
{
    Task<Stored<ContentClaim>?> GetAsync(Bestuursnummer bestuursnummer, string contentHash, CancellationToken cancellationToken);

    /// <summary>
    /// The claims <paramref name="deliveryId"/> holds among its board's, found without their content hash: an intake
    /// claims before it records the hash, so one that stopped in between leaves a claim its delivery does not know of.
    /// Reads the board's claims only, which are few.
    /// </summary>
    Task<IReadOnlyList<Stored<ContentClaim>>> ListHeldByAsync(Bestuursnummer bestuursnummer, string deliveryId, CancellationToken cancellationToken);

    /// <summary>Adds the claim; false when the content is claimed already.</summary>
    Task<bool> TryAddAsync(ContentClaim claim, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="next"/> if the stored claim still has <paramref name="version"/>.</summary>
    Task<bool> TryReplaceAsync(ContentClaim next, string version, CancellationToken cancellationToken);

    /// <summary>Removes the claim if it still has <paramref name="version"/>.</summary>
    Task<bool> TryDeleteAsync(Bestuursnummer bestuursnummer, string contentHash, string version, CancellationToken cancellationToken);
}
