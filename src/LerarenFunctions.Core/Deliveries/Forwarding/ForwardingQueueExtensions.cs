namespace LerarenFunctions.Core.Deliveries;

public static class ForwardingQueueExtensions
{
    /// <summary>
    /// Sends a handful at a time: a file of a hundred thousand rows has a thousand batches, and the register can start
    /// on the first while the last are still being queued.
    /// </summary>
    private const int ParallelSends = 8;

    /// <summary>Queues every batch of the delivery that has no final result yet; returns how many.</summary>
    public static async Task<int> QueueOpenBatchesAsync(this IForwardingQueue queue, IDeliveryStore store, Delivery delivery, CancellationToken cancellationToken)
    {
        var queued = 0;
        await Parallel.ForEachAsync(
            store.GetOpenBatchesAsync(delivery.Id, cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                await queue.EnqueueAsync(ForwardBatchMessages.For(batch, delivery.Counts.Batches), ct);
                Interlocked.Increment(ref queued);
            });
        return queued;
    }
}
