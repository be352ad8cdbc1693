using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

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
}
