using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Core.Email;

/// <summary>The outbox. Every replace is conditional on the version read.</summary>
public interface IOutboxStore
{
    Task<Stored<OutboxMessage>?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Adds the message; null when one with its id exists (it was written before: nothing to add).</summary>
    Task<Stored<OutboxMessage>?> TryAddAsync(OutboxMessage message, CancellationToken cancellationToken);

    Task<Stored<OutboxMessage>?> TryReplaceAsync(Stored<OutboxMessage> current, OutboxMessage next, CancellationToken cancellationToken);

    /// <summary>The messages not yet final: a query of an index, never of the sent ones.</summary>
    IAsyncEnumerable<Stored<OutboxMessage>> ListWaitingAsync(CancellationToken cancellationToken);

    /// <summary>The messages given up (<see cref="OutboxStatus.Mislukt"/>), for operators, until the retention removes them.</summary>
    IAsyncEnumerable<OutboxMessage> ListFailedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The messages given up at or before <paramref name="before"/> (to the second), oldest first, for the retention: a
    /// range of an index, never a read per message.
    /// </summary>
    IAsyncEnumerable<FailedEmail> ListFailedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Removes a message given up and its index row; one that is gone is no error.</summary>
    Task DeleteFailedAsync(FailedEmail failed, CancellationToken cancellationToken);

    /// <summary>
    /// The messages sent at or before <paramref name="before"/> (to the second), oldest first, for the retention: a
    /// range of an index, never a read per message.
    /// </summary>
    IAsyncEnumerable<SentEmail> ListSentBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Removes a sent message and its index row; one that is gone is no error.</summary>
    Task DeleteSentAsync(SentEmail sent, CancellationToken cancellationToken);
}

/// <summary>A sent message as the retention finds it: its id and when it was sent (to the second).</summary>
public sealed record SentEmail(string Id, DateTimeOffset SentAt);

/// <summary>A message given up as the retention finds it: its id and when it was given up (to the second).</summary>
public sealed record FailedEmail(string Id, DateTimeOffset FailedAt);
