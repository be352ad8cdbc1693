using System.Diagnostics;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Email;

/// <summary>
/// Sends one e-mail of the outbox (a queue message carries its id). The attempt takes the message's lease with a
/// conditional write before it talks to the mail server, so two deliveries of the queue message, two instances or the
/// periodic check never send it twice; a failed send waits its back-off in the queue and is given up (a dead letter)
/// after <see cref="OutboxOptions.MaxAttempts"/>, or at once when the server refused it for good. Only a host that dies after the server accepted the message and
/// before the status is written leads to a second send after the lease; the same Message-ID marks it as a copy.
/// </summary>
public sealed partial class SendEmail(
    IOutboxStore store, IEmailQueue queue, IEmailSender sender, IOptions<OutboxOptions> options, LerarenMetrics metrics, TimeProvider time, ILogger<SendEmail> logger)
{
    public async Task HandleAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = await store.GetAsync(id, cancellationToken);
        if (current is null || current.Value.IsFinal)
        {
            return;
        }

        if (!current.Value.IsDue(now))
        {
            // Early (its back-off) or held by another attempt: come back when it is due; the lease holder needs nobody.
            if (current.Value.LeaseUntil is null && current.Value.NextAttemptAt is { } next)
            {
                await queue.EnqueueAsync(id, cancellationToken, next - now);
            }

            return;
        }

        var taken = await store.TryReplaceAsync(current, current.Value.Take(now, options.Value.Lease)!, cancellationToken);
        if (taken is null)
        {
            // Another attempt took it first.
            return;
        }

        // The attempt that sends is a span of the trace that queued the e-mail (a delivery's, for its terugmelding).
        using var span = StartSpan(taken.Value);
        using var scope = logger.BeginScope(new Dictionary<string, object> { [LerarenTelemetry.EmailIdTag] = id, [LerarenTelemetry.BestuursnummerTag] = taken.Value.Bestuursnummer.Value });
        try
        {
            await sender.SendAsync(taken.Value.ToEmail(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            span.Fail(ex);
            await FailAsync(taken, ex, cancellationToken);
            return;
        }

        await UpdateAsync(taken, m => m.Sent(time.GetUtcNow()), cancellationToken);
        LogSent(logger, taken.Value.Soort, taken.Value.Attempts);
        metrics.EmailSent(taken.Value.Soort);
    }

    /// <summary>In the delivery's trace when the e-mail is about one; else below the trace that queued it, if any.</summary>
    private DeliveryWork StartSpan(OutboxMessage message)
    {
        DeliveryWork span;
        if (message.DeliveryId is { } deliveryId)
        {
            span = DeliveryWork.Start(logger, nameof(SendEmail), deliveryId, message.TraceParent, ActivityKind.Consumer);
        }
        else
        {
            ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var parent);
            var current = Activity.Current;
            ActivityLink[]? links = parent != default && current is not null ? [new ActivityLink(current.Context)] : null;
            span = DeliveryWork.Wrap(LerarenTelemetry.Source.StartActivity(nameof(SendEmail), ActivityKind.Consumer, parent, links: links));
            span.Activity?.SetTag(LerarenTelemetry.BestuursnummerTag, message.Bestuursnummer.Value);
        }

        span.Activity?.SetTag(LerarenTelemetry.EmailIdTag, message.Id);
        return span;
    }

    private async Task FailAsync(Stored<OutboxMessage> taken, Exception error, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var reason = PersonalData.MaskDigitRuns(error.Message.Length > 300 ? error.Message[..300] : error.Message);
        var backOff = o.BackOff(taken.Value.Attempts);
        // Refused for good (this recipient, this message): another attempt would only be refused again.
        var maxAttempts = error is EmailRefusedException { IsPermanent: true } ? 0 : o.MaxAttempts;
        var written = await UpdateAsync(taken, m => m.Failed(reason, time.GetUtcNow(), backOff, maxAttempts), cancellationToken);
        metrics.EmailFailed(taken.Value.Soort, givenUp: written?.Value.Status == OutboxStatus.Mislukt);
        if (written?.Value.Status == OutboxStatus.Mislukt)
        {
            LogGivenUp(logger, error, taken.Value.Soort, written.Value.Attempts);
            return;
        }

        LogFailed(logger, error, taken.Value.Soort, taken.Value.Attempts, backOff);
        await queue.EnqueueAsync(taken.Value.Id, cancellationToken, backOff);
    }

    /// <summary>Writes the outcome of this attempt; the message may have been read again in between, never sent again.</summary>
    private Task<Stored<OutboxMessage>?> UpdateAsync(Stored<OutboxMessage> taken, Func<OutboxMessage, OutboxMessage?> change, CancellationToken cancellationToken) =>
        StoreUpdates.UpdateAsync(
            taken,
            async () => await store.GetAsync(taken.Value.Id, cancellationToken) ?? throw new WriteConflictException($"E-mail {taken.Value.Id} is gone."),
            change,
            (current, next) => store.TryReplaceAsync(current, next, cancellationToken),
            $"E-mail {taken.Value.Id}");

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail ({Soort}) sent at attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, string soort, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail ({Soort}) attempt {Attempt} failed; again in {BackOff}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string soort, int attempt, TimeSpan backOff);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail ({Soort}) given up after {Attempts} attempts: a dead letter for operators")]
    private static partial void LogGivenUp(ILogger logger, Exception exception, string soort, int attempts);
}
