using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>The format a board says its upload has; the file is still recognised by its content when it is read.</summary>
public enum UploadFormat
{
    /// <summary><c>text/csv</c>: stored as <c>.csv</c>.</summary>
    Csv,

    /// <summary>The XLSX media type: stored as <c>.xlsx</c>.</summary>
    Xlsx,

    /// <summary>
    /// <c>application/json</c> (<c>{"leraren": [...]}</c>): checked as it is read and stored as the CSV it stands for, named
    /// <c>.json.csv</c> so that its terugmelding numbers <c>regel</c> by the index in <c>leraren</c>.
    /// </summary>
    Json,
}

/// <summary>What a board sent, besides the bytes.</summary>
/// <param name="Bestuursnummer">The board of the route.</param>
/// <param name="IsTrial">A trial (<c>?proef=true</c>): validated and reported, never forwarded.</param>
/// <param name="Format">The declared format, for the file's extension.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c>, already checked with <see cref="AcceptDelivery.IsValidKey"/>; null without one.</param>
public sealed record DeliveryUpload(Bestuursnummer Bestuursnummer, bool IsTrial, UploadFormat Format, string? IdempotencyKey);

/// <summary>How an upload over HTTP ended.</summary>
public enum AcceptOutcome
{
    /// <summary>Stored: the blob trigger takes it in as any dropped file.</summary>
    Accepted,

    /// <summary>A retry of a request with the same key and body: the first answer again, nothing stored.</summary>
    Repeated,

    /// <summary>The board is not in the registry; nothing stored.</summary>
    UnknownBoard,

    /// <summary>The body is larger than <see cref="TeacherFileOptions.MaxFileBytes"/>; nothing stored.</summary>
    TooLarge,

    /// <summary>The key was used before for another body (or another kind of delivery); nothing stored.</summary>
    KeyReused,

    /// <summary>The first request with this key is still being stored; the caller tries again shortly.</summary>
    InProgress,

    /// <summary>A JSON body that is no JSON, or not of the contract's shape; nothing stored. <see cref="AcceptResult.Detail"/> says why.</summary>
    InvalidJson,

    /// <summary>A JSON body with more records than <see cref="TeacherFileOptions.MaxRows"/>; read no further, nothing stored.</summary>
    TooManyRecords,
}

/// <summary>
/// The outcome, and for <see cref="AcceptOutcome.Accepted"/> and <see cref="AcceptOutcome.Repeated"/> the delivery id; for
/// a refused JSON body, what is wrong with it (Dutch, for the caller, without any value of the body).
/// </summary>
public sealed record AcceptResult(AcceptOutcome Outcome, string? DeliveryId = null, string? Detail = null);

/// <summary>
/// A board's upload over HTTP becomes a file in its folder of the uploads container, exactly as a dropped file:
/// <c>{bestuursnummer}/[proef/]api-{jjjj-MM-dd-HHmmss}-{random}.csv|.xlsx</c> (UTC; no run of eight digits, which every
/// report would mask as a possible BSN). The blob trigger does the rest, so validation, forwarding and terugmelding are
/// those of any file. The body is read once, to at most <see cref="TeacherFileOptions.MaxFileBytes"/> and one byte, and
/// only made visible when it is whole and within the limit; with an idempotency key, only when no earlier request
/// holds the key. A JSON body is checked whole first (<c>JsonTeacherRecords</c>) and stored as CSV; its key compares the
/// body as sent.
/// </summary>
public sealed partial class AcceptDelivery(
    IBoardStore boards,
    IDeliveryUploads uploads,
    IDeliveryFiles files,
    IIdempotencyStore requests,
    IOptions<TeacherFileOptions> options,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<AcceptDelivery> logger)
{
    /// <summary>The longest idempotency key taken.</summary>
    public const int MaxKeyLength = 100;

    /// <summary>
    /// How long a request that holds a key but has no file yet is left to finish: after it, it is taken as died between
    /// taking the key and storing the file, and a retry takes its place. Storing the file is one request to storage.
    /// </summary>
    public static readonly TimeSpan TakeOverAfter = TimeSpan.FromMinutes(2);

    /// <summary>Whether a caller's idempotency key is taken: 1 to <see cref="MaxKeyLength"/> characters, no control characters.</summary>
    public static bool IsValidKey(string key) =>
        key is { Length: > 0 and <= MaxKeyLength } && !key.Any(char.IsControl) && !string.IsNullOrWhiteSpace(key);

    /// <summary>Stores <paramref name="content"/> as a delivery of the board, or says why not.</summary>
    public async Task<AcceptResult> HandleAsync(DeliveryUpload upload, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(content);
        if (upload.IdempotencyKey is { } key && !IsValidKey(key))
        {
            throw new ArgumentException("The idempotency key is not valid; check it with IsValidKey first.", nameof(upload));
        }

        if (await boards.GetAsync(upload.Bestuursnummer, cancellationToken) is null)
        {
            LogUnknownBoard(logger, upload.Bestuursnummer.Value);
            return new AcceptResult(AcceptOutcome.UnknownBoard);
        }

        using var limited = new UploadLimitStream(content, options.Value.MaxFileBytes);
        try
        {
            if (upload.Format == UploadFormat.Json)
            {
                return await StoreJsonAsync(upload, limited, cancellationToken);
            }

            return upload.IdempotencyKey is null
                ? await StoreAsync(upload, limited, cancellationToken)
                : await StoreOnceAsync(upload, KeyHash(upload.IdempotencyKey), limited, () => limited.Hash, cancellationToken);
        }
        catch (UploadTooLargeException)
        {
            LogTooLarge(logger, upload.Bestuursnummer.Value, options.Value.MaxFileBytes);
            return new AcceptResult(AcceptOutcome.TooLarge);
        }
        catch (JsonDeliveryException ex) when (ex.Problem == JsonDeliveryProblem.TooManyRecords)
        {
            LogTooManyRecords(logger, upload.Bestuursnummer.Value, options.Value.MaxRows);
            return new AcceptResult(AcceptOutcome.TooManyRecords, Detail: ex.Message);
        }
        catch (JsonDeliveryException ex)
        {
            LogInvalidJson(logger, upload.Bestuursnummer.Value);
            return new AcceptResult(AcceptOutcome.InvalidJson, Detail: ex.Message);
        }
    }

    /// <summary>The body is read and checked whole before anything is stored: a refused body leaves nothing behind.</summary>
    private async Task<AcceptResult> StoreJsonAsync(DeliveryUpload upload, UploadLimitStream body, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        await using var csv = await JsonTeacherRecords.ToCsvAsync(body, limits.MaxRows, limits.MaxRecordBytes, cancellationToken);
        var bodyHash = body.Hash;
        return upload.IdempotencyKey is null
            ? await StoreAsync(upload, csv, cancellationToken)
            : await StoreOnceAsync(upload, KeyHash(upload.IdempotencyKey), csv, () => bodyHash, cancellationToken);
    }

    private async Task<AcceptResult> StoreAsync(DeliveryUpload upload, Stream content, CancellationToken cancellationToken)
    {
        var pending = await uploads.StageAsync(NewPath(upload), content, cancellationToken);
        return Accepted(upload, await uploads.CommitAsync(pending, cancellationToken));
    }

    /// <summary>
    /// The key is taken with a conditional insert once the body is read and before its file is made visible: of two
    /// requests with one key, one stores its file and the other gets its answer.
    /// </summary>
    /// <param name="upload">What was sent besides the bytes.</param>
    /// <param name="keyHash">The hash of the idempotency key.</param>
    /// <param name="content">What is stored.</param>
    /// <param name="contentHash">The hash of the body as sent, once <paramref name="content"/> is read to its end.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    private async Task<AcceptResult> StoreOnceAsync(DeliveryUpload upload, string keyHash, Stream content, Func<string> contentHash, CancellationToken cancellationToken)
    {
        var earlier = await requests.GetAsync(upload.Bestuursnummer, keyHash, cancellationToken);
        if (earlier is { Value.DeliveryId: not null } && !HasExpired(earlier.Value))
        {
            // A retry of a finished request: only the body's hash is needed, nothing is written.
            await content.CopyToAsync(Stream.Null, cancellationToken);
            return Compare(upload, earlier.Value, contentHash());
        }

        var pending = await uploads.StageAsync(NewPath(upload), content, cancellationToken);
        var mine = new IdempotentRequest(upload.Bestuursnummer, keyHash, contentHash(), upload.IsTrial, pending.Path, null, time.GetUtcNow());
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            if (await requests.TryAddAsync(mine, cancellationToken) is { } taken)
            {
                return await CommitAsync(upload, pending, taken, cancellationToken);
            }

            if (await requests.GetAsync(upload.Bestuursnummer, keyHash, cancellationToken) is not { } current)
            {
                continue;
            }

            if (HasExpired(current.Value))
            {
                // The key was used longer ago than it is honoured: it is free again, as if the retention had removed it.
                if (await requests.TryReplaceAsync(current, mine with { ReceivedAt = time.GetUtcNow() }, cancellationToken) is { } renewed)
                {
                    return await CommitAsync(upload, pending, renewed, cancellationToken);
                }

                continue;
            }

            if (current.Value.DeliveryId is not null || current.Value.ContentHash != mine.ContentHash || current.Value.IsTrial != upload.IsTrial)
            {
                return Compare(upload, current.Value, mine.ContentHash);
            }

            // The same request, sent before, whose file is not known to be visible yet.
            if (await files.GetInfoAsync(current.Value.Path, cancellationToken) is { } file)
            {
                var id = DeliveryPath.Parse(file.Path).DeliveryId(file.Version);
                await requests.TryReplaceAsync(current, current.Value with { DeliveryId = id }, cancellationToken);
                LogRepeated(logger, id);
                return new AcceptResult(AcceptOutcome.Repeated, id);
            }

            if (time.GetUtcNow() - current.Value.ReceivedAt < TakeOverAfter)
            {
                LogInProgress(logger, upload.Bestuursnummer.Value);
                return new AcceptResult(AcceptOutcome.InProgress);
            }

            if (await requests.TryReplaceAsync(current, mine with { ReceivedAt = time.GetUtcNow() }, cancellationToken) is { } takenOver)
            {
                return await CommitAsync(upload, pending, takenOver, cancellationToken);
            }
        }

        return new AcceptResult(AcceptOutcome.InProgress);
    }

    private async Task<AcceptResult> CommitAsync(DeliveryUpload upload, PendingUpload pending, Stored<IdempotentRequest> taken, CancellationToken cancellationToken)
    {
        var result = Accepted(upload, await uploads.CommitAsync(pending, cancellationToken));
        // The answer is kept for the next retry; when this write loses, a retry derives it from the file again.
        await requests.TryReplaceAsync(taken, taken.Value with { DeliveryId = result.DeliveryId }, cancellationToken);
        return result;
    }

    private bool HasExpired(IdempotentRequest request) => time.GetUtcNow() - request.ReceivedAt >= retention.Value.IdempotencyKeys;

    private AcceptResult Compare(DeliveryUpload upload, IdempotentRequest earlier, string contentHash)
    {
        if (earlier.ContentHash != contentHash || earlier.IsTrial != upload.IsTrial || earlier.DeliveryId is null)
        {
            LogKeyReused(logger, upload.Bestuursnummer.Value);
            return new AcceptResult(AcceptOutcome.KeyReused);
        }

        LogRepeated(logger, earlier.DeliveryId);
        return new AcceptResult(AcceptOutcome.Repeated, earlier.DeliveryId);
    }

    private AcceptResult Accepted(DeliveryUpload upload, DeliveryFileInfo file)
    {
        var id = DeliveryPath.Parse(file.Path).DeliveryId(file.Version);
        LogAccepted(logger, id, upload.IsTrial, file.Length);
        return new AcceptResult(AcceptOutcome.Accepted, id);
    }

    private string NewPath(DeliveryUpload upload) => UploadName.New(upload.Bestuursnummer, upload.IsTrial, upload.Format, time.GetUtcNow());

    private static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload accepted as delivery {DeliveryId} (trial: {IsTrial}, {Bytes} bytes)")]
    private static partial void LogAccepted(ILogger logger, string deliveryId, bool isTrial, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload is a retry of delivery {DeliveryId}; nothing stored")]
    private static partial void LogRepeated(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload for board {Bestuursnummer} reuses an idempotency key for another request; refused")]
    private static partial void LogKeyReused(ILogger logger, string bestuursnummer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload for board {Bestuursnummer}: the first request with its idempotency key is still being stored")]
    private static partial void LogInProgress(ILogger logger, string bestuursnummer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload for board {Bestuursnummer} is larger than {MaxBytes} bytes; refused")]
    private static partial void LogTooLarge(ILogger logger, string bestuursnummer, long maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JSON upload for board {Bestuursnummer} has more than {MaxRows} records; refused")]
    private static partial void LogTooManyRecords(ILogger logger, string bestuursnummer, int maxRows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JSON upload for board {Bestuursnummer} is not valid JSON of the contract's shape; refused")]
    private static partial void LogInvalidJson(ILogger logger, string bestuursnummer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload for unknown board {Bestuursnummer}; refused")]
    private static partial void LogUnknownBoard(ILogger logger, string bestuursnummer);
}

/// <summary>An upload went past <see cref="TeacherFileOptions.MaxFileBytes"/>; it was read no further.</summary>
public sealed class UploadTooLargeException(long maxBytes) : Exception($"The upload is larger than {maxBytes} bytes.");

/// <summary>
/// The body of an upload, read forward once: never more than the limit and one byte (the byte that proves it too
/// large, which then throws <see cref="UploadTooLargeException"/>), hashed as it goes.
/// </summary>
internal sealed class UploadLimitStream(Stream inner, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;
    private string? _final;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <summary>SHA-256 (hex) of everything read; read to the end first.</summary>
    public string Hash => _final ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer[..Allowed(buffer.Length)]);
        return Count(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);
        return Count(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Allowed(int wanted) => (int)Math.Min(wanted, maxBytes + 1 - _read);

    private int Count(ReadOnlySpan<byte> read)
    {
        _read += read.Length;
        if (_read > maxBytes)
        {
            throw new UploadTooLargeException(maxBytes);
        }

        _hash.AppendData(read);
        return read.Length;
    }
}
