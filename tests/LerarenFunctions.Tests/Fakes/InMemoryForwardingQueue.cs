using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>The forwarding queue in memory: messages become visible after their delay, on the test's clock.</summary>
public sealed class InMemoryForwardingQueue(TimeProvider time) : IForwardingQueue
{
    private readonly DelayedMessages _messages = new(time);

    public int Count => _messages.Count;

    public IReadOnlyList<ForwardBatchMessage> Waiting => [.. _messages.All.Select(m => ForwardBatchMessages.TryParse(m)!)];

    public async Task EnqueueAsync(ForwardBatchMessage message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        // A real queue answers later: sends made in parallel may land in any order, as they do in Azure.
        await Task.Delay(Random.Shared.Next(2), cancellationToken);
        _messages.Add(ForwardBatchMessages.Serialize(message), delay);
    }

    /// <summary>Takes every message that is visible now, in order; later ones stay.</summary>
    public IReadOnlyList<string> TakeVisible() => _messages.TakeVisible();

    /// <summary>The visible messages for one delivery, without taking them.</summary>
    public int VisibleFor(string deliveryId) => _messages.Visible.Count(m => ForwardBatchMessages.TryParse(m)?.DeliveryId == deliveryId);
}
