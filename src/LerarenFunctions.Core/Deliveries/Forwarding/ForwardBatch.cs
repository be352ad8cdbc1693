using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Sends one batch to the register and records the answer; the last batch of a delivery finishes it. The register
/// applies a repeated idempotency key once and answers it the same way, so a message handled twice changes nothing.
/// A transient failure schedules the next attempt on the queue with an exponential back-off, so a register outage of
/// an hour does not use up the queue's few quick redeliveries; after the last attempt, or at once on a permanent
/// refusal, the batch is dead-lettered. Errors of our own (storage, bugs) are rethrown: the queue retries them and
/// finally moves the message to the poison queue, which dead-letters the batch too.
/// </summary>
public sealed partial class ForwardBatch(
    IDeliveryStore store,
    IRegisterClient register,
    IForwardingQueue queue,
    FinishForwarding finishForwarding,
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

        var work = await ReadBatchAsync(claim, cancellationToken);
        if (work is null)
        {
            return;
        }

        var (bestuursnummer, records, failedAttempts) = work.Value;
        IReadOnlyList<RecordResult> results;
        try
        {
            results = await register.SubmitAsync(bestuursnummer, records, ForwardBatchMessages.IdempotencyKey(claim), cancellationToken);
        }
        catch (RegisterRefusedException refused)
        {
            LogRefused(logger, claim.DeliveryId, claim.Batch, refused.StatusCode);
            await GiveUpAsync(claim, new DeadLetterInfo($"REGISTER_WEIGERT_{refused.StatusCode}", failedAttempts + 1, refused.Message), cancellationToken);
            return;
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            await ScheduleRetryOrGiveUpAsync(claim, failedAttempts + 1, dequeueCount, ex, cancellationToken);
            return;
        }

        await store.CompleteBatchAsync(claim.DeliveryId, bestuursnummer, claim.Batch, RegisterResults.For(records, results), cancellationToken);
        LogBatchCompleted(logger, claim.DeliveryId, claim.Batch);

        // Batches are queued in order, so the last one usually finishes last: only it looks whether the delivery is
        // done, which saves a read per batch. When another finishes after it, the periodic check closes the delivery.
        if ((claim.Batches == 0 || claim.Batch >= claim.Batches) && !await store.AnyOpenBatchAsync(claim.DeliveryId, cancellationToken))
        {
            await finishForwarding.HandleAsync(claim.DeliveryId, cancellationToken);
        }
    }

    /// <summary>
    /// The rows come with the message when they fit; a message without them is a claim check on storage, where a batch
    /// that was finished already is skipped. A message with rows is sent as it is: the register answers a repeated
    /// idempotency key with its first answer, so a message handled twice changes nothing.
    /// </summary>
    private async Task<(Bestuursnummer Bestuursnummer, IReadOnlyList<TeacherRecord> Records, long FailedAttempts)?> ReadBatchAsync(
        ForwardBatchMessage claim, CancellationToken cancellationToken)
    {
        if (claim.Records is not null && Bestuursnummer.TryParse(claim.Bestuursnummer, out var fromMessage))
        {
            try
            {
                return (fromMessage, PackedRecords.FromBytes(claim.Records).Unpack(), claim.FailedAttempts);
            }
            catch (InvalidDataException)
            {
                // Damaged on the way: storage has the same rows.
                LogUnreadableRecords(logger, claim.DeliveryId, claim.Batch);
            }
        }

        var batch = await store.GetBatchAsync(claim.DeliveryId, claim.Batch, cancellationToken);
        if (batch is null)
        {
            LogUnknownBatch(logger, claim.DeliveryId, claim.Batch);
            return null;
        }

        if (batch.State != BatchState.Open)
        {
            LogAlreadyDone(logger, claim.DeliveryId, claim.Batch, batch.State);
            return null;
        }

        return (batch.Bestuursnummer, batch.Records.Unpack(), Math.Max(batch.FailedAttempts, claim.FailedAttempts));
    }

    private async Task GiveUpAsync(ForwardBatchMessage claim, DeadLetterInfo deadLetter, CancellationToken cancellationToken)
    {
        var batch = await store.GetBatchAsync(claim.DeliveryId, claim.Batch, cancellationToken);
        if (batch is null || batch.State != BatchState.Open)
        {
            return;
        }

        if (await store.DeadLetterBatchAsync(batch, deadLetter, time.GetUtcNow(), cancellationToken))
        {
            await finishForwarding.HandleAsync(claim.DeliveryId, cancellationToken);
        }
    }

    private async Task ScheduleRetryOrGiveUpAsync(ForwardBatchMessage claim, long attempt, long dequeueCount, Exception error, CancellationToken cancellationToken)
    {
        var description = Describe(error);
        await store.RecordAttemptFailureAsync(claim.DeliveryId, claim.Batch, attempt, description, cancellationToken);
        if (attempt >= _options.MaxAttempts)
        {
            LogGivenUp(logger, claim.DeliveryId, claim.Batch, attempt, error.GetType().Name);
            await GiveUpAsync(claim, new DeadLetterInfo("POGINGEN_OP", attempt, description), cancellationToken);
            return;
        }

        var delay = RetryDelay(attempt);
        LogAttemptFailed(logger, claim.DeliveryId, claim.Batch, attempt, dequeueCount, error.GetType().Name, delay);
        await queue.EnqueueAsync(claim with { FailedAttempts = attempt }, cancellationToken, delay);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch} of delivery {DeliveryId} done")]
    private static partial void LogBatchCompleted(ILogger logger, string deliveryId, int batch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rows in the message for batch {Batch} of delivery {DeliveryId} cannot be read; reading them from storage")]
    private static partial void LogUnreadableRecords(ILogger logger, string deliveryId, int batch);

}
