using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Email;

/// <summary>
/// The outbox's safety net: a waiting e-mail that is due and has not been tried for
/// <see cref="OutboxOptions.PickUpAfter"/> (its queue message got lost, or went to the poison queue) is queued again.
/// Reads only the index of waiting messages.
/// </summary>
public sealed class CheckOutbox(IOutboxStore store, IEmailQueue queue, IOptions<OutboxOptions> options, TimeProvider time)
{
    /// <summary>Returns how many it queued again.</summary>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        await foreach (var stored in store.ListWaitingAsync(cancellationToken))
        {
            var message = stored.Value;
            var lastTouched = new[] { message.CreatedAt, message.NextAttemptAt ?? message.CreatedAt, message.LeaseUntil ?? message.CreatedAt }.Max();
            if (message.IsDue(now) && lastTouched <= now - options.Value.PickUpAfter)
            {
                await queue.EnqueueAsync(message.Id, cancellationToken);
                queued++;
            }
        }

        return queued;
    }
}
