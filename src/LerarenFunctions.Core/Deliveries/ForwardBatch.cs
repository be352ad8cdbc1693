using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Sends one stored batch to the register and records the answer. A batch that is complete already is skipped,
/// and the register applies a repeated idempotency key once, so a message handled twice changes nothing.
/// A transient failure schedules the next attempt on the queue with an exponential back-off, so a register outage of
/// an hour does not use up the queue's few quick redeliveries; after the last attempt, or at once on a permanent
/// refusal, the batch is dead-lettered. Errors of our own (storage, bugs) are rethrown: the queue retries them and
/// finally moves the message to the poison queue, which dead-letters the batch too.
/// </summary>
public sealed partial class ForwardBatch(
    IDeliveryStore store,
    IRegisterClient register,
    IForwardingQueue queue,
    FinalTerugmelding finalTerugmelding,
    IOptions<ForwardingOptions> options,
    TimeProvider time,
    ILogger<ForwardBatch> logger)
{
    private readonly ForwardingOptions _options = options.Value;

    /// <param name="message">A <see cref="ForwardBatchMessage"/> as JSON.</param>
    /// <param name="dequeueCount">How often the queue delivered this message (more than 1 after an error of our own).</param>
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
            var afterRefusal = await store.DeadLetterBatchAsync(claim.DeliveryId, claim.Batch,
                new DeadLetterInfo($"REGISTER_WEIGERT_{refused.StatusCode}", dequeueCount, refused.Message), time.GetUtcNow(), cancellationToken);
            await finalTerugmelding.WriteIfCompletedAsync(afterRefusal, cancellationToken);
            return;
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            await ScheduleRetryOrGiveUpAsync(claim, batch.FailedAttempts + 1, dequeueCount, ex, cancellationToken);
            return;
        }

        var updated = await store.CompleteBatchAsync(claim.DeliveryId, claim.Batch, results, time.GetUtcNow(), cancellationToken);
        LogBatchCompleted(logger, claim.DeliveryId, claim.Batch, updated.Counts.BatchesCompleted, updated.Counts.Batches);
        if (updated.Status == DeliveryStatus.Afgerond)
        {
            LogDeliveryCompleted(logger, claim.DeliveryId, updated.Counts.Registered, updated.Counts.RejectedByRegister, updated.Counts.Failed);
            await finalTerugmelding.WriteIfCompletedAsync(updated, cancellationToken);
        }
    }

    private async Task ScheduleRetryOrGiveUpAsync(ForwardBatchMessage claim, long attempt, long dequeueCount, Exception error, CancellationToken cancellationToken)
    {
        var description = Describe(error);
        await store.RecordAttemptFailureAsync(claim.DeliveryId, claim.Batch, attempt, description, cancellationToken);
        if (attempt >= _options.MaxAttempts)
        {
            LogGivenUp(logger, claim.DeliveryId, claim.Batch, attempt, error.GetType().Name);
            var afterGivingUp = await store.DeadLetterBatchAsync(claim.DeliveryId, claim.Batch,
                new DeadLetterInfo("POGINGEN_OP", attempt, description), time.GetUtcNow(), cancellationToken);
            await finalTerugmelding.WriteIfCompletedAsync(afterGivingUp, cancellationToken);
            return;
        }

        var delay = RetryDelay(attempt);
        LogAttemptFailed(logger, claim.DeliveryId, claim.Batch, attempt, dequeueCount, error.GetType().Name, delay);
        await queue.EnqueueAsync(claim, cancellationToken, delay);
    }

    /// <summary>Base delay doubled per failed attempt, capped, with up to 20% jitter so batches do not return in step.</summary>
    private TimeSpan RetryDelay(long attempt)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = exponential < _options.RetryMaxDelay ? exponential : _options.RetryMaxDelay;
        return capped * (1 + (Random.Shared.NextDouble() * 0.2));
    }

    /// <summary>Failures of the register or the way to it; a cancelled host is not the register's fault.</summary>
    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is RegisterUnavailableException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} for batch {Batch} of delivery {DeliveryId} failed ({Error}, delivery {DequeueCount}); next attempt in {Delay}")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, int batch, long attempt, long dequeueCount, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Batch} of delivery {DeliveryId} dead-lettered after {Attempts} failed attempts ({Error})")]
    private static partial void LogGivenUp(ILogger logger, string deliveryId, int batch, long attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch} of delivery {DeliveryId} done ({Completed}/{Total})")]
    private static partial void LogBatchCompleted(ILogger logger, string deliveryId, int batch, int completed, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} afgerond: {Registered} registered, {Rejected} rejected by the register, {Failed} failed")]
    private static partial void LogDeliveryCompleted(ILogger logger, string deliveryId, int registered, int rejected, int failed);
}
