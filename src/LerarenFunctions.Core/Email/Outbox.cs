using LerarenFunctions.Core.Telemetry;

namespace LerarenFunctions.Core.Email;

/// <summary>
/// Puts an e-mail in the outbox and wakes the sender. The row is written first: a queue message that gets lost is made
/// good by <see cref="CheckOutbox"/>. With an id that was used before nothing is added or sent again, so a caller that
/// runs twice (a timer that fires twice) queues once.
/// </summary>
public sealed class Outbox(IOutboxStore store, IEmailQueue queue)
{
    /// <summary>Queues <paramref name="message"/>; false when its id was queued before.</summary>
    public async Task<bool> QueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The send continues the trace of what queued it: the delivery's, or the request or timer run of the moment.
        var traceParent = message.TraceParent
            ?? (message.DeliveryId is { } deliveryId ? DeliveryTrace.TraceParentFor(deliveryId) : DeliveryTrace.CurrentTraceParent());
        if (await store.TryAddAsync(message with { Status = OutboxStatus.Wachtend, Attempts = 0, TraceParent = traceParent }, cancellationToken) is null)
        {
            return false;
        }

        await queue.EnqueueAsync(message.Id, cancellationToken);
        return true;
    }
}
