using System.Collections.Concurrent;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// A safety net for the blob trigger: the polling trigger of the storage extension (5.3.8 and later) can skip a blob
/// written while it scans the container and never come back to it, and a board's file must never be lost silently.
/// Every upload older than <see cref="IntakeOptions.MissedUploadGrace"/> and younger than
/// <see cref="IntakeOptions.MissedUploadLookback"/> that has no delivery is taken in here, exactly as the trigger would.
/// Taking in a file the trigger is also handling is harmless: the delivery id comes from the blob's path and version,
/// so both runs work on the same delivery.
/// </summary>
public sealed partial class PickUpMissedUploads(
    IDeliveryFiles files,
    IDeliveryStore store,
    ReceiveDelivery receiveDelivery,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<PickUpMissedUploads> logger)
{
    /// <summary>
    /// Attempts to take in one file before the check gives up on it, as the blob trigger gives up on a blob after
    /// five. Without a limit a file that always fails would be retried every run for the whole lookback.
    /// </summary>
    private const int MaxAttempts = 5;

    /// <summary>
    /// File versions known to need nothing more from this check, with their last-modified time. Per process, so each
    /// file costs one lookup per process instead of one per run; entries leave once they fall out of the lookback.
    /// </summary>
    private readonly ConcurrentDictionary<(string Path, string Version), DateTimeOffset> _settled = new();

    /// <summary>
    /// Files this check took in itself that failed, with the attempts so far. Their delivery may exist already
    /// (created before the failure), so the lookup would wrongly call them settled: they are taken in again directly.
    /// </summary>
    private readonly ConcurrentDictionary<(string Path, string Version), (int Attempts, DateTimeOffset LastModified)> _failed = new();

    /// <summary>Takes in every recent upload without a delivery. Returns how many it took in.</summary>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = now - options.Value.MissedUploadLookback;
        Forget(from);

        var pickedUp = 0;
        await foreach (var upload in files.ListUploadsAsync(from, now - options.Value.MissedUploadGrace, cancellationToken))
        {
            var key = (upload.File.Path, upload.File.Version);
            if (_settled.ContainsKey(key))
            {
                continue;
            }

            if (!_failed.ContainsKey(key) && await HasDeliveryAsync(upload.File, cancellationToken))
            {
                _settled[key] = upload.LastModified;
                continue;
            }

            pickedUp++;
            LogPickingUp(logger, upload.File.Path, upload.LastModified, pickedUp);
            if (await TryReceiveAsync(key, upload.LastModified, cancellationToken))
            {
                _settled[key] = upload.LastModified;
            }
        }

        if (pickedUp > 0)
        {
            LogPickedUp(logger, pickedUp);
        }

        return pickedUp;
    }

    /// <summary>
    /// Whether the file needs nothing from this check: its delivery exists, or it is not in a board folder and
    /// so never gets one (taking it in writes its rejection, which it needs once).
    /// </summary>
    private async Task<bool> HasDeliveryAsync(DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        var path = DeliveryPath.Parse(file.Path);
        return Bestuursnummer.TryParse(path.Folder, out var bestuursnummer)
            && await store.FindAsync(path.DeliveryId(bestuursnummer, file.Version), cancellationToken) is not null;
    }

    private async Task<bool> TryReceiveAsync((string Path, string Version) key, DateTimeOffset lastModified, CancellationToken cancellationToken)
    {
        try
        {
            await receiveDelivery.HandleAsync(key.Path, cancellationToken);
            _failed.TryRemove(key, out _);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One failing file must not hold up the others; it is tried again next run.
            var attempts = _failed.AddOrUpdate(key, (1, lastModified), static (_, failed) => (failed.Attempts + 1, failed.LastModified)).Attempts;
            if (attempts < MaxAttempts)
            {
                LogAttemptFailed(logger, ex, key.Path, attempts);
                return false;
            }

            LogGivenUp(logger, ex, key.Path, attempts);
            _failed.TryRemove(key, out _);
            return true;
        }
    }

    /// <summary>Drops what fell out of the lookback: such files are not listed any more, so memory stays bounded.</summary>
    private void Forget(DateTimeOffset before)
    {
        foreach (var (key, lastModified) in _settled)
        {
            if (lastModified < before)
            {
                _settled.TryRemove(key, out _);
            }
        }

        foreach (var (key, failed) in _failed)
        {
            if (failed.LastModified < before)
            {
                _failed.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Path} (modified {LastModified}) has no delivery; the blob trigger missed it, taking it in now ({Number} this run)")]
    private static partial void LogPickingUp(ILogger logger, string path, DateTimeOffset lastModified, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} uploads without a delivery were taken in by the upload check")]
    private static partial void LogPickedUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking in upload {Path} failed (attempt {Attempt}); trying again next run")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string path, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Taking in upload {Path} failed {Attempts} times; the upload check gives up on it until the host restarts")]
    private static partial void LogGivenUp(ILogger logger, Exception exception, string path, int attempts);
}
