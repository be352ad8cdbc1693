namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Read, decide, write under the condition of what was read; on a conflict read again and decide again. The one way
/// use cases change a stored delivery or batch.
/// </summary>
public static class StoreUpdates
{
    /// <summary>
    /// Applies <paramref name="change"/> to the stored delivery. Returns the written state; null when the delivery is
    /// unknown or <paramref name="change"/> says nothing is to change (it returned null).
    /// </summary>
    /// <exception cref="WriteConflictException">Another writer changed it every time.</exception>
    public static async Task<Stored<Delivery>?> UpdateAsync(this IDeliveryStore store, string deliveryId, Func<Delivery, Delivery?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            if (await store.GetAsync(deliveryId, cancellationToken) is not { } current || change(current.Value) is not { } next)
            {
                return null;
            }

            if (await store.TryReplaceAsync(current, next, cancellationToken) is { } written)
            {
                return written;
            }
        }

        throw new WriteConflictException($"Delivery {deliveryId} kept changing while it was written.");
    }

    /// <inheritdoc cref="UpdateAsync(IDeliveryStore, string, Func{Delivery, Delivery?}, CancellationToken)"/>
    public static async Task<Stored<Batch>?> UpdateAsync(this IBatchStore store, string deliveryId, int number, Func<Batch, Batch?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            if (await store.GetAsync(deliveryId, number, cancellationToken) is not { } current || change(current.Value) is not { } next)
            {
                return null;
            }

            if (await store.TryReplaceAsync(next, current.Version, cancellationToken) is { } written)
            {
                return written;
            }
        }

        throw new WriteConflictException($"Batch {number} of delivery {deliveryId} kept changing while it was written.");
    }
}
