using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>The forwarding queue in memory: messages become visible after their delay, on the test's clock.</summary>
public sealed class InMemoryForwardingQueue(TimeProvider time) : IForwardingQueue
{
    private readonly DelayedMessages _messages = new(time);

    public int Count => _messages.Count;

    public IReadOnlyList<ForwardBatchMessage> Waiting => [.. _messages.All.Select(m => ForwardBatchMessages.TryParse(m)!)];

    public Task EnqueueAsync(ForwardBatchMessage message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        _messages.Add(ForwardBatchMessages.Serialize(message), delay);
        return Task.CompletedTask;
    }

    /// <summary>Takes every message that is visible now, in order; later ones stay.</summary>
    public IReadOnlyList<string> TakeVisible() => _messages.TakeVisible();

    /// <summary>The visible messages for one delivery, without taking them.</summary>
    public int VisibleFor(string deliveryId) => _messages.Visible.Count(m => ForwardBatchMessages.TryParse(m)?.DeliveryId == deliveryId);
}
