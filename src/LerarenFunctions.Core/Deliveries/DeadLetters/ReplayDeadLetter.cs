using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Offers a dead-lettered batch to the register again, once an operator fixed the cause. The replay reopens the
/// delivery (<c>afgerond</c> → <c>doorsturen</c>) before the batch, so a replay that stops half-way leaves either a
/// delivery the periodic check closes again or an open batch it queues again; and the dead letter stays until the
/// batch is queued, so the operator can replay again. Replaying twice queues the batch twice, which the forwarding
/// skips. A replay that finds the delivery or the batch changed by others on every try stops with
/// <see cref="ReplayOutcome.Conflict"/>: a defined answer for the operator to try again, not an error.
/// </summary>
public sealed partial class ReplayDeadLetter(
    IBatchStore batches,
    IDeliveryStore deliveries,
    IDeadLetterStore deadLetters,
    IForwardingQueue queue,
    TimeProvider time,
    ILogger<ReplayDeadLetter> logger)
{
    /// <summary>What operators are told of a replay that ended in <see cref="ReplayOutcome.Conflict"/>: over the API, on the page and by the CLI.</summary>
    public const string ConflictMessage =
        "De aanlevering of de batch werd tijdens het opnieuw aanbieden steeds tegelijk gewijzigd. Er is niets verloren en de dode letter staat er nog: probeer het zo opnieuw.";

    public async Task<ReplayOutcome> HandleAsync(string deliveryId, int batch, CancellationToken cancellationToken)
    {
        // In the delivery's trace: the replayed batch's span hangs below this one, weeks after the first attempts.
        using var span = DeliveryWork.Start(logger, nameof(ReplayDeadLetter), deliveryId);
        span.Activity?.SetTag(LerarenTelemetry.BatchTag, batch);
        try
        {
            return await ReplayAsync(deliveryId, batch, cancellationToken);
        }
        catch (WriteConflictException conflict)
        {
            // What was written before the conflict leaves a state the periodic check or the next replay finishes.
            span.Fail(conflict);
            LogConflict(logger, deliveryId, batch);
            return ReplayOutcome.Conflict;
        }
    }

    /// <summary>Replays every dead letter that can be replayed, each on its own: one that cannot be replayed now does not stop the others.</summary>
    /// <returns>Every dead letter with what its replay did; one whose rows were removed is <see cref="ReplayOutcome.RowsRemoved"/> without a try.</returns>
    public async Task<IReadOnlyList<LetterReplay>> ReplayAllAsync(CancellationToken cancellationToken)
    {
        var replays = new List<LetterReplay>();
        foreach (var letter in await deadLetters.ListAsync(cancellationToken))
        {
            var outcome = letter.CanReplay ? await HandleAsync(letter.DeliveryId, letter.Batch, cancellationToken) : ReplayOutcome.RowsRemoved;
            replays.Add(new LetterReplay(letter, outcome));
        }

        return replays;
    }

    private async Task<ReplayOutcome> ReplayAsync(string deliveryId, int batch, CancellationToken cancellationToken)
    {
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead-lettered batch {Batch} of delivery {DeliveryId} queued again")]
    private static partial void LogReplayed(ILogger logger, string deliveryId, int batch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered batch {Batch} of delivery {DeliveryId} kept changing while it was replayed; its dead letter stays for another try")]
    private static partial void LogConflict(ILogger logger, string deliveryId, int batch);
}

/// <summary>A dead letter and what its replay did.</summary>
public sealed record LetterReplay(DeadLetter Letter, ReplayOutcome Outcome);

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

    /// <summary>The delivery or the batch kept changing while it was replayed; the dead letter stays, a replay shortly after may succeed.</summary>
    Conflict,
}
