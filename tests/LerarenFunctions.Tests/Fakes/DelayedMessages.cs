using System.Collections.Concurrent;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>A storage queue in memory: messages become visible after their delay, on the test's clock.</summary>
public sealed class DelayedMessages(TimeProvider time)
{
    private readonly ConcurrentQueue<(string Message, DateTimeOffset VisibleAt)> _messages = new();

    public int Count => _messages.Count;

    public IEnumerable<string> All => _messages.Select(m => m.Message);

    public void Add(string message, TimeSpan? delay) => _messages.Enqueue((message, time.GetUtcNow() + (delay ?? TimeSpan.Zero)));

    /// <summary>The messages visible now, without taking them.</summary>
    public IEnumerable<string> Visible => _messages.Where(m => m.VisibleAt <= time.GetUtcNow()).Select(m => m.Message);

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
}
