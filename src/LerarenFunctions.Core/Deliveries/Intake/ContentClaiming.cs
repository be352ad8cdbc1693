using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Recognises the same content delivered again by the same board. A claim is held only by a delivery that forwards
/// the content (or is still taking it in): a delivery that was rejected, abandoned, or whose intake stopped, holds
/// nothing, and a later delivery of the same content takes its claim over instead of being turned away as a repeat of
/// a delivery that forwarded nothing. Nor does one whose dead-lettered rows the retention removed.
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

    /// <summary>
    /// Gives up the claim of <paramref name="delivery"/> on its content, if it holds one. The hash is recorded with the
    /// validated status, after the claim is taken: a delivery whose intake stopped in between holds a claim it does not
    /// know of, which is found by its id among its board's claims (only then, so the usual release reads one row).
    /// </summary>
    public async Task ReleaseAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.IsTrial)
        {
            // A trial is never forwarded, so it never claims.
            return;
        }

        IReadOnlyList<Stored<ContentClaim>> held = delivery.ContentHash is { } hash
            ? await claims.GetAsync(delivery.Bestuursnummer, hash, cancellationToken) is { } known ? [known] : []
            : await claims.ListHeldByAsync(delivery.Bestuursnummer, delivery.Id, cancellationToken);
        foreach (var claim in held.Where(c => c.Value.DeliveryId == delivery.Id))
        {
            // Conditional: a claim taken over in between is no longer this delivery's to release.
            await claims.TryDeleteAsync(delivery.Bestuursnummer, claim.Value.ContentHash, claim.Version, cancellationToken);
        }
    }

    /// <summary>
    /// A delivery that forwarded gives its claim up: the retention removed the rows of one of its dead letters, which
    /// can no longer be replayed, so the board delivers those teachers again, and the same file is then taken in
    /// instead of being turned away as <c>dubbel</c>.
    /// </summary>
    public async Task GiveUpAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (await deliveries.GetAsync(deliveryId, cancellationToken) is not { Value.ContentHash: not null } stored)
        {
            return;
        }

        // The claim goes before the hash: a run that stops in between finds the hash, and so the work, again.
        await ReleaseAsync(stored.Value, cancellationToken);
        if (await deliveries.UpdateAsync(deliveryId, d => d.GiveUpContent(), cancellationToken) is not null)
        {
            LogGivenUp(logger, deliveryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} took the content claim over from delivery {EarlierId}, which forwards nothing")]
    private static partial void LogTakenOver(ILogger logger, string deliveryId, string earlierId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} gave its content claim up: rows of a dead letter were removed, the same file is taken in again")]
    private static partial void LogGivenUp(ILogger logger, string deliveryId);
}
