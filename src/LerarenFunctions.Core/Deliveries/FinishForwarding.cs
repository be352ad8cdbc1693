using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Closes a delivery once no batch is open any more: its counts are summed from the batches, it becomes
/// <c>afgerond</c>, and the terugmelding gets the register's answer for every forwarded row, so a board sees in one
/// report what was wrong in its file and what the register did with the rest. Idempotent: two closers at the same
/// moment write the same terugmelding, and only one of them marks the delivery.
/// </summary>
public sealed partial class FinishForwarding(IDeliveryFiles files, IDeliveryStore store, TimeProvider time, ILogger<FinishForwarding> logger)
{
    public async Task HandleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var summary = await store.SummariseForwardingAsync(deliveryId, cancellationToken);
        if (summary is not { Delivery.Status: DeliveryStatus.Doorsturen, OpenBatches: 0 })
        {
            return;
        }

        // The terugmelding is completed before the delivery is marked afgerond: a closer that stops in between leaves
        // the delivery in doorsturen, and the periodic check closes it again.
        var delivery = summary.Delivery;
        var path = new DeliveryPath(delivery.Bestuursnummer.Value, delivery.FileName).TerugmeldingPath;
        var report = await files.ReadTerugmeldingAsync(path, cancellationToken);
        if (report is null)
        {
            LogMissing(logger, delivery.Id);
        }
        else
        {
            await files.WriteTerugmeldingAsync(path, report with { RegisterResultaten = summary.Results }, cancellationToken);
        }

        var finished = delivery with { Status = DeliveryStatus.Afgerond, CompletedAt = time.GetUtcNow() };
        if (await store.MarkForwardedAsync(summary, finished, cancellationToken))
        {
            LogDeliveryCompleted(logger, deliveryId, finished.Counts.Registered, finished.Counts.RejectedByRegister, finished.Counts.Failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} afgerond: {Registered} registered, {Rejected} rejected by the register, {Failed} failed")]
    private static partial void LogDeliveryCompleted(ILogger logger, string deliveryId, int registered, int rejected, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is afgerond but has no terugmelding to complete")]
    private static partial void LogMissing(ILogger logger, string deliveryId);
}
