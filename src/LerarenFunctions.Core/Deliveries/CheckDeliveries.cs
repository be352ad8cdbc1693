using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The periodic check of deliveries that are not final, so none hangs: an intake that stopped moving is taken over
/// (or ended), a validated delivery that was never forwarded is forwarded, a delivery whose batches all have their
/// answer is closed (usually its last batch does that itself), and a forwarding that stopped moving gets its open
/// batches queued again: messages of a host that died stay invisible for ten minutes, and a message can be lost between
/// a status write and a send. A batch that waits on its back-off is not queued again before its next attempt is
/// overdue, so the check never starts a second chain of attempts beside a waiting one. Only unfinished deliveries are
/// read (the store keeps an index of them), never the finished ones.
/// </summary>
public sealed partial class CheckDeliveries(
    IDeliveryStore deliveries,
    IBatchStore batches,
    IForwardingQueue queue,
    ReceiveDelivery receiveDelivery,
    CloseDelivery closeDelivery,
    IOptions<ForwardingOptions> forwarding,
    IOptions<IntakeOptions> intake,
    TimeProvider time,
    ILogger<CheckDeliveries> logger)
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        await foreach (var stored in deliveries.ListUnfinishedAsync(cancellationToken))
        {
            try
            {
                await CheckAsync(stored, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One delivery that fails its check must not keep the others from theirs; it is checked again next time.
                LogCheckFailed(logger, ex, stored.Value.Id);
            }
        }
    }

    private async Task CheckAsync(Stored<Delivery> stored, CancellationToken cancellationToken)
    {
        var delivery = stored.Value;
        var now = time.GetUtcNow();
        if (delivery.Status == DeliveryStatus.Doorsturen)
        {
            await CheckForwardingAsync(delivery, now, cancellationToken);
        }
        else if (delivery.IntakeStalled(now, intake.Value.StallAfter))
        {
            LogIntakeStalled(logger, delivery.Id, delivery.Status);
            await receiveDelivery.ResumeAsync(stored, cancellationToken);
        }
    }

    private async Task CheckForwardingAsync(Delivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await batches.ListAsync(delivery.Id, withResults: false, cancellationToken);
        if (all.All(b => b.Value.State != BatchState.Open))
        {
            // Every batch has its answer, but no closer got to it (a batch finished after the last one, or the host
            // stopped in between).
            await closeDelivery.HandleAsync(delivery.Id, cancellationToken);
            return;
        }

        var cutoff = now - forwarding.Value.StallAfter;
        if (delivery.ChangedAt > cutoff || all.Any(b => b.Value.ChangedAt > cutoff))
        {
            return;
        }

        // Only a check that acts gets a span in the delivery's trace: one every 15 seconds would bury its story.
        using var span = DeliveryWork.Start(logger, "ResumeForwarding", delivery.Id);
        var queued = 0;
        await foreach (var batch in batches.ListOpenAsync(delivery.Id, cancellationToken))
        {
            // Waiting on its back-off: its message comes back by itself.
            if (batch.Value.LastActivity > cutoff)
            {
                continue;
            }

            // Marked as moving first, so the next check waits another StallAfter; the message carries the new version.
            if (batch.Value.Requeued(now) is { } requeued && await batches.TryReplaceAsync(requeued, batch.Version, cancellationToken) is { } moving)
            {
                await queue.EnqueueAsync(ForwardBatchMessages.For(moving, delivery.Counts.Batches), cancellationToken);
                queued++;
            }
        }

        LogResumed(logger, delivery.Id, queued);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The check of delivery {DeliveryId} failed; it is checked again next time")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} stopped moving in {Status}; picked up again")]
    private static partial void LogIntakeStalled(ILogger logger, string deliveryId, DeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding of delivery {DeliveryId} had stalled; {Batches} open batches queued again")]
    private static partial void LogResumed(ILogger logger, string deliveryId, int batches);
}
