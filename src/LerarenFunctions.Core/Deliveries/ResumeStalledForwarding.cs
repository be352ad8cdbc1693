using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The periodic check of deliveries in <c>doorsturen</c>: one without open batches is closed (usually the last batch
/// does that itself), and one of which nothing has changed for <see cref="ForwardingOptions.StallAfter"/> gets its open
/// batches queued again: messages of a host that died are invisible for ten minutes, and a message can be lost between
/// a status write and a send. Queuing a batch twice is harmless: the register applies an idempotency key once.
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
        foreach (var forwarding in await store.GetForwardingAsync(cutoff, cancellationToken))
        {
            if (!forwarding.HasOpenBatches)
            {
                // Every batch has its answer, but no closer got to it (a batch finished after the last one, or the
                // host stopped in between).
                await finishForwarding.HandleAsync(forwarding.Id, cancellationToken);
                continue;
            }

            if (!forwarding.Stalled || await store.FindAsync(forwarding.Id, cancellationToken) is not { } delivery)
            {
                continue;
            }

            var queued = await queue.QueueOpenBatchesAsync(store, delivery, cancellationToken);

            // Marks the delivery as moving again, so the next run waits another StallAfter before it acts.
            await store.TouchAsync(forwarding.Id, cancellationToken);
            LogResumed(logger, forwarding.Id, queued);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding of delivery {DeliveryId} had stalled; {Batches} open batches queued again")]
    private static partial void LogResumed(ILogger logger, string deliveryId, int batches);
}
