using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Closes a delivery once no batch is open any more: its counts are summed from the batches, it becomes
/// <c>afgerond</c>, and the terugmelding gets the register's answer for every forwarded row, so a board sees in one
/// report what was wrong in its file and what the register did with the rest. Idempotent: two batches that finish
/// at the same moment may both get here, and a replay finishes the delivery again.
/// </summary>
public sealed partial class FinishForwarding(IDeliveryFiles files, IDeliveryStore store, TimeProvider time, ILogger<FinishForwarding> logger)
{
    public async Task HandleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var summary = await store.FinishForwardingAsync(deliveryId, time.GetUtcNow(), cancellationToken);
        if (summary?.Delivery is not { Status: DeliveryStatus.Afgerond } delivery)
        {
            return;
        }

        LogDeliveryCompleted(logger, deliveryId, delivery.Counts.Registered, delivery.Counts.RejectedByRegister, delivery.Counts.Failed);
        var path = new DeliveryPath(delivery.Bestuursnummer.Value, delivery.FileName).TerugmeldingPath;
        var report = await files.ReadTerugmeldingAsync(path, cancellationToken);
        if (report is null)
        {
            LogMissing(logger, delivery.Id);
            return;
        }

        await files.WriteTerugmeldingAsync(path, report with { RegisterResultaten = summary.Results }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} afgerond: {Registered} registered, {Rejected} rejected by the register, {Failed} failed")]
    private static partial void LogDeliveryCompleted(ILogger logger, string deliveryId, int registered, int rejected, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is afgerond but has no terugmelding to complete")]
    private static partial void LogMissing(ILogger logger, string deliveryId);
}
