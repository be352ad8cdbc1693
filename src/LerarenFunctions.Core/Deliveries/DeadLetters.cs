using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Batches that could not be forwarded: recorded when their message reaches the poison queue, listed for
/// operators and replayed by them once the cause is fixed. Recording and replaying are both idempotent.
/// </summary>
public sealed partial class DeadLetters(
    IDeliveryStore store,
    IForwardingQueue queue,
    FinishForwarding finishForwarding,
    TimeProvider time,
    ILogger<DeadLetters> logger)
{
    /// <summary>Handles a message that used up its attempts on the forwarding queue.</summary>
    public async Task HandlePoisonAsync(string message, CancellationToken cancellationToken)
    {
        var claim = ForwardBatchMessages.TryParse(message);
        if (claim is null)
        {
            LogUnreadable(logger);
            return;
        }

        var batch = await store.GetBatchAsync(claim.DeliveryId, claim.Batch, cancellationToken);
        if (batch is null || batch.State != BatchState.Open)
        {
            // Completed after all (a late success), dead-lettered before, or unknown: nothing to record.
            return;
        }

        var lastOpen = await store.DeadLetterBatchAsync(batch, new DeadLetterInfo("POGINGEN_OP", batch.FailedAttempts, batch.LastError), time.GetUtcNow(), cancellationToken);
        LogDeadLettered(logger, claim.DeliveryId, claim.Batch, batch.FailedAttempts);
        if (lastOpen)
        {
            await finishForwarding.HandleAsync(claim.DeliveryId, cancellationToken);
        }
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken) => store.ListDeadLettersAsync(cancellationToken);

    /// <summary>
    /// Offers a dead-lettered batch to the register again. Returns false when the batch is unknown or was
    /// completed; replaying twice queues it twice, which the forwarding skips.
    /// </summary>
    public async Task<bool> ReplayAsync(string deliveryId, int batch, CancellationToken cancellationToken)
    {
        var state = await store.ReopenDeadLetterAsync(deliveryId, batch, cancellationToken);
        if (state != BatchState.Open)
        {
            return false;
        }

        var stored = await store.GetBatchAsync(deliveryId, batch, cancellationToken);
        var delivery = await store.FindAsync(deliveryId, cancellationToken);
        if (stored is null || delivery is null)
        {
            return false;
        }

        await queue.EnqueueAsync(ForwardBatchMessages.For(stored, delivery.Counts.Batches), cancellationToken);
        LogReplayed(logger, deliveryId, batch);
        return true;
    }

    /// <summary>Replays every dead letter; returns how many were queued again.</summary>
    public async Task<int> ReplayAllAsync(CancellationToken cancellationToken)
    {
        var replayed = 0;
        foreach (var letter in await store.ListDeadLettersAsync(cancellationToken))
        {
            if (await ReplayAsync(letter.DeliveryId, letter.Batch, cancellationToken))
            {
                replayed++;
            }
        }

        return replayed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A poison message could not be read; dropped")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Batch} of delivery {DeliveryId} dead-lettered after {Attempts} failed attempts")]
    private static partial void LogDeadLettered(ILogger logger, string deliveryId, int batch, long attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead-lettered batch {Batch} of delivery {DeliveryId} queued again")]
    private static partial void LogReplayed(ILogger logger, string deliveryId, int batch);
}
