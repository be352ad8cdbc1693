using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Takes a delivered file in: validates it, stores its valid rows in batches, writes the terugmelding and puts
/// one claim-check message per batch on the forwarding queue. Safe to run again for the same file.
/// </summary>
public sealed partial class ReceiveDelivery(
    IDeliveryFiles files,
    IDeliveryStore store,
    IForwardingQueue queue,
    TeacherFileValidator validator,
    IOptions<ForwardingOptions> forwarding,
    TimeProvider time,
    ILogger<ReceiveDelivery> logger)
{
    private readonly int _batchSize = forwarding.Value.BatchSize;

    /// <param name="path">The file's path below the uploads container.</param>
    /// <param name="cancellationToken">Stops the work; a later run resumes it.</param>
    public async Task HandleAsync(string path, CancellationToken cancellationToken)
    {
        var deliveryPath = DeliveryPath.Parse(path);
        if (!Bestuursnummer.TryParse(deliveryPath.Folder, out var bestuursnummer))
        {
            LogUnknownBoard(logger, path);
            await files.WriteTerugmeldingAsync(deliveryPath.TerugmeldingPath, new Terugmelding
            {
                Bestand = deliveryPath.FileName,
                Bestuursnummer = deliveryPath.Folder,
                Status = TerugmeldingStatus.Afgewezen,
                Meldingen =
                [
                    new Melding(null, null, TeacherFileColumns.Bestuursnummer, "BESTUURSNUMMER_ONGELDIG", Ernst.Fout,
                        "Lever het bestand aan in de map van uw bestuur: {bestuursnummer}/{bestandsnaam}, met een bestuursnummer van 5 cijfers.",
                        deliveryPath.Folder),
                ],
            }, cancellationToken);
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
        var batch = new List<TeacherRecord>(_batchSize);
        var batches = 0;
        Terugmelding report;
        await using (var stream = await files.OpenReadAsync(file, cancellationToken))
        {
            report = await validator.ValidateAsync(stream, path.FileName, delivery.Bestuursnummer, async (record, ct) =>
            {
                batch.Add(record);
                if (batch.Count == _batchSize)
                {
                    await store.SaveBatchAsync(delivery.Id, ++batches, batch, ct);
                    batch = new List<TeacherRecord>(_batchSize);
                }
            }, cancellationToken);
        }

        var accepted = report.Status != TerugmeldingStatus.Afgewezen;
        if (accepted && batch.Count > 0)
        {
            await store.SaveBatchAsync(delivery.Id, ++batches, batch, cancellationToken);
        }

        await files.WriteTerugmeldingAsync(path.TerugmeldingPath, report, cancellationToken);

        var validated = delivery with
        {
            Status = accepted ? DeliveryStatus.Gevalideerd : DeliveryStatus.Afgewezen,
            CompletedAt = accepted ? null : time.GetUtcNow(),
            Reason = accepted ? null : report.Meldingen.FirstOrDefault(m => m.Regel is null)?.Tekst,
            Counts = new DeliveryCounts
            {
                Rows = report.AantalRegels,
                Accepted = report.AantalGoedgekeurd,
                Rejected = report.AantalAfgekeurd,
                Batches = accepted ? batches : 0,
            },
        };
        LogValidated(logger, delivery.Id, report.Status, report.AantalRegels, report.AantalGoedgekeurd);
        return await store.UpdateAsync(validated, cancellationToken);
    }

    private async Task StartForwardingAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Status == DeliveryStatus.Gevalideerd)
        {
            // Doorsturen is written before the first message, so a run that crashes in between is resumed
            // by re-sending the open batches; sending a batch twice is harmless.
            delivery = await store.UpdateAsync(delivery with { Status = DeliveryStatus.Doorsturen }, cancellationToken);
        }

        var open = await store.GetOpenBatchesAsync(delivery.Id, cancellationToken);
        foreach (var batch in open)
        {
            await queue.EnqueueAsync(new ForwardBatchMessage(delivery.Id, batch), cancellationToken);
        }

        LogForwarding(logger, delivery.Id, open.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Path} is not in a board folder; rejected")]
    private static partial void LogUnknownBoard(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {Path} is gone before it could be read")]
    private static partial void LogFileGone(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} seen again with status {Status}; resuming")]
    private static partial void LogResumed(ILogger logger, string deliveryId, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} validated: {Status}, {Rows} rows, {Accepted} accepted")]
    private static partial void LogValidated(ILogger logger, string deliveryId, string status, int rows, int accepted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: {Batches} batches queued for the register")]
    private static partial void LogForwarding(ILogger logger, string deliveryId, int batches);
}
