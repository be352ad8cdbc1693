using System.Diagnostics;
using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Gives a batch up: after its last attempt, at once on a permanent refusal, or when its message reached the poison
/// queue (our own code failed on it every time). Its rows become <c>mislukt</c> and stay for a replay; operators see it
/// in the dead letters. Idempotent: a batch that was answered meanwhile, or given up already, stays as it is.
/// </summary>
public sealed partial class DeadLetterBatch(
    IBatchStore batches,
    IDeadLetterStore deadLetters,
    CloseDelivery closeDelivery,
    LerarenMetrics metrics,
    TimeProvider time,
    ILogger<DeadLetterBatch> logger)
{
    /// <summary>A message that used up the queue's redeliveries (the poison queue).</summary>
    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var claim = ForwardBatchMessages.TryParse(message);
        if (claim is null)
        {
            LogUnreadable(logger);
            return;
        }

        using var span = Start(claim.DeliveryId, claim.Batch, claim.TraceParent, ActivityKind.Consumer);
        var batch = await batches.GetAsync(claim.DeliveryId, claim.Batch, cancellationToken);
        if (batch is not { Value.State: BatchState.Open })
        {
            // Answered after all (a late success), given up before, or unknown: nothing to give up.
            return;
        }

        var attempts = Math.Max(batch.Value.FailedAttempts, claim.FailedAttempts);
        await GiveUpHeldAsync(batch, claim.DeliveryId, claim.Batch, DeadLetterReasons.AttemptsUsedUp, attempts,
            batch.Value.LastError ?? "De verwerking van deze batch mislukte bij elke poging door een fout aan onze kant.", cancellationToken);
    }

    /// <summary>Dead-letters an open batch; closes its delivery when no batch is open any more.</summary>
    public async Task GiveUpAsync(string deliveryId, int batch, string reason, long attempts, string? lastError, CancellationToken cancellationToken)
    {
        using var span = Start(deliveryId, batch, traceParent: null, ActivityKind.Internal);
        await GiveUpHeldAsync(known: null, deliveryId, batch, reason, attempts, lastError, cancellationToken);
    }

    private DeliveryWork Start(string deliveryId, int batch, string? traceParent, ActivityKind kind)
    {
        var span = DeliveryWork.Start(logger, nameof(DeadLetterBatch), deliveryId, traceParent, kind);
        span.Activity?.SetTag(LerarenTelemetry.BatchTag, batch);
        return span;
    }

    /// <summary>Gives the batch up; <c>known</c> is the batch as the caller just read it, or null to read it here.</summary>
    private async Task GiveUpHeldAsync(
        Stored<Batch>? known, string deliveryId, int batch, string reason, long attempts, string? lastError, CancellationToken cancellationToken)
    {
        // The batch decides: only an open batch is given up. One given up before keeps its dead letter as it is (when
        // it was given up, and whether the retention removed its rows), whatever stray message arrives for it later.
        if ((known ?? await batches.GetAsync(deliveryId, batch, cancellationToken)) is not { Value.State: BatchState.Open })
        {
            return;
        }

        var now = time.GetUtcNow();
        // The dead letter before the batch: a run that stops in between leaves an open batch, which is tried again,
        // and a dead letter that the listing closes once it finds that batch answered (or gone).
        await deadLetters.SaveAsync(new DeadLetter(deliveryId, batch, reason, attempts, lastError, now), cancellationToken);
        if (await batches.UpdateAsync(deliveryId, batch, b => b.GiveUp(reason, attempts, lastError, now), cancellationToken) is null)
        {
            if ((await batches.GetAsync(deliveryId, batch, cancellationToken))?.Value.State != BatchState.DeadLettered)
            {
                // Answered just now after all (or gone): there is nothing to replay.
                await deadLetters.DeleteAsync(deliveryId, batch, cancellationToken);
            }

            return;
        }

        LogDeadLettered(logger, deliveryId, batch, reason, attempts);
        metrics.BatchDeadLettered(reason);
        if (!await batches.AnyOpenAsync(deliveryId, cancellationToken))
        {
            await closeDelivery.HandleAsync(deliveryId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A poison message could not be read; dropped")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Batch} of delivery {DeliveryId} dead-lettered ({Reason}) after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string deliveryId, int batch, string reason, long attempts);
}
