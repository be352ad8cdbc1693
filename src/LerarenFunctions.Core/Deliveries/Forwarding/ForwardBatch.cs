using System.Diagnostics;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Sends one batch to the register and records the answer; the last batch of a delivery closes it. The register
/// applies a repeated idempotency key once and answers it the same way, so a message handled twice changes nothing:
/// the answer is written only while the batch is as it was when its message was queued, and otherwise only when the
/// batch still needs it. A batch that was given up and is answered after all (a late success) is completed, its dead
/// letter closed and its delivery closed again, so counts, terugmelding and dead letters agree.
/// A transient failure schedules the next attempt on the queue with an exponential back-off (one chain of attempts per
/// batch: a second chain stops at its first failure); after the last attempt, or at once on a permanent refusal, the
/// batch is dead-lettered. Errors of our own (storage, bugs) are rethrown: the queue retries them and finally moves the
/// message to the poison queue, which dead-letters the batch too.
/// </summary>
public sealed partial class ForwardBatch(
    IBatchStore batches,
    IDeliveryStore deliveries,
    IDeadLetterStore deadLetters,
    IRegisterClient register,
    IForwardingQueue queue,
    DeadLetterBatch deadLetterBatch,
    CloseDelivery closeDelivery,
    IOptions<ForwardingOptions> options,
    LerarenMetrics metrics,
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

        // The batch's span continues the delivery's trace from the message; its register call is a child span.
        using var span = DeliveryWork.Start(logger, nameof(ForwardBatch), claim.DeliveryId, claim.TraceParent, ActivityKind.Consumer);
        span.Activity?.SetTag(LerarenTelemetry.BatchTag, claim.Batch);
        try
        {
            await ForwardAsync(claim, dequeueCount, span, cancellationToken);
        }
        catch (Exception ex)
        {
            span.Fail(ex);
            throw;
        }
    }

    private async Task ForwardAsync(ForwardBatchMessage claim, long dequeueCount, DeliveryWork span, CancellationToken cancellationToken)
    {
        if (await ReadWorkAsync(claim, cancellationToken) is not { } work)
        {
            return;
        }

        IReadOnlyList<RecordResult> results;
        var started = time.GetTimestamp();
        try
        {
            results = await register.SubmitAsync(work.Bestuursnummer, work.Records, ForwardBatchMessages.IdempotencyKey(claim), cancellationToken);
            metrics.RegisterCalled("success", time.GetElapsedTime(started));
        }
        catch (RegisterRefusedException refused)
        {
            metrics.RegisterCalled("refused", time.GetElapsedTime(started));
            span.Fail(refused);
            LogRefused(logger, claim.DeliveryId, claim.Batch, refused.StatusCode);
            await deadLetterBatch.GiveUpAsync(claim.DeliveryId, claim.Batch, DeadLetterReasons.Refused(refused.StatusCode), work.FailedAttempts + 1, Describe(refused), cancellationToken);
            return;
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            metrics.RegisterCalled(ex is RegisterAnswerInvalidException ? "invalid_answer" : "unavailable", time.GetElapsedTime(started));
            span.Fail(ex);
            await AttemptFailedAsync(claim, work.FailedAttempts + 1, dequeueCount, ex, cancellationToken);
            return;
        }

        var answers = RegisterResults.For(work.Records, results);
        foreach (var outcome in answers.GroupBy(r => r.Resultaat, StringComparer.Ordinal))
        {
            metrics.RowsForwarded(outcome.Key, outcome.Count());
        }

        await CompleteAsync(claim, work, answers, cancellationToken);
    }

    /// <summary>
    /// The rows come with the message when they fit; a message without them is a claim check on storage, where a batch
    /// that is not open any more is skipped.
    /// </summary>
    private async Task<Work?> ReadWorkAsync(ForwardBatchMessage claim, CancellationToken cancellationToken)
    {
        // Exact, as every folder and route reads it: a message that does not carry the number as stored is not trusted.
        if (claim.Records is not null && Bestuursnummer.TryParseExact(claim.Bestuursnummer, out var fromMessage))
        {
            try
            {
                return new Work(fromMessage, PackedRecords.FromBytes(claim.Records).Unpack(), claim.FailedAttempts, claim.Version);
            }
            catch (InvalidDataException)
            {
                // Damaged on the way: storage has the same rows.
                LogUnreadableRecords(logger, claim.DeliveryId, claim.Batch);
            }
        }

        var stored = await batches.GetAsync(claim.DeliveryId, claim.Batch, cancellationToken);
        if (stored is not { Value: { State: BatchState.Open, Records: { } records } batch })
        {
            LogNotOpen(logger, claim.DeliveryId, claim.Batch, stored?.Value.State);
            return null;
        }

        return new Work(batch.Bestuursnummer, records.Unpack(), Math.Max(batch.FailedAttempts, claim.FailedAttempts), stored.Version);
    }

    private async Task CompleteAsync(ForwardBatchMessage claim, Work work, IReadOnlyList<RegisterResultaat> results, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The usual case costs one write: the batch is as its message was queued with, so it is open.
        var written = work.Version is { } version
            && await batches.TryReplaceAsync(Batch.Answered(claim.DeliveryId, claim.Batch, work.Bestuursnummer, results, work.FailedAttempts, now), version, cancellationToken) is not null;
        var lateSuccess = false;
        if (!written)
        {
            var current = await batches.GetAsync(claim.DeliveryId, claim.Batch, cancellationToken);
            if (current is null || current.Value.State == BatchState.Completed)
            {
                LogNotOpen(logger, claim.DeliveryId, claim.Batch, current?.Value.State);
                return;
            }

            lateSuccess = current.Value.State == BatchState.DeadLettered;
            if (lateSuccess)
            {
                // Reopened first: if this run stops after the batch is written, the periodic check closes it again.
                await deliveries.UpdateAsync(claim.DeliveryId, d => d.Reopen(now), cancellationToken);
            }

            if (await batches.UpdateAsync(claim.DeliveryId, claim.Batch, b => b.Answer(results, now), cancellationToken) is null)
            {
                return;
            }
        }

        LogBatchCompleted(logger, claim.DeliveryId, claim.Batch);
        if (lateSuccess)
        {
            await deadLetters.DeleteAsync(claim.DeliveryId, claim.Batch, cancellationToken);
            LogLateSuccess(logger, claim.DeliveryId, claim.Batch);
            await closeDelivery.HandleAsync(claim.DeliveryId, cancellationToken);
            return;
        }

        // Batches are queued in order, so the last one usually finishes last: only it looks whether the delivery is
        // done, which saves a read per batch. When another finishes after it, the periodic check closes the delivery.
        if ((claim.Batches == 0 || claim.Batch >= claim.Batches) && !await batches.AnyOpenAsync(claim.DeliveryId, cancellationToken))
        {
            await closeDelivery.HandleAsync(claim.DeliveryId, cancellationToken);
        }
    }

    private async Task AttemptFailedAsync(ForwardBatchMessage claim, long attempt, long dequeueCount, Exception error, CancellationToken cancellationToken)
    {
        var description = Describe(error);
        if (attempt >= _options.MaxAttempts)
        {
            LogGivenUp(logger, claim.DeliveryId, claim.Batch, attempt, error.GetType().Name);
            var reason = error is RegisterAnswerInvalidException ? DeadLetterReasons.InvalidAnswer : DeadLetterReasons.AttemptsUsedUp;
            await deadLetterBatch.GiveUpAsync(claim.DeliveryId, claim.Batch, reason, attempt, description, cancellationToken);
            return;
        }

        var delay = RetryDelay(attempt);
        var now = time.GetUtcNow();
        var next = await batches.UpdateAsync(claim.DeliveryId, claim.Batch, b => b.AttemptFailed(attempt, description, now + delay, now), cancellationToken);
        if (next is null)
        {
            // Answered or given up meanwhile, or another chain of attempts for this batch is as far: that one goes on.
            LogChainStopped(logger, claim.DeliveryId, claim.Batch, attempt);
            return;
        }

        LogAttemptFailed(logger, claim.DeliveryId, claim.Batch, attempt, dequeueCount, error.GetType().Name, delay);
        await queue.EnqueueAsync(claim with { FailedAttempts = attempt, Version = next.Version }, cancellationToken, delay);
    }

    /// <summary>Base delay doubled per failed attempt, capped, with up to 20% jitter so batches do not return in step.</summary>
    private TimeSpan RetryDelay(long attempt) =>
        BackOff.Exponential(_options.RetryBaseDelay, _options.RetryMaxDelay, attempt) * (1 + (Random.Shared.NextDouble() * 0.2));

    /// <summary>Failures of the register or the way to it; a cancelled host is not the register's fault.</summary>
    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is RegisterUnavailableException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The error as operators may read it: the type and message of each exception, no request content, no BSN.</summary>
    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null && parts.Count < 3; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        var text = PersonalData.MaskDigitRuns(string.Join(" -> ", parts));
        return text.Length <= 1000 ? text : text[..1000];
    }

    private sealed record Work(Bestuursnummer Bestuursnummer, IReadOnlyList<TeacherRecord> Records, long FailedAttempts, string? Version);

    [LoggerMessage(Level = LogLevel.Error, Message = "A forwarding message could not be read; dropped")]
    private static partial void LogUnreadableMessage(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch} of delivery {DeliveryId} is not open ({State}); skipped")]
    private static partial void LogNotOpen(ILogger logger, string deliveryId, int batch, BatchState? state);

    [LoggerMessage(Level = LogLevel.Error, Message = "The register refused batch {Batch} of delivery {DeliveryId} with status {Status}; not retried: an open batch is dead-lettered")]
    private static partial void LogRefused(ILogger logger, string deliveryId, int batch, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} for batch {Batch} of delivery {DeliveryId} failed ({Error}, delivery {DequeueCount}); next attempt in {Delay}")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, int batch, long attempt, long dequeueCount, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} for batch {Batch} of delivery {DeliveryId} failed, and the batch is answered, given up or tried by another message; this message stops")]
    private static partial void LogChainStopped(ILogger logger, string deliveryId, int batch, long attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Batch} of delivery {DeliveryId} dead-lettered after {Attempts} failed attempts ({Error})")]
    private static partial void LogGivenUp(ILogger logger, string deliveryId, int batch, long attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch} of delivery {DeliveryId} done")]
    private static partial void LogBatchCompleted(ILogger logger, string deliveryId, int batch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Batch} of delivery {DeliveryId} was answered after it had been given up; its dead letter is closed and the delivery closed again")]
    private static partial void LogLateSuccess(ILogger logger, string deliveryId, int batch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rows in the message for batch {Batch} of delivery {DeliveryId} cannot be read; reading them from storage")]
    private static partial void LogUnreadableRecords(ILogger logger, string deliveryId, int batch);
}
