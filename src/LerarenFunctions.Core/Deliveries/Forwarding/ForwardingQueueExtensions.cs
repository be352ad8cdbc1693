namespace LerarenFunctions.Core.Deliveries;

public static class ForwardingQueueExtensions
{
    /// <summary>
    /// Sends a handful at a time: a file of a hundred thousand rows has a thousand batches, and the register can start
    /// on the first while the last are still being queued.
    /// </summary>
    private const int ParallelSends = 8;

    /// <summary>
    /// Queues each of <paramref name="batches"/> for a delivery of <paramref name="total"/> batches; returns how many.
    /// The last batch is the one that looks whether its delivery is done (see <see cref="ForwardBatch"/>), so it is
    /// queued only after all others: sent in parallel it could overtake them, find them open and leave the delivery
    /// to the periodic check.
    /// </summary>
    public static async Task<int> QueueAsync(this IForwardingQueue queue, IAsyncEnumerable<Stored<Batch>> batches, int total, CancellationToken cancellationToken)
    {
        var queued = 0;
        Stored<Batch>? closing = null;
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                if (batch.Value.Number >= total)
                {
                    closing = batch;
                    return;
                }

                await queue.EnqueueAsync(ForwardBatchMessages.For(batch, total), ct);
                Interlocked.Increment(ref queued);
            });
        if (closing is not null)
        {
            await queue.EnqueueAsync(ForwardBatchMessages.For(closing, total), cancellationToken);
            queued++;
        }

        return queued;
    }
}
