using Azure.Storage.Queues;
using LerarenFunctions.Core.Email;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>Wakes the sender: an outbox id on the e-mail queue, base64-encoded as the queue trigger expects.</summary>
public sealed class QueueEmailQueue(StorageClients clients) : IEmailQueue
{
    private readonly QueueClient _queue = clients.Queues.GetQueueClient(StorageNames.EmailQueue);

    public Task EnqueueAsync(string id, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        _queue.SendMessageAsync(id, visibilityTimeout: delay is { } d && d > TimeSpan.Zero ? Min(d, MaxVisibility) : null, cancellationToken: cancellationToken);

    /// <summary>The queue keeps a message invisible for at most seven days; back-offs are far shorter.</summary>
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(6);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
