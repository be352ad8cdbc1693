using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// When forwarding is done, the terugmelding gets the register's answer for every forwarded row, so a board sees in
/// one report what was wrong in its file and what the register did with the rest. Written again after a replay.
/// </summary>
public sealed partial class FinalTerugmelding(IDeliveryFiles files, IDeliveryStore store, ILogger<FinalTerugmelding> logger)
{
    /// <summary>Adds the register results to the delivery's terugmelding when the delivery is <c>afgerond</c>.</summary>
    public async Task WriteIfCompletedAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Status != DeliveryStatus.Afgerond)
        {
            return;
        }

        var path = new DeliveryPath(delivery.Bestuursnummer.Value, delivery.FileName).TerugmeldingPath;
        var report = await files.ReadTerugmeldingAsync(path, cancellationToken);
        if (report is null)
        {
            LogMissing(logger, delivery.Id);
            return;
        }

        var results = await store.GetRecordResultsAsync(delivery.Id, cancellationToken);
        await files.WriteTerugmeldingAsync(path, report with { RegisterResultaten = results }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is afgerond but has no terugmelding to complete")]
    private static partial void LogMissing(ILogger logger, string deliveryId);
}
