namespace LerarenFunctions.Core.Deliveries;

/// <summary>The batches of deliveries. Loads and saves only; every write that can race is conditional.</summary>
public interface IBatchStore
{
    /// <summary>
    /// Adds new batches of one delivery, as few requests as the storage allows. Null when one of them exists already:
    /// another run stored it, so this run no longer holds the intake.
    /// </summary>
    Task<IReadOnlyList<Stored<Batch>>?> TryAddAsync(IReadOnlyList<Batch> batches, CancellationToken cancellationToken);

    /// <summary>The batch with its rows and answers; null when unknown.</summary>
    Task<Stored<Batch>?> GetAsync(string deliveryId, int number, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="next"/> if the stored batch still has <paramref name="version"/>; null when it changed or is gone.</summary>
    Task<Stored<Batch>?> TryReplaceAsync(Batch next, string version, CancellationToken cancellationToken);

    /// <summary>Every batch of the delivery in number order, without rows; with their answers when <paramref name="withResults"/>.</summary>
    Task<IReadOnlyList<Stored<Batch>>> ListAsync(string deliveryId, bool withResults, CancellationToken cancellationToken);

    /// <summary>The open batches of the delivery with their rows, to queue them.</summary>
    IAsyncEnumerable<Stored<Batch>> ListOpenAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Whether any batch of the delivery is open (one small read).</summary>
    Task<bool> AnyOpenAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Removes every batch of the delivery: rows that will never be forwarded, or a delivery that expired.</summary>
    Task DeleteAllAsync(string deliveryId, CancellationToken cancellationToken);
}
