using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>The deliveries. Loads and saves only; every write that can race is conditional.</summary>
public interface IDeliveryStore
{
    /// <summary>The delivery; null when unknown (never delivered, or expired).</summary>
    Task<Stored<Delivery>?> GetAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Adds a new delivery; null when one with its id exists (the caller reads that one instead).</summary>
    Task<Stored<Delivery>?> TryAddAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="next"/> if the stored delivery is still <paramref name="current"/> (its version); null when
    /// it changed or is gone.
    /// </summary>
    Task<Stored<Delivery>?> TryReplaceAsync(Stored<Delivery> current, Delivery next, CancellationToken cancellationToken);

    /// <summary>Removes the delivery if it is still <paramref name="current"/>.</summary>
    Task<bool> TryDeleteAsync(Stored<Delivery> current, CancellationToken cancellationToken);

    /// <summary>
    /// Every delivery that is not final, for the periodic check. Costs a read per such delivery, never a scan of the
    /// finished ones: the store keeps an index of them.
    /// </summary>
    IAsyncEnumerable<Stored<Delivery>> ListUnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The final deliveries completed at or before <paramref name="before"/> (to the second), oldest first, for the
    /// retention. Costs a read per such delivery, never a scan of the others.
    /// </summary>
    IAsyncEnumerable<Stored<Delivery>> ListCompletedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// What the completion index keeps of the deliveries completed at or after <paramref name="since"/>, oldest first:
    /// one range of the index, never a read per delivery (except for index rows written before it kept a summary).
    /// </summary>
    IAsyncEnumerable<FinishedDelivery> ListFinishedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the completion index: the deliveries completed at or after <paramref name="from"/> and before
    /// <paramref name="before"/> (to the second), oldest first; <paramref name="continuation"/> is the page's token as
    /// the store gave it (null for the first). A page may hold fewer than <paramref name="pageSize"/> and still not be
    /// the last.
    /// </summary>
    Task<FinishedPage> ListFinishedPageAsync(DateTimeOffset from, DateTimeOffset before, string? continuation, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Every delivery of one board, in no particular order: delivery ids start with the bestuursnummer, so this is one
    /// range of the table, a thousand per request, never a scan of other boards' deliveries.
    /// </summary>
    IAsyncEnumerable<Delivery> ListByBoardAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken);
}

/// <summary>A page of the completion index, with the token of the next one (null on the last).</summary>
public sealed record FinishedPage(IReadOnlyList<FinishedDelivery> Items, string? Continuation);
