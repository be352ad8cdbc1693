using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

// Validating a delivery: the file read as a stream, its valid rows stored batch by batch, its content claimed, its
// report and validated status written.
public sealed partial class ReceiveDelivery
{
    /// <summary>
    /// Batches are written a few at a time: fewer storage requests per row, while a file of half a million rows
    /// still holds no more than this many packed batches in memory.
    /// </summary>
    private const int BatchesPerWrite = 20;

    private async Task<Stored<Delivery>> ValidateAsync(IntakeRun run, DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var delivery = run.Lease.Value;
        if (delivery.IntakeAttempt > 1)
        {
            // What an earlier run stored before it stopped; this run stores it again.
            await run.EnsureHeldAsync(cancellationToken);
            await batches.DeleteAllAsync(delivery.Id, cancellationToken);
        }

        var (read, batchCount, contentHash) = await ReadAsync(run, file, cancellationToken);
        var report = await boardCheck.AnnotateAsync(read, delivery.Bestuursnummer, cancellationToken);
        // The read may have taken long: what follows removes rows, claims and reports, none of it conditional on the delivery.
        await run.EnsureHeldAsync(cancellationToken);
        string? claimed = null;
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

            claimed = contentHash;
        }

        await run.EnsureHeldAsync(cancellationToken);
        delivery = run.Lease.Value with { ContentHash = claimed };
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

    private static ValueTask IgnoreRecord(TeacherRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
