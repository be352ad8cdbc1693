using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// A safety net for forwarding that stopped moving: a delivery in <c>doorsturen</c> of which nothing has changed for
/// <see cref="ForwardingOptions.StallAfter"/> gets its open batches queued again, or is finished when none is open. Messages of a host that died are
/// invisible for ten minutes and a message can be lost between a status write and a send; both end here. Queuing a
/// batch twice is harmless: a completed batch is skipped and the register applies an idempotency key once.
/// </summary>
public sealed partial class ResumeStalledForwarding(
    IDeliveryStore store,
    IForwardingQueue queue,
    FinishForwarding finishForwarding,
    IOptions<ForwardingOptions> options,
    TimeProvider time,
    ILogger<ResumeStalledForwarding> logger)
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.StallAfter;
        foreach (var deliveryId in await store.FindStalledForwardingAsync(cutoff, cancellationToken))
        {
            var queued = await queue.QueueOpenBatchesAsync(store, deliveryId, cancellationToken);
            if (queued == 0)
            {
                // Every batch has its answer, but the delivery was not closed (the host stopped in between).
                await finishForwarding.HandleAsync(deliveryId, cancellationToken);
                continue;
            }

            // Marks the delivery as moving again, so the next run waits another StallAfter before it acts.
            await store.TouchAsync(deliveryId, cancellationToken);
            LogResumed(logger, deliveryId, queued);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding of delivery {DeliveryId} had stalled; {Batches} open batches queued again")]
    private static partial void LogResumed(ILogger logger, string deliveryId, int batches);
}
