using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>A batch used up its attempts: the runtime moved its message to the poison queue.</summary>
public sealed class BatchGivenUp(DeadLetters deadLetters)
{
    [Function(nameof(BatchGivenUp))]
    public Task Run(
        [QueueTrigger(StorageNames.ForwardingPoisonQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        deadLetters.HandlePoisonAsync(message, cancellationToken);
}
