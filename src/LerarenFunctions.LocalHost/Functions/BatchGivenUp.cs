using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>BatchGivenUp</c>.</summary>
public sealed class BatchGivenUp(DeadLetters deadLetters)
{
    [FunctionName(nameof(BatchGivenUp))]
    public Task Run(
        [QueueTrigger(StorageNames.ForwardingPoisonQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken) =>
        deadLetters.HandlePoisonAsync(message, cancellationToken);
}
