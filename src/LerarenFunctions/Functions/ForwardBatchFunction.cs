using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>A batch of valid records waits on the forwarding queue for the register.</summary>
public sealed class ForwardBatchFunction(ForwardBatch forwardBatch)
{
    [Function(nameof(ForwardBatch))]
    public Task Run(
        [QueueTrigger(StorageNames.ForwardingQueue, Connection = StorageNames.Connection)] string message,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        forwardBatch.HandleAsync(message, dequeueCount, cancellationToken);
}
