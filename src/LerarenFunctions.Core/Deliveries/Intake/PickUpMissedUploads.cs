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
/// The window never reaches back as far as <see cref="RetentionOptions.Deliveries"/> (its minimum is longer than the
/// longest lookback): an upload whose delivery's rows were removed would look like one the trigger missed.
/// A blob listing cannot be filtered by time, so the uploads are walked a few pages per run and the walk goes on where
/// the last run stopped: a run costs at most <see cref="PagesPerRun"/> list requests, however many uploads there are.
/// Taking in a file the trigger is also handling is harmless: both runs find the same delivery, and one holds it.
/// </summary>
public sealed partial class PickUpMissedUploads(
    IDeliveryFiles files,
    IDeliveryStore deliveries,
    ReceiveDelivery receiveDelivery,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<PickUpMissedUploads> logger)
{
    /// <summary>
    /// List pages per run (a page holds up to 5,000 uploads). With a run every 30 seconds, a container of 100,000 uploads
    /// is walked in five minutes; a small one in every run.
    /// </summary>
    public const int PagesPerRun = 2;

    /// <summary>Delivery lookups at a time: a first run's page of recent uploads takes seconds, not a minute.</summary>
    public const int LookupsAtOnce = 8;

    /// <summary>
    /// File versions known to need nothing more from this check, with their last-modified time. Per process, so each
    /// file costs one lookup per process instead of one per run; entries leave once they fall out of the lookback.
    /// </summary>
    private readonly ConcurrentDictionary<(string Path, string Version), DateTimeOffset> _settled = new();

    /// <summary>Where the walk over the uploads goes on; null: at the start.</summary>
    private string? _continuation;

    /// <summary>How many file versions this process holds as settled: bounded by the uploads of the lookback.</summary>
    internal int SettledCount => _settled.Count;

    /// <summary>Takes in every upload without a delivery on the next pages of the walk. Returns how many it took in.</summary>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = now - options.Value.MissedUploadLookback;
        var until = now - options.Value.MissedUploadGrace;
        Forget(from);

        var pickedUp = 0;
        for (var page = 0; page < PagesPerRun; page++)
        {
            var listing = await files.ListUploadsAsync(_continuation, cancellationToken);
            _continuation = listing.Continuation;
            foreach (var file in await WithoutDeliveryAsync(listing.Files, from, until, cancellationToken))
            {
                pickedUp++;
                LogPickingUp(logger, PersonalData.MaskDigitRuns(file.Path), file.LastModified, pickedUp);
                if (await TryReceiveAsync(file.Path, cancellationToken))
                {
                    _settled[(file.Path, file.Version)] = file.LastModified;
                }
            }

            if (_continuation is null)
            {
                // The walk is complete; the next run starts a new one.
                break;
            }
        }

        if (pickedUp > 0)
        {
            LogPickedUp(logger, pickedUp);
        }

        return pickedUp;
    }

    /// <summary>
    /// The files of a page in the window, not yet settled, that have no delivery, oldest first. The lookups run
    /// <see cref="LookupsAtOnce"/> at a time: a process's first run may look up a whole page of recent uploads.
    /// </summary>
    private async Task<List<DeliveryFileInfo>> WithoutDeliveryAsync(
        IEnumerable<DeliveryFileInfo> files, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var candidates = files.Where(f => f.LastModified >= from && f.LastModified <= until && !_settled.ContainsKey((f.Path, f.Version)));
        var missing = new ConcurrentBag<DeliveryFileInfo>();
        await Parallel.ForEachAsync(
            candidates,
            new ParallelOptions { MaxDegreeOfParallelism = LookupsAtOnce, CancellationToken = cancellationToken },
            async (file, ct) =>
            {
                if (await HasDeliveryAsync(file, ct))
                {
                    _settled[(file.Path, file.Version)] = file.LastModified;
                }
                else
                {
                    missing.Add(file);
                }
            });
        return [.. missing.OrderBy(f => f.LastModified).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Whether the file needs nothing from this check: its delivery exists (from then on the periodic check of
    /// deliveries sees to it). A file that is no delivery is taken in once, which writes the report that says why.
    /// </summary>
    private async Task<bool> HasDeliveryAsync(DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        var path = DeliveryPath.Parse(file.Path);
        return path.Problem == PathProblem.None && await deliveries.GetAsync(path.DeliveryId(file.Version), cancellationToken) is not null;
    }

    private async Task<bool> TryReceiveAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await receiveDelivery.HandleAsync(path, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One failing file must not hold up the others. Its delivery, if the run got that far, is the periodic
            // check's from now on; otherwise the next walk tries again.
            LogAttemptFailed(logger, ex, PersonalData.MaskDigitRuns(path));
            return false;
        }
    }

    /// <summary>Drops what fell out of the lookback: such files are not taken in any more, so memory stays bounded.</summary>
    private void Forget(DateTimeOffset before)
    {
        foreach (var (key, lastModified) in _settled)
        {
            if (lastModified < before)
            {
                _settled.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Path} (modified {LastModified}) has no delivery; the blob trigger missed it, taking it in now ({Number} this run)")]
    private static partial void LogPickingUp(ILogger logger, string path, DateTimeOffset lastModified, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} uploads without a delivery were taken in by the upload check")]
    private static partial void LogPickedUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking in upload {Path} failed; the next check looks at it again")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string path);
}
