using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Takes a delivered file in: validates it, stores its valid rows in batches, writes the terugmelding and queues one
/// claim-check message per batch. Every intake ends in a final status or is resumed: the delivery id comes from the
/// blob's path and version, so a trigger that fires again (or the upload check) finds the same delivery; one run at a
/// time holds the intake and shows it is alive; a run that fails lets go at once; a run that died is taken over by the
/// next one (or the periodic check) after <see cref="IntakeOptions.StallAfter"/>; a replaced file, or one whose every
/// run failed, ends as <c>afgewezen</c>. Whatever a run stored before it stopped is removed by the run that takes over.
/// </summary>
public sealed partial class ReceiveDelivery(
    IDeliveryFiles files,
    IDeliveryStore deliveries,
    IBatchStore batches,
    IForwardingQueue queue,
    ContentClaiming contentClaiming,
    DeliveryReports reports,
    TeacherFileValidator validator,
    BoardCheck boardCheck,
    Notifications notifications,
    CloseDelivery closeDelivery,
    IOptions<ForwardingOptions> forwarding,
    IOptions<IntakeOptions> intake,
    LerarenMetrics metrics,
    TimeProvider time,
    ILogger<ReceiveDelivery> logger)
{
    /// <summary>
    /// Batches are written a few at a time: fewer storage requests per row, while a file of half a million rows
    /// still holds no more than this many packed batches in memory.
    /// </summary>
    private const int BatchesPerWrite = 20;

    private readonly int _batchSize = forwarding.Value.BatchSize;
    private readonly IntakeOptions _intake = intake.Value;

    /// <param name="path">The file's path below the uploads container, exactly as stored.</param>
    /// <param name="cancellationToken">Stops the work; a later run resumes it.</param>
    public async Task HandleAsync(string path, CancellationToken cancellationToken)
    {
        var deliveryPath = DeliveryPath.Parse(path);
        if (deliveryPath.Problem != PathProblem.None)
        {
            await RejectPathAsync(deliveryPath, cancellationToken);
            return;
        }

        var file = await files.GetInfoAsync(path, cancellationToken);
        if (file is null)
        {
            LogFileGone(logger, PersonalData.MaskDigitRuns(path));
            return;
        }

        var id = deliveryPath.DeliveryId(file.Version);
        using var work = DeliveryWork.Start(logger, nameof(ReceiveDelivery), id);
        try
        {
            if (await deliveries.TryAddAsync(Delivery.Receive(id, deliveryPath, file, time.GetUtcNow()), cancellationToken) is { } added)
            {
                metrics.DeliveryReceived();
                await TakeInAsync(added, file, cancellationToken);
            }
            else if (await deliveries.GetAsync(id, cancellationToken) is { } existing)
            {
                await ResumeHeldAsync(existing, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            work.Fail(ex);
            throw;
        }
    }

    /// <summary>
    /// Picks up a delivery found again: by a second trigger, the upload check, or the periodic check of deliveries that
    /// stopped moving. An intake that is alive is left alone.
    /// </summary>
    public async Task ResumeAsync(Stored<Delivery> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        using var work = DeliveryWork.Start(logger, nameof(ReceiveDelivery), stored.Value.Id);
        try
        {
            await ResumeHeldAsync(stored, cancellationToken);
        }
        catch (Exception ex)
        {
            work.Fail(ex);
            throw;
        }
    }

    /// <summary><see cref="ResumeAsync"/> within a span that is open already.</summary>
    private async Task ResumeHeldAsync(Stored<Delivery> stored, CancellationToken cancellationToken)
    {
        var delivery = stored.Value;
        switch (delivery.Status)
        {
            case DeliveryStatus.Ontvangen when delivery.IntakeInProgress(time.GetUtcNow(), _intake.StallAfter):
                LogBusy(logger, delivery.Id);
                break;
            case DeliveryStatus.Ontvangen:
                await TakeOverAsync(stored, cancellationToken);
                break;
            case DeliveryStatus.Gevalideerd:
                await ForwardAsync(stored, cancellationToken);
                break;
            default:
                LogSeenAgain(logger, delivery.Id, delivery.Status);
                break;
        }
    }

    private async Task TakeOverAsync(Stored<Delivery> stored, CancellationToken cancellationToken)
    {
        if (stored.Value.TakeOverIntake(time.GetUtcNow()) is not { } next
            || await deliveries.TryReplaceAsync(stored, next, cancellationToken) is not { } taken)
        {
            // Another run took it on first.
            return;
        }

        var delivery = taken.Value;
        LogTakenOver(logger, delivery.Id, delivery.IntakeAttempt);
        if (delivery.IntakeAttempt > _intake.MaxAttempts)
        {
            LogGivenUp(logger, delivery.Id, delivery.IntakeAttempt - 1);
            await AbandonAsync(taken, IntakeMeldingen.VerwerkingMislukt(delivery.IntakeAttempt - 1), byName: true, cancellationToken);
            return;
        }

        var file = await files.GetInfoAsync(delivery.Path, cancellationToken);
        if (file is null || file.Version != delivery.FileVersion)
        {
            LogReplaced(logger, delivery.Id);
            await AbandonAsync(taken, IntakeMeldingen.Vervangen(), byName: false, cancellationToken);
            return;
        }

        await TakeInAsync(taken, file, cancellationToken);
    }

    private async Task TakeInAsync(Stored<Delivery> held, DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        var run = new IntakeRun(held, deliveries, time);
        try
        {
            if (await ValidateAsync(run, file, cancellationToken) is { Value.Status: DeliveryStatus.Gevalideerd } validated)
            {
                await ForwardAsync(validated, cancellationToken);
            }
        }
        catch (IntakeLostException)
        {
            LogLost(logger, held.Value.Id);
        }
        catch (DeliveryFileChangedException)
        {
            LogReplaced(logger, held.Value.Id);
            await AbandonAsync(run.Lease, IntakeMeldingen.Vervangen(), byName: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await run.LetGoAsync();
            throw;
        }
    }

    private async Task<Stored<Delivery>> ValidateAsync(IntakeRun run, DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var delivery = run.Lease.Value;
        if (delivery.IntakeAttempt > 1)
        {
            // What an earlier run stored before it stopped; this run stores it again.
            await batches.DeleteAllAsync(delivery.Id, cancellationToken);
        }

        var (read, batchCount, contentHash) = await ReadAsync(run, file, cancellationToken);
        var report = await boardCheck.AnnotateAsync(read, delivery.Bestuursnummer, cancellationToken);
        if (report.Status == TerugmeldingStatus.Afgewezen)
        {
            // Rejected as a whole after rows were stored (too many rows, a corrupt end): those rows go before the
            // status is written; a run that stops in between is taken over and gets here again.
            if (run.StoredBatches)
            {
                await batches.DeleteAllAsync(delivery.Id, cancellationToken);
            }
        }
        else if (!delivery.IsTrial)
        {
            // The content is claimed once the file is known to be valid: a rejected file claims nothing. The hash came
            // with the read unless the reader read out of order (XLSX); a duplicate's stored rows go again.
            contentHash ??= await files.ComputeContentHashAsync(file, cancellationToken);
            var owner = await contentClaiming.ClaimAsync(delivery, contentHash, cancellationToken);
            if (owner != delivery.Id)
            {
                if (run.StoredBatches)
                {
                    await batches.DeleteAllAsync(delivery.Id, cancellationToken);
                }

                return await RejectDuplicateAsync(run, owner, cancellationToken);
            }

            delivery = run.Lease.Value with { ContentHash = contentHash };
        }

        await reports.PublishAsync(delivery, report, byName: true, cancellationToken);
        var validated = delivery.Validated(report, batchCount, time.GetUtcNow()) ?? throw new IntakeLostException();
        var written = await deliveries.TryReplaceAsync(run.Lease, validated, cancellationToken) ?? throw new IntakeLostException();
        LogValidated(logger, delivery.Id, written.Value.Status, report.AantalRegels, report.AantalGoedgekeurd);
        metrics.DeliveryValidated(written.Value.Status.ToContract(), report.AantalGoedgekeurd, report.AantalAfgekeurd, time.GetElapsedTime(started));
        if (written.Value.Status.IsFinal())
        {
            metrics.DeliveryCompleted(written.Value.Status.ToContract());
        }

        await notifications.DeliveryValidatedAsync(written.Value, report, cancellationToken);
        return written;
    }

    /// <summary>
    /// Validates the file as a stream, storing the valid rows batch by batch as they are read; returns the report, the
    /// number of batches, and the file's hash when the read gave it.
    /// </summary>
    private async Task<(Terugmelding Report, int Batches, string? ContentHash)> ReadAsync(IntakeRun run, DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        var delivery = run.Lease.Value;
        var rows = new List<TeacherRecord>(_batchSize);
        var pending = new List<Batch>(BatchesPerWrite);
        var numbered = 0;
        Terugmelding report;
        string? contentHash;
        await using (var stream = await files.OpenReadAsync(file, cancellationToken))
        using (var hashing = new HashingStream(stream))
        {
            // A trial is validated in full but stores nothing: it is never forwarded.
            report = await validator.ValidateAsync(hashing, delivery.FileName, delivery.Bestuursnummer, DeliveryPath.NumberingOf(delivery.FileName), delivery.IsTrial ? IgnoreRecord : async (record, ct) =>
            {
                rows.Add(record);
                if (rows.Count == _batchSize)
                {
                    pending.Add(Batch.Open(delivery.Id, ++numbered, delivery.Bestuursnummer, PackedRecords.Pack(rows), time.GetUtcNow()));
                    rows.Clear();
                    if (pending.Count == BatchesPerWrite)
                    {
                        // More rows may follow: the run shows it is alive.
                        await StoreAsync(run, pending, showLife: true, ct);
                    }
                }
            }, cancellationToken);
            contentHash = hashing.Hash;
        }

        if (report.Status == TerugmeldingStatus.Afgewezen)
        {
            return (report, 0, null);
        }

        if (rows.Count > 0)
        {
            pending.Add(Batch.Open(delivery.Id, ++numbered, delivery.Bestuursnummer, PackedRecords.Pack(rows), time.GetUtcNow()));
        }

        if (pending.Count > 0)
        {
            // The last rows: the status write that follows shows the run is alive.
            await StoreAsync(run, pending, showLife: false, cancellationToken);
        }

        return (report, numbered, contentHash);
    }

    /// <summary>
    /// Stores batches as new rows, and shows the intake is alive when asked; either fails when another run took it
    /// over (a stored batch conflicts, or the delivery changed).
    /// </summary>
    private async Task StoreAsync(IntakeRun run, List<Batch> pending, bool showLife, CancellationToken cancellationToken)
    {
        _ = await batches.TryAddAsync([.. pending], cancellationToken) ?? throw new IntakeLostException();
        pending.Clear();
        run.StoredBatches = true;
        if (showLife)
        {
            await run.ProgressAsync(d => d.IntakeProgressed(time.GetUtcNow()), cancellationToken);
        }
    }

    private async Task<Stored<Delivery>> RejectDuplicateAsync(IntakeRun run, string earlierId, CancellationToken cancellationToken)
    {
        var delivery = run.Lease.Value;
        await reports.PublishAsync(delivery, IntakeMeldingen.Rejection(delivery.FileName, delivery.Bestuursnummer.Value, IntakeMeldingen.Dubbel(earlierId)), byName: true, cancellationToken);
        var duplicate = delivery.Duplicate(earlierId, time.GetUtcNow()) ?? throw new IntakeLostException();
        var written = await deliveries.TryReplaceAsync(run.Lease, duplicate, cancellationToken) ?? throw new IntakeLostException();
        LogDuplicate(logger, delivery.Id, earlierId);
        metrics.DeliveryCompleted(written.Value.Status.ToContract());
        return written;
    }

    /// <summary>Ends an intake that cannot finish: its stored rows and content claim go, its report says why.</summary>
    private async Task AbandonAsync(Stored<Delivery> held, Melding melding, bool byName, CancellationToken cancellationToken)
    {
        var delivery = held.Value;
        await batches.DeleteAllAsync(delivery.Id, cancellationToken);
        await contentClaiming.ReleaseAsync(delivery, cancellationToken);
        await reports.PublishAsync(delivery, IntakeMeldingen.Rejection(delivery.FileName, delivery.Bestuursnummer.Value, melding), byName, cancellationToken);
        if (delivery.Abandoned(melding.Tekst, time.GetUtcNow()) is { } abandoned
            && await deliveries.TryReplaceAsync(held, abandoned, cancellationToken) is not null)
        {
            LogAbandoned(logger, delivery.Id, melding.Code);
            metrics.DeliveryCompleted(abandoned.Status.ToContract());
        }
        else
        {
            LogLost(logger, delivery.Id);
        }
    }

    /// <summary>Starts forwarding a validated delivery: <c>doorsturen</c> is written before the first message is queued.</summary>
    private async Task ForwardAsync(Stored<Delivery> validated, CancellationToken cancellationToken)
    {
        // A run that stops after this write leaves batches without a message: the periodic check queues them again.
        if (validated.Value.StartForwarding(time.GetUtcNow()) is not { } next
            || await deliveries.TryReplaceAsync(validated, next, cancellationToken) is not { } forwarding)
        {
            return;
        }

        var delivery = forwarding.Value;
        var queued = await queue.QueueAsync(batches.ListOpenAsync(delivery.Id, cancellationToken), delivery.Counts.Batches, cancellationToken);
        LogForwarding(logger, delivery.Id, queued);
        metrics.DeliveryForwarded();
        if (queued == 0)
        {
            await closeDelivery.HandleAsync(delivery.Id, cancellationToken);
        }
    }

    private async Task RejectPathAsync(DeliveryPath path, CancellationToken cancellationToken)
    {
        var (melding, board) = path.Problem == PathProblem.InvalidName
            ? (IntakeMeldingen.OngeldigeNaam(path.Value), Bestuursnummer.TryParseExact(path.Folder, out var b) ? b.Value : string.Empty)
            : (IntakeMeldingen.GeenBestuursmap(path.Folder), PersonalData.MaskDigitRuns(path.Folder));
        LogNoDelivery(logger, PersonalData.MaskDigitRuns(path.Value), melding.Code);
        await reports.RejectAsync(path.TerugmeldingPath, IntakeMeldingen.Rejection(path.FileName, board, melding), cancellationToken);
    }

    private static ValueTask IgnoreRecord(TeacherRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
