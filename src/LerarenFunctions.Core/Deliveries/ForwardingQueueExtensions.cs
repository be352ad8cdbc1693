namespace LerarenFunctions.Core.Deliveries;

public static class ForwardingQueueExtensions
{
    /// <summary>Queues every batch of the delivery that has no final result yet; returns how many.</summary>
    public static async Task<int> QueueOpenBatchesAsync(this IForwardingQueue queue, IDeliveryStore store, string deliveryId, CancellationToken cancellationToken)
    {
        var open = await store.GetOpenBatchesAsync(deliveryId, cancellationToken);
        foreach (var batch in open)
        {
            await queue.EnqueueAsync(new ForwardBatchMessage(deliveryId, batch), cancellationToken);
        }

        return open.Count;
    }
}
