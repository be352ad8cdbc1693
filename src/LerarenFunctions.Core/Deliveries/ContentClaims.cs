using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>A board's claim on a file's content: the delivery that forwards it. The same content again is <c>dubbel</c>.</summary>
public sealed record ContentClaim(Bestuursnummer Bestuursnummer, string ContentHash, string DeliveryId, DateTimeOffset ClaimedAt);

/// <summary>The content claims. Loads and saves only; every write that can race is conditional.</summary>
public interface IContentClaims
{
    Task<Stored<ContentClaim>?> GetAsync(Bestuursnummer bestuursnummer, string contentHash, CancellationToken cancellationToken);

    /// <summary>Adds the claim; false when the content is claimed already.</summary>
    Task<bool> TryAddAsync(ContentClaim claim, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="next"/> if the stored claim still has <paramref name="version"/>.</summary>
    Task<bool> TryReplaceAsync(ContentClaim next, string version, CancellationToken cancellationToken);

    /// <summary>Removes the claim if it still has <paramref name="version"/>.</summary>
    Task<bool> TryDeleteAsync(Bestuursnummer bestuursnummer, string contentHash, string version, CancellationToken cancellationToken);
}
