namespace LerarenFunctions.Core.Email;

/// <summary>The queue that wakes the sender: a message carries an outbox id only.</summary>
public interface IEmailQueue
{
    Task EnqueueAsync(string id, CancellationToken cancellationToken, TimeSpan? delay = null);
}
