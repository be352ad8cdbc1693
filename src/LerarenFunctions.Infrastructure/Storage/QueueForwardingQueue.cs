using Azure.Storage.Queues;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>Sends claim checks to the forwarding queue, base64-encoded as the queue trigger expects.</summary>
public sealed class QueueForwardingQueue(StorageClients clients) : IForwardingQueue
{
    private readonly QueueClient _queue = clients.Queues.GetQueueClient(StorageNames.ForwardingQueue);

    public Task EnqueueAsync(ForwardBatchMessage message, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        _queue.SendMessageAsync(ForwardBatchMessages.Serialize(message), visibilityTimeout: delay, cancellationToken: cancellationToken);
}
