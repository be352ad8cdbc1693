using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>What Core needs to know of a delivered file before it reads it.</summary>
/// <param name="Path">The path below the uploads container: <c>{bestuursnummer}/{bestandsnaam}</c>.</param>
/// <param name="Version">A value that changes whenever the file is replaced (the blob's ETag).</param>
/// <param name="Length">Size in bytes.</param>
public sealed record DeliveryFileInfo(string Path, string Version, long Length);

/// <summary>The delivered files and the reports written back for them.</summary>
public interface IDeliveryFiles
{
    /// <summary>Returns null when the file is gone (deleted after the trigger fired).</summary>
    Task<DeliveryFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(DeliveryFileInfo file, CancellationToken cancellationToken);

    /// <summary>Writes a terugmelding to <paramref name="path"/> below the reports container; overwrites an earlier one.</summary>
    Task WriteTerugmeldingAsync(string path, Terugmelding terugmelding, CancellationToken cancellationToken);
}

/// <summary>State of deliveries, their stored rows and their batches.</summary>
public interface IDeliveryStore
{
    Task<Delivery?> FindAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Adds the delivery; when it exists already, returns the stored one unchanged.</summary>
    Task<Delivery> AddAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>Stores the valid rows of one batch (at most <see cref="ForwardingLimits.MaxBatchSize"/>). Idempotent.</summary>
    Task SaveBatchAsync(string deliveryId, int batch, IReadOnlyList<TeacherRecord> records, CancellationToken cancellationToken);

    /// <summary>Replaces the delivery's status, counts and reason (last writer wins; used before forwarding starts).</summary>
    Task<Delivery> UpdateAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>The rows of a batch and whether the batch was completed already; null when unknown.</summary>
    Task<StoredBatch?> GetBatchAsync(string deliveryId, int batch, CancellationToken cancellationToken);

    /// <summary>The numbers of batches that have no final result yet.</summary>
    Task<IReadOnlyList<int>> GetOpenBatchesAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the register's results of a batch and adds them to the delivery's counts in one atomic step,
    /// once: a batch that is complete already is left alone. Returns the delivery as it is afterwards.
    /// </summary>
    Task<Delivery> CompleteBatchAsync(string deliveryId, int batch, IReadOnlyList<RecordResult> results, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A stored batch of valid rows.</summary>
public sealed record StoredBatch(string DeliveryId, int Batch, bool Completed, IReadOnlyList<TeacherRecord> Records);

/// <summary>A claim check on the forwarding queue: which batch of which delivery to send.</summary>
public sealed record ForwardBatchMessage(string DeliveryId, int Batch);

public interface IForwardingQueue
{
    Task EnqueueAsync(ForwardBatchMessage message, CancellationToken cancellationToken);
}

/// <summary>The register's HTTP API.</summary>
public interface IRegisterClient
{
    /// <summary>
    /// Sends a batch. The same <paramref name="idempotencyKey"/> must be used for every retry of the same batch,
    /// so the register applies it once whatever happens on the way.
    /// </summary>
    Task<IReadOnlyList<RecordResult>> SubmitAsync(Bestuursnummer bestuursnummer, IReadOnlyList<TeacherRecord> records, string idempotencyKey, CancellationToken cancellationToken);
}

public static class ForwardingLimits
{
    /// <summary>Table Storage takes at most 100 entities in one transaction, and a batch is stored in one.</summary>
    public const int MaxBatchSize = 100;
}
