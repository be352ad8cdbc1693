using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Recognises the same content delivered again by the same board. A claim is held only by a delivery that forwards
/// the content (or is still taking it in): a delivery that was rejected, abandoned, or whose intake stopped, holds
/// nothing, and a later delivery of the same content takes its claim over instead of being turned away as a repeat of
/// a delivery that forwarded nothing.
/// </summary>
public sealed partial class ContentClaiming(
    IContentClaims claims,
    IDeliveryStore deliveries,
    IOptions<IntakeOptions> intake,
    TimeProvider time,
    ILogger<ContentClaiming> logger)
{
    /// <summary>Claims <paramref name="contentHash"/> for <paramref name="delivery"/>; returns the id of the delivery that holds it.</summary>
    public async Task<string> ClaimAsync(Delivery delivery, string contentHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            var now = time.GetUtcNow();
            if (await claims.TryAddAsync(new ContentClaim(delivery.Bestuursnummer, contentHash, delivery.Id, now), cancellationToken))
            {
                return delivery.Id;
            }

            if (await claims.GetAsync(delivery.Bestuursnummer, contentHash, cancellationToken) is not { } claim)
            {
                continue;
            }

            var ownerId = claim.Value.DeliveryId;
            if (ownerId == delivery.Id)
            {
                return delivery.Id;
            }

            var owner = await deliveries.GetAsync(ownerId, cancellationToken);
            if (owner is not null && owner.Value.HoldsContent(now, intake.Value.StallAfter))
            {
                return ownerId;
            }

            if (await claims.TryReplaceAsync(claim.Value with { DeliveryId = delivery.Id, ClaimedAt = now }, claim.Version, cancellationToken))
            {
                LogTakenOver(logger, delivery.Id, ownerId);
                return delivery.Id;
            }
        }

        throw new WriteConflictException($"The content claim of delivery {delivery.Id} kept changing while it was written.");
    }

    /// <summary>Gives up the claim of <paramref name="delivery"/> on its content, if it holds one.</summary>
    public async Task ReleaseAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.ContentHash is { } hash
            && await claims.GetAsync(delivery.Bestuursnummer, hash, cancellationToken) is { } claim
            && claim.Value.DeliveryId == delivery.Id)
        {
            // A claim taken over in between is no longer this delivery's to release.
            await claims.TryDeleteAsync(delivery.Bestuursnummer, hash, claim.Version, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} took the content claim over from delivery {EarlierId}, which forwards nothing")]
    private static partial void LogTakenOver(ILogger logger, string deliveryId, string earlierId);
}
