using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>A batch's message used up the queue's redeliveries: the runtime moved it to the poison queue.</summary>
public sealed class DeadLetterBatchFunction(DeadLetterBatch deadLetterBatch)
{
    [Function(nameof(DeadLetterBatch))]
    public Task Run(
        [QueueTrigger(StorageNames.ForwardingPoisonQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        deadLetterBatch.HandleAsync(message, cancellationToken);
}
