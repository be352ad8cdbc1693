namespace LerarenFunctions.Core.Deliveries;

/// <summary>The queue of batches waiting for the register.</summary>
public interface IForwardingQueue
{
    /// <summary>Queues a claim check, visible after <paramref name="delay"/> (at once when null).</summary>
    Task EnqueueAsync(ForwardBatchMessage message, CancellationToken cancellationToken, TimeSpan? delay = null);
}
