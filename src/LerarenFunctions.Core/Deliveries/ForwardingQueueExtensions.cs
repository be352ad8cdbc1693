namespace LerarenFunctions.Core.Deliveries;

public static class ForwardingQueueExtensions
{
    /// <summary>Queues every batch of the delivery that has no final result yet; returns how many.</summary>
    public static async Task<int> QueueOpenBatchesAsync(this IForwardingQueue queue, IDeliveryStore store, string deliveryId, CancellationToken cancellationToken)
    {
        var queued = 0;
        await foreach (var batch in store.GetOpenBatchesAsync(deliveryId, cancellationToken))
        {
            await queue.EnqueueAsync(ForwardBatchMessages.For(batch), cancellationToken);
            queued++;
        }

        return queued;
    }
}
