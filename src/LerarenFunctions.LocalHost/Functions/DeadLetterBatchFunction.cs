using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>DeadLetterBatch</c>.</summary>
public sealed class DeadLetterBatchFunction(DeadLetterBatch deadLetterBatch)
{
    [FunctionName(nameof(DeadLetterBatch))]
    public Task Run(
        [QueueTrigger(StorageNames.ForwardingPoisonQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        deadLetterBatch.HandleAsync(message, cancellationToken);
}
