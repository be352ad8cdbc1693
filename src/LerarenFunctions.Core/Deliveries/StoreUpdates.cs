namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Read, decide, write under the condition of what was read; on a conflict read again and decide again. The one way
/// use cases change a stored delivery, batch or e-mail.
/// </summary>
public static class StoreUpdates
{
    /// <summary>
    /// Applies <paramref name="change"/> to the stored delivery. Returns the written state; null when the delivery is
    /// unknown or <paramref name="change"/> says nothing is to change (it returned null).
    /// </summary>
    /// <exception cref="WriteConflictException">Another writer changed it every time.</exception>
    public static Task<Stored<Delivery>?> UpdateAsync(this IDeliveryStore store, string deliveryId, Func<Delivery, Delivery?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return UpdateAsync(
            known: null,
            () => store.GetAsync(deliveryId, cancellationToken),
            change,
            (current, next) => store.TryReplaceAsync(current, next, cancellationToken),
            $"Delivery {deliveryId}");
    }

    /// <inheritdoc cref="UpdateAsync(IDeliveryStore, string, Func{Delivery, Delivery?}, CancellationToken)"/>
    public static Task<Stored<Batch>?> UpdateAsync(this IBatchStore store, string deliveryId, int number, Func<Batch, Batch?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return UpdateAsync(
            known: null,
            () => store.GetAsync(deliveryId, number, cancellationToken),
            change,
            (current, next) => store.TryReplaceAsync(next, current.Version, cancellationToken),
            $"Batch {number} of delivery {deliveryId}");
    }

    /// <summary>
    /// The loop itself: starts from <paramref name="known"/> when the caller has just read (or written) the value, else
    /// reads it; null when there is none or <paramref name="change"/> says nothing is to change.
    /// </summary>
    /// <exception cref="WriteConflictException">Another writer changed it every time.</exception>
    public static async Task<Stored<T>?> UpdateAsync<T>(
        Stored<T>? known,
        Func<Task<Stored<T>?>> read,
        Func<T, T?> change,
        Func<Stored<T>, T, Task<Stored<T>?>> write,
        string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(write);
        var current = known;
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            if (attempt > 0 || current is null)
            {
                current = await read();
            }

            if (current is null || change(current.Value) is not { } next)
            {
                return null;
            }

            if (await write(current, next) is { } written)
            {
                return written;
            }
        }

        throw new WriteConflictException($"{what} kept changing while it was written.");
    }
}
