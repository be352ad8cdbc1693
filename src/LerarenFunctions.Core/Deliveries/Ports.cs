using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
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

    /// <summary>
    /// The uploads last modified from <paramref name="modifiedFrom"/> up to and including <paramref name="modifiedUntil"/>,
    /// with the same version <see cref="GetInfoAsync"/> gives, so a listed file maps to the same delivery id.
    /// </summary>
    IAsyncEnumerable<UploadedFile> ListUploadsAsync(DateTimeOffset modifiedFrom, DateTimeOffset modifiedUntil, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(DeliveryFileInfo file, CancellationToken cancellationToken);

    /// <summary>SHA-256 of the file's bytes (hex), to recognise the same content delivered again.</summary>
    Task<string> ComputeContentHashAsync(DeliveryFileInfo file, CancellationToken cancellationToken);

    /// <summary>Reads the terugmelding at <paramref name="path"/>; null when there is none.</summary>
    Task<Terugmelding?> ReadTerugmeldingAsync(string path, CancellationToken cancellationToken);

    /// <summary>Writes a terugmelding to <paramref name="path"/> below the reports container; overwrites an earlier one.</summary>
    Task WriteTerugmeldingAsync(string path, Terugmelding terugmelding, CancellationToken cancellationToken);
}

/// <summary>
/// State of deliveries and their batches. While a delivery is forwarded its counts are derived from its batches,
/// so batches that finish at the same time never contend for one row.
/// </summary>
public interface IDeliveryStore
{
    /// <summary>The delivery as stored; while it is in <c>doorsturen</c> its forwarding counts are not kept up to date.</summary>
    Task<Delivery?> FindAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>The delivery with its forwarding counts summed from its batches while it is in <c>doorsturen</c>; unchanged otherwise.</summary>
    Task<Delivery> WithForwardingCountsAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>Adds the delivery; when it exists already, returns the stored one unchanged.</summary>
    Task<Delivery> AddAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Stores batches of valid rows, open, in as few requests as the storage allows. Idempotent: a batch stored again
    /// (a validation that runs again after a crash, before forwarding started) replaces the earlier one.
    /// </summary>
    Task SaveBatchesAsync(string deliveryId, Bestuursnummer bestuursnummer, IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every batch of the delivery: the rows of a file that was rejected as a whole after some of its rows had
    /// been stored. They will never be forwarded, so they are not kept.
    /// </summary>
    Task DeleteBatchesAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Replaces the delivery's status, counts and reason (last writer wins; used before forwarding starts).</summary>
    Task<Delivery> UpdateAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>The rows of a batch and where the batch stands; null when unknown.</summary>
    Task<StoredBatch?> GetBatchAsync(string deliveryId, int batch, CancellationToken cancellationToken);

    /// <summary>The batches that have no final result yet, with their rows.</summary>
    IAsyncEnumerable<StoredBatch> GetOpenBatchesAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the register's answers for a batch's rows and closes the batch (also when it was closed already: the
    /// register answers a repeated idempotency key the same way).
    /// </summary>
    Task CompleteBatchAsync(string deliveryId, Bestuursnummer bestuursnummer, int batch, IReadOnlyList<RegisterResultaat> results, CancellationToken cancellationToken);

    /// <summary>Whether any batch of the delivery is still open (one small read).</summary>
    Task<bool> AnyOpenBatchAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Gives an open batch up: records it as a dead letter (reason, attempts, last error) and its rows as
    /// <c>mislukt</c>, keeping the rows for a replay. Returns whether no batch of the delivery is open any more.
    /// </summary>
    Task<bool> DeadLetterBatchAsync(StoredBatch batch, DeadLetterInfo deadLetter, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The delivery with its counts summed from its batches, how many batches are open and, when none is, the register's
    /// answer for every row in row order. Null when the delivery is unknown.
    /// </summary>
    Task<ForwardingSummary?> SummariseForwardingAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the delivery as <c>afgerond</c> with its final counts, unless it changed since <paramref name="summary"/>
    /// was read (another closer, a replay). Returns whether it was written.
    /// </summary>
    Task<bool> MarkForwardedAsync(ForwardingSummary summary, Delivery finished, CancellationToken cancellationToken);

    /// <summary>Remembers why an attempt to forward a batch failed, for the dead letter if it comes to that.</summary>
    Task RecordAttemptFailureAsync(string deliveryId, int batch, long attempt, string error, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a dead-lettered batch open again (the delivery back to <c>doorsturen</c>). Returns the batch's state
    /// afterwards; a batch that is open or completed is left alone.
    /// </summary>
    Task<BatchState?> ReopenDeadLetterAsync(string deliveryId, int batch, CancellationToken cancellationToken);

    /// <summary>The dead letters that have not been replayed, oldest first.</summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every delivery in <c>doorsturen</c>: whether it still has open batches, and whether it is stalled (neither the
    /// delivery nor any batch changed since <paramref name="unchangedSince"/>).
    /// </summary>
    Task<IReadOnlyList<DeliveryInForwarding>> GetForwardingAsync(DateTimeOffset unchangedSince, CancellationToken cancellationToken);

    /// <summary>Marks the delivery as changed now, without changing anything else.</summary>
    Task TouchAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims <paramref name="contentHash"/> for the board. Returns the id of the delivery that holds the claim:
    /// <paramref name="deliveryId"/> itself, or an earlier delivery of the same content.
    /// </summary>
    Task<string> ClaimContentAsync(Bestuursnummer bestuursnummer, string contentHash, string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up the claim on <paramref name="contentHash"/> when <paramref name="deliveryId"/> holds it. A rejected file
    /// holds no claim: the same content delivered again is validated again (after a limit was raised, say) instead of
    /// being turned away as a repeat of a delivery that forwarded nothing.
    /// </summary>
    Task ReleaseContentAsync(Bestuursnummer bestuursnummer, string contentHash, string deliveryId, CancellationToken cancellationToken);
}

/// <summary>A delivery being forwarded and, once no batch is open, the register's answer per row (empty before).</summary>
/// <param name="Delivery">The delivery; while in <c>doorsturen</c>, with its counts summed from its batches.</param>
/// <param name="OpenBatches">Batches without an answer yet.</param>
/// <param name="Results">The answer per row in row order when no batch is open; empty otherwise.</param>
/// <param name="Version">The store's version of the delivery as read, for a conditional write.</param>
public sealed record ForwardingSummary(Delivery Delivery, int OpenBatches, IReadOnlyList<RegisterResultaat> Results, string Version);

/// <summary>A delivery in <c>doorsturen</c> as the periodic check sees it.</summary>
public sealed record DeliveryInForwarding(string Id, bool HasOpenBatches, bool Stalled);

/// <summary>A numbered batch of valid rows, packed.</summary>
public sealed record RecordBatch(int Number, PackedRecords Records);

/// <summary>Where a batch stands.</summary>
public enum BatchState
{
    /// <summary>Waiting for (another) attempt.</summary>
    Open,

    /// <summary>The register answered for every record.</summary>
    Completed,

    /// <summary>Given up after its last attempt or a permanent refusal; waits for an operator's replay.</summary>
    DeadLettered,
}

/// <summary>Why a batch was given up.</summary>
/// <param name="Reason">A code: <c>POGINGEN_OP</c> (attempts used up) or <c>REGISTER_WEIGERT_4xx</c>.</param>
/// <param name="Attempts">How often it was tried.</param>
/// <param name="LastError">The last error, without personal data.</param>
public sealed record DeadLetterInfo(string Reason, long Attempts, string? LastError);

/// <summary>A dead-lettered batch as operators see it (Dutch JSON contract).</summary>
public sealed record DeadLetter(
    [property: JsonPropertyName("aanleveringId")] string DeliveryId,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("reden")] string Reason,
    [property: JsonPropertyName("pogingen")] long Attempts,
    [property: JsonPropertyName("laatsteFout")] string? LastError,
    [property: JsonPropertyName("op")] DateTimeOffset At);

/// <summary>A stored batch of valid rows.</summary>
public sealed record StoredBatch(string DeliveryId, Bestuursnummer Bestuursnummer, int Batch, BatchState State, PackedRecords Records)
{
    /// <summary>The last failed attempt's error, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>Attempts that failed so far.</summary>
    public long FailedAttempts { get; init; }
}

/// <summary>
/// A claim check on the forwarding queue: which batch of which delivery to send. It carries the batch's rows and board
/// too when they fit in a queue message; otherwise they are read from storage.
/// </summary>
public sealed record ForwardBatchMessage(string DeliveryId, int Batch)
{
    /// <summary>The board the rows are sent for, with <see cref="Records"/>.</summary>
    public string? Bestuursnummer { get; init; }

    /// <summary>The batch's <see cref="PackedRecords"/> bytes; null when they did not fit.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "A message body, serialised as base64.")]
    public byte[]? Records { get; init; }

    /// <summary>How many batches the delivery has (0 when unknown): the last one looks whether the delivery is done.</summary>
    public int Batches { get; init; }

    /// <summary>Attempts that failed before this message was sent (0 for the first).</summary>
    public long FailedAttempts { get; init; }
}

public interface IForwardingQueue
{
    /// <summary>Queues a claim check, visible after <paramref name="delay"/> (at once when null).</summary>
    Task EnqueueAsync(ForwardBatchMessage message, CancellationToken cancellationToken, TimeSpan? delay = null);
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
    /// <summary>
    /// The register's default batch size. A batch is stored packed in one table entity (at most 1 MB): a hundred rows
    /// of sixteen 200-character fields stay well below that even uncompressed.
    /// </summary>
    public const int MaxBatchSize = 100;
}
