using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>ForwardBatch</c>.</summary>
public sealed class ForwardBatchFunction(ForwardBatch forwardBatch)
{
    [FunctionName(nameof(ForwardBatch))]
    public Task Run(
        [QueueTrigger(StorageNames.ForwardingQueue, Connection = StorageNames.Connection)] string message,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        forwardBatch.HandleAsync(message, dequeueCount, cancellationToken);
}
