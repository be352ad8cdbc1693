using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Closes a delivery once no batch is open: its counts are summed from the batches, it becomes <c>afgerond</c>, and
/// its terugmelding gets the register's answer for every forwarded row, so a board sees in one report what was wrong
/// in its file and what the register did with the rest. Two closers at once: the report is written first and both it
/// and the delivery only while they are as read, so the one whose view is out of date fails a write, reads again and
/// finds the work done (or does it with the new view). A delivery closed already is closed again when its batches say
/// otherwise now (a batch answered after it was given up).
/// </summary>
public sealed partial class CloseDelivery(
    IDeliveryStore deliveries,
    IBatchStore batches,
    DeliveryReports reports,
    Notifications notifications,
    LerarenMetrics metrics,
    TimeProvider time,
    ILogger<CloseDelivery> logger)
{
    public async Task HandleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        using var span = DeliveryWork.Start(logger, nameof(CloseDelivery), deliveryId);
        try
        {
            await CloseAsync(deliveryId, cancellationToken);
        }
        catch (Exception ex)
        {
            span.Fail(ex);
            throw;
        }
    }

    private async Task CloseAsync(string deliveryId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            // The delivery is read before its batches: a batch that changes after this read changes the delivery's
            // version too (reopened) or is followed by a closer of its own.
            var current = await deliveries.GetAsync(deliveryId, cancellationToken);
            if (current is not { Value.Status: DeliveryStatus.Doorsturen or DeliveryStatus.Afgerond })
            {
                return;
            }

            var all = await batches.ListAsync(deliveryId, withResults: true, cancellationToken);
            var tally = BatchTally.Of(all.Select(b => b.Value));
            if (tally.Open > 0)
            {
                return;
            }

            // The report first: a closer that stops in between leaves the delivery in doorsturen, and the periodic
            // check closes it again.
            var results = all.SelectMany(b => b.Value.Results ?? []).OrderBy(r => r.Regel).ToList();
            if (!await reports.CompleteAsync(current.Value, results, cancellationToken))
            {
                continue;
            }

            if (current.Value.Close(tally, time.GetUtcNow()) is not { } closed)
            {
                return;
            }

            if (await deliveries.TryReplaceAsync(current, closed, cancellationToken) is not null)
            {
                LogClosed(logger, deliveryId, closed.Counts.Registered, closed.Counts.RejectedByRegister, closed.Counts.Failed);
                if (current.Value.Status != closed.Status)
                {
                    // A delivery closed again (a late success, a replay) was counted when it was first closed.
                    metrics.DeliveryCompleted(closed.Status.ToContract());
                }

                if (!closed.IsTrial)
                {
                    await notifications.DeliveryCompletedAsync(closed, cancellationToken);
                }

                return;
            }
        }

        // Others kept writing: the last of them closes it, or the periodic check does.
        LogBusy(logger, deliveryId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} afgerond: {Registered} registered, {Rejected} rejected by the register, {Failed} failed")]
    private static partial void LogClosed(ILogger logger, string deliveryId, int registered, int rejected, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} kept changing while it was closed; left to the next closer")]
    private static partial void LogBusy(ILogger logger, string deliveryId);
}
