using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Sends one stored batch to the register and records the answer. A batch that is complete already is skipped,
/// and the register applies a repeated idempotency key once, so a message handled twice changes nothing.
/// A transient failure is remembered and rethrown (the queue retries; after the last attempt the message goes to
/// the poison queue); a permanent refusal dead-letters the batch at once.
/// </summary>
public sealed partial class ForwardBatch(
    IDeliveryStore store,
    IRegisterClient register,
    TimeProvider time,
    ILogger<ForwardBatch> logger)
{
    /// <param name="message">A <see cref="ForwardBatchMessage"/> as JSON.</param>
    /// <param name="dequeueCount">Which attempt this is (1 for the first).</param>
    /// <param name="cancellationToken">Stops the attempt; the message comes back.</param>
    public async Task HandleAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        var claim = ForwardBatchMessages.TryParse(message);
        if (claim is null)
        {
            // A message that is not ours cannot be attributed to any delivery: retrying it would not help.
            LogUnreadableMessage(logger);
            return;
        }

        var delivery = await store.FindAsync(claim.DeliveryId, cancellationToken);
        var batch = delivery is null ? null : await store.GetBatchAsync(claim.DeliveryId, claim.Batch, cancellationToken);
        if (delivery is null || batch is null)
        {
            LogUnknownBatch(logger, claim.DeliveryId, claim.Batch);
            return;
        }

        if (batch.State != BatchState.Open)
        {
            LogAlreadyDone(logger, claim.DeliveryId, claim.Batch, batch.State);
            return;
        }

        IReadOnlyList<RecordResult> results;
        try
        {
            results = await register.SubmitAsync(delivery.Bestuursnummer, batch.Records, ForwardBatchMessages.IdempotencyKey(claim), cancellationToken);
        }
        catch (RegisterRefusedException refused)
        {
            LogRefused(logger, claim.DeliveryId, claim.Batch, refused.StatusCode);
            await store.DeadLetterBatchAsync(claim.DeliveryId, claim.Batch,
                new DeadLetterInfo($"REGISTER_WEIGERT_{refused.StatusCode}", dequeueCount, refused.Message), time.GetUtcNow(), cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAttemptFailed(logger, claim.DeliveryId, claim.Batch, dequeueCount, ex.GetType().Name);
            await store.RecordAttemptFailureAsync(claim.DeliveryId, claim.Batch, dequeueCount, Describe(ex), CancellationToken.None);
            throw;
        }

        var updated = await store.CompleteBatchAsync(claim.DeliveryId, claim.Batch, results, time.GetUtcNow(), cancellationToken);
        LogBatchCompleted(logger, claim.DeliveryId, claim.Batch, updated.Counts.BatchesCompleted, updated.Counts.Batches);
        if (updated.Status == DeliveryStatus.Afgerond)
        {
            LogDeliveryCompleted(logger, claim.DeliveryId, updated.Counts.Registered, updated.Counts.RejectedByRegister, updated.Counts.Failed);
        }
    }

    /// <summary>The error as operators may read it: the type and message of each exception, no request content.</summary>
    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null && parts.Count < 3; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        var text = string.Join(" -> ", parts);
        return text.Length <= 1000 ? text : text[..1000];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A forwarding message could not be read; dropped")]
    private static partial void LogUnreadableMessage(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Batch} of delivery {DeliveryId} is unknown; dropped")]
    private static partial void LogUnknownBatch(ILogger logger, string deliveryId, int batch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch} of delivery {DeliveryId} is {State} already; skipped")]
    private static partial void LogAlreadyDone(ILogger logger, string deliveryId, int batch, BatchState state);

    [LoggerMessage(Level = LogLevel.Error, Message = "The register refused batch {Batch} of delivery {DeliveryId} with status {Status}; dead-lettered without retries")]
    private static partial void LogRefused(ILogger logger, string deliveryId, int batch, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} for batch {Batch} of delivery {DeliveryId} failed ({Error}); the queue retries it")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, int batch, long attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch} of delivery {DeliveryId} done ({Completed}/{Total})")]
    private static partial void LogBatchCompleted(ILogger logger, string deliveryId, int batch, int completed, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} afgerond: {Registered} registered, {Rejected} rejected by the register, {Failed} failed")]
    private static partial void LogDeliveryCompleted(ILogger logger, string deliveryId, int registered, int rejected, int failed);
}
