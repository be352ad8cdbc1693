using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Takes a delivered file in: validates it, stores its valid rows in batches, writes the terugmelding and puts
/// one claim-check message per batch on the forwarding queue. Safe to run again for the same file: the delivery
/// id comes from the blob's path and version, so a replayed trigger resumes the same delivery.
/// </summary>
public sealed partial class ReceiveDelivery(
    IDeliveryFiles files,
    IDeliveryStore store,
    IForwardingQueue queue,
    TeacherFileValidator validator,
    FinishForwarding finishForwarding,
    IOptions<ForwardingOptions> forwarding,
    TimeProvider time,
    ILogger<ReceiveDelivery> logger)
{
    /// <summary>
    /// Batches are written a few at a time: fewer storage requests per row, while a file of half a million rows
    /// still holds no more than this many packed batches in memory.
    /// </summary>
    private const int BatchesPerWrite = 20;

    private readonly int _batchSize = forwarding.Value.BatchSize;

    /// <param name="path">The file's path below the uploads container.</param>
    /// <param name="cancellationToken">Stops the work; a later run resumes it.</param>
    public async Task HandleAsync(string path, CancellationToken cancellationToken)
    {
        var deliveryPath = DeliveryPath.Parse(path);
        if (!Bestuursnummer.TryParse(deliveryPath.Folder, out var bestuursnummer))
        {
            LogUnknownBoard(logger, path);
            await files.WriteTerugmeldingAsync(deliveryPath.TerugmeldingPath, FileRejection(deliveryPath.FileName, deliveryPath.Folder,
                new Melding(null, null, TeacherFileColumns.Bestuursnummer, "BESTUURSNUMMER_ONGELDIG", Ernst.Fout,
                    "Lever het bestand aan in de map van uw bestuur: {bestuursnummer}/{bestandsnaam}, met een bestuursnummer van 5 cijfers.",
                    deliveryPath.Folder)), cancellationToken);
            return;
        }

        var info = await files.GetInfoAsync(path, cancellationToken);
        if (info is null)
        {
            LogFileGone(logger, path);
            return;
        }

        var id = deliveryPath.DeliveryId(bestuursnummer, info.Version);
        var delivery = await store.AddAsync(new Delivery
        {
            Id = id,
            Bestuursnummer = bestuursnummer,
            FileName = deliveryPath.FileName,
            Status = DeliveryStatus.Ontvangen,
            ReceivedAt = time.GetUtcNow(),
        }, cancellationToken);

        if (delivery.Status == DeliveryStatus.Ontvangen)
        {
            delivery = await ValidateAsync(delivery, deliveryPath, info, cancellationToken);
        }
        else
        {
            LogResumed(logger, id, delivery.Status);
        }

        if (delivery.Status is DeliveryStatus.Gevalideerd or DeliveryStatus.Doorsturen)
        {
            await StartForwardingAsync(delivery, cancellationToken);
        }
    }

    private async Task<Delivery> ValidateAsync(Delivery delivery, DeliveryPath path, DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        string? contentHash = null;
        if (!path.IsTrial)
        {
            contentHash = await files.ComputeContentHashAsync(file, cancellationToken);
            var owner = await store.ClaimContentAsync(delivery.Bestuursnummer, contentHash, delivery.Id, cancellationToken);
            if (owner != delivery.Id)
            {
                return await RejectDuplicateAsync(delivery, path, owner, cancellationToken);
            }
        }

        var batch = new List<TeacherRecord>(_batchSize);
        var pending = new List<RecordBatch>(BatchesPerWrite);
        var batches = 0;
        var stored = false;
        Terugmelding report;
        await using (var stream = await files.OpenReadAsync(file, cancellationToken))
        {
            // A trial is validated in full but stores nothing: it is never forwarded.
            report = await validator.ValidateAsync(stream, path.FileName, delivery.Bestuursnummer, path.IsTrial ? IgnoreRecord : async (record, ct) =>
            {
                batch.Add(record);
                if (batch.Count == _batchSize)
                {
                    pending.Add(new RecordBatch(++batches, PackedRecords.Pack(batch)));
                    batch.Clear();
                    if (pending.Count == BatchesPerWrite)
                    {
                        await store.SaveBatchesAsync(delivery.Id, delivery.Bestuursnummer, pending, ct);
                        stored = true;
                        pending.Clear();
                    }
                }
            }, cancellationToken);
        }

        var accepted = report.Status != TerugmeldingStatus.Afgewezen;
        if (accepted && batch.Count > 0)
        {
            pending.Add(new RecordBatch(++batches, PackedRecords.Pack(batch)));
        }

        if (accepted && pending.Count > 0)
        {
            await store.SaveBatchesAsync(delivery.Id, delivery.Bestuursnummer, pending, cancellationToken);
        }

        // A file can still be rejected as a whole after many of its rows were stored (too many rows, a corrupt end):
        // its rows go, and so does its claim on the content. Both before the status is written: a run that stops in
        // between validates again and gets here again.
        if (!accepted)
        {
            if (stored)
            {
                await store.DeleteBatchesAsync(delivery.Id, cancellationToken);
            }

            if (contentHash is not null)
            {
                await store.ReleaseContentAsync(delivery.Bestuursnummer, contentHash, delivery.Id, cancellationToken);
            }
        }

        await files.WriteTerugmeldingAsync(path.TerugmeldingPath, report, cancellationToken);

        var status = path.IsTrial ? DeliveryStatus.Proef : accepted ? DeliveryStatus.Gevalideerd : DeliveryStatus.Afgewezen;
        var validated = delivery with
        {
            Status = status,
            CompletedAt = status == DeliveryStatus.Gevalideerd ? null : time.GetUtcNow(),
            Reason = accepted ? null : report.Meldingen.FirstOrDefault(m => m.Regel is null && m.Ernst == Ernst.Fout)?.Tekst ?? "Geen enkele regel is goedgekeurd.",
            Counts = new DeliveryCounts
            {
                Rows = report.AantalRegels,
                Accepted = report.AantalGoedgekeurd,
                Rejected = report.AantalAfgekeurd,
                Batches = status == DeliveryStatus.Gevalideerd ? batches : 0,
            },
        };
        LogValidated(logger, delivery.Id, validated.Status, report.AantalRegels, report.AantalGoedgekeurd);
        return await store.UpdateAsync(validated, cancellationToken);
    }

    private async Task<Delivery> RejectDuplicateAsync(Delivery delivery, DeliveryPath path, string earlierId, CancellationToken cancellationToken)
    {
        await files.WriteTerugmeldingAsync(path.TerugmeldingPath, FileRejection(path.FileName, delivery.Bestuursnummer.Value,
            new Melding(null, null, null, "BESTAND_DUBBEL", Ernst.Fout,
                $"Dit bestand is eerder aangeleverd (aanlevering {earlierId}) en wordt niet opnieuw doorgestuurd. Lever alleen wijzigingen en nieuwe leraren aan.",
                null)), cancellationToken);
        LogDuplicate(logger, delivery.Id, earlierId);
        return await store.UpdateAsync(delivery with
        {
            Status = DeliveryStatus.Dubbel,
            CompletedAt = time.GetUtcNow(),
            Reason = $"Dezelfde inhoud als aanlevering {earlierId}.",
        }, cancellationToken);
    }

    private async Task StartForwardingAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Status == DeliveryStatus.Gevalideerd)
        {
            // Doorsturen is written before the first message, so a run that crashes in between is resumed
            // by re-sending the open batches; sending a batch twice is harmless.
            delivery = await store.UpdateAsync(delivery with { Status = DeliveryStatus.Doorsturen }, cancellationToken);
        }

        var queued = await queue.QueueOpenBatchesAsync(store, delivery, cancellationToken);
        LogForwarding(logger, delivery.Id, queued);
        if (queued == 0)
        {
            // A run that resumes a delivery whose batches all have their answer, but that was not closed yet.
            await finishForwarding.HandleAsync(delivery.Id, cancellationToken);
        }
    }

    private static ValueTask IgnoreRecord(TeacherRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private static Terugmelding FileRejection(string fileName, string bestuursnummer, Melding melding) => new()
    {
        Bestand = fileName,
        Bestuursnummer = bestuursnummer,
        Status = TerugmeldingStatus.Afgewezen,
        Meldingen = [melding],
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Path} is not in a board folder; rejected")]
    private static partial void LogUnknownBoard(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Path} is gone before it could be read")]
    private static partial void LogFileGone(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} seen again with status {Status}; resuming")]
    private static partial void LogResumed(ILogger logger, string deliveryId, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} validated: {Status}, {Rows} rows, {Accepted} accepted")]
    private static partial void LogValidated(ILogger logger, string deliveryId, DeliveryStatus status, int rows, int accepted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} has the same content as delivery {EarlierId}; not forwarded again")]
    private static partial void LogDuplicate(ILogger logger, string deliveryId, string earlierId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: {Batches} batches queued for the register")]
    private static partial void LogForwarding(ILogger logger, string deliveryId, int batches);
}
