using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Offers a dead-lettered batch to the register again, once an operator fixed the cause. The replay reopens the
/// delivery (<c>afgerond</c> → <c>doorsturen</c>) before the batch, so a replay that stops half-way leaves either a
/// delivery the periodic check closes again or an open batch it queues again; and the dead letter stays until the
/// batch is queued, so the operator can replay again. Replaying twice queues the batch twice, which the forwarding
/// skips.
/// </summary>
public sealed partial class ReplayDeadLetter(
    IBatchStore batches,
    IDeliveryStore deliveries,
    IDeadLetterStore deadLetters,
    IForwardingQueue queue,
    TimeProvider time,
    ILogger<ReplayDeadLetter> logger)
{
    public async Task<ReplayOutcome> HandleAsync(string deliveryId, int batch, CancellationToken cancellationToken)
    {
        // In the delivery's trace: the replayed batch's span hangs below this one, weeks after the first attempts.
        using var span = DeliveryWork.Start(logger, nameof(ReplayDeadLetter), deliveryId);
        span.Activity?.SetTag(LerarenTelemetry.BatchTag, batch);
        var stored = await batches.GetAsync(deliveryId, batch, cancellationToken);
        switch (stored?.Value)
        {
            case null:
                return ReplayOutcome.Unknown;
            case { State: BatchState.Completed }:
                // Answered after all: whatever dead letter is left is closed.
                await deadLetters.DeleteAsync(deliveryId, batch, cancellationToken);
                return ReplayOutcome.NotDeadLettered;
            case { State: BatchState.DeadLettered, Records: null }:
                return ReplayOutcome.RowsRemoved;
        }

        var now = time.GetUtcNow();
        await deliveries.UpdateAsync(deliveryId, d => d.Reopen(now), cancellationToken);
        // An open batch (a replay that stopped after this, or one replayed twice) is queued as it is.
        var open = await batches.UpdateAsync(deliveryId, batch, b => b.Reopen(now), cancellationToken)
            ?? await batches.GetAsync(deliveryId, batch, cancellationToken);
        if (open is not { Value.State: BatchState.Open })
        {
            return ReplayOutcome.NotDeadLettered;
        }

        // Batches 0: the replayed batch looks itself whether its delivery is done.
        await queue.EnqueueAsync(ForwardBatchMessages.For(open, batches: 0), cancellationToken);
        await deadLetters.DeleteAsync(deliveryId, batch, cancellationToken);
        LogReplayed(logger, deliveryId, batch);
        return ReplayOutcome.Queued;
    }

    /// <summary>Replays every dead letter that can be replayed; returns how many were queued again.</summary>
    public async Task<int> ReplayAllAsync(CancellationToken cancellationToken)
    {
        var replayed = 0;
        foreach (var letter in await deadLetters.ListAsync(cancellationToken))
        {
            if (letter.CanReplay && await HandleAsync(letter.DeliveryId, letter.Batch, cancellationToken) == ReplayOutcome.Queued)
            {
                replayed++;
            }
        }

        return replayed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead-lettered batch {Batch} of delivery {DeliveryId} queued again")]
    private static partial void LogReplayed(ILogger logger, string deliveryId, int batch);
}

/// <summary>What a replay did.</summary>
public enum ReplayOutcome
{
    /// <summary>The batch is queued again.</summary>
    Queued,

    /// <summary>No such batch.</summary>
    Unknown,

    /// <summary>The batch is answered (or open without being a dead letter); there is nothing to replay.</summary>
    NotDeadLettered,

    /// <summary>The retention removed the batch's rows; it cannot be replayed (the board delivers those teachers again).</summary>
    RowsRemoved,
}
