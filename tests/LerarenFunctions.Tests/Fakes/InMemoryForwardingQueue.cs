using System.Collections.Concurrent;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>The forwarding queue in memory: messages become visible after their delay, on the test's clock.</summary>
public sealed class InMemoryForwardingQueue(TimeProvider time) : IForwardingQueue
{
    private readonly ConcurrentQueue<(string Message, DateTimeOffset VisibleAt)> _messages = new();

    public int Count => _messages.Count;

    public IReadOnlyList<ForwardBatchMessage> Waiting => [.. _messages.Select(m => ForwardBatchMessages.TryParse(m.Message)!)];

    public Task EnqueueAsync(ForwardBatchMessage message, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        _messages.Enqueue((ForwardBatchMessages.Serialize(message), time.GetUtcNow() + (delay ?? TimeSpan.Zero)));
        return Task.CompletedTask;
    }

    /// <summary>Takes every message that is visible now, in order; later ones stay.</summary>
    public IReadOnlyList<string> TakeVisible()
    {
        var now = time.GetUtcNow();
        var taken = new List<string>();
        var later = new List<(string, DateTimeOffset)>();
        while (_messages.TryDequeue(out var message))
        {
            if (message.VisibleAt <= now)
            {
                taken.Add(message.Message);
            }
            else
            {
                later.Add(message);
            }
        }

        foreach (var message in later)
        {
            _messages.Enqueue(message);
        }

        return taken;
    }

    /// <summary>The visible messages for one delivery, without taking them.</summary>
    public int VisibleFor(string deliveryId) =>
        _messages.Count(m => m.VisibleAt <= time.GetUtcNow() && ForwardBatchMessages.TryParse(m.Message)?.DeliveryId == deliveryId);
}
