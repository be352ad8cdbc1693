using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Email;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Removes what is kept no longer than needed (<see cref="RetentionOptions"/>): the rows, with BSNs, of dead-lettered
/// batches that were not replayed in time (the dead letter says so and can no longer be replayed, and the delivery
/// gives its content claim up, so the board can deliver the same file again), and final deliveries past their
/// retention with their batches, dead letters and content claim (also one their intake took without recording it),
/// e-mails sent or given up past theirs, entries of boards' histories past theirs (the boards stay), and idempotency
/// keys of uploads over HTTP past theirs. Reads only what can be due: the dead letters, and the deliveries, sent and
/// failed e-mails, history entries and idempotency keys their stores index by time.
/// </summary>
public sealed partial class ApplyRetention(
    IDeliveryStore deliveries,
    IBatchStore batches,
    IDeadLetterStore deadLetters,
    ContentClaiming contentClaiming,
    IOutboxStore outbox,
    IBoardStore boards,
    IIdempotencyStore idempotentRequests,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<ApplyRetention> logger)
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await RemoveDeadLetterRowsAsync(now, cancellationToken);
        await ExpireDeliveriesAsync(now, cancellationToken);
        await RemoveEmailsAsync(now, cancellationToken);
        await RemoveBoardHistoryAsync(now, cancellationToken);
        await RemoveIdempotencyKeysAsync(now, cancellationToken);
    }

    private async Task RemoveIdempotencyKeysAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var request in idempotentRequests.ListReceivedBeforeAsync(now - options.Value.IdempotencyKeys, cancellationToken))
        {
            // Conditional: a retry that renewed the key meanwhile keeps it.
            if (await idempotentRequests.TryDeleteAsync(request, cancellationToken))
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            LogIdempotencyKeysRemoved(logger, removed);
        }
    }

    private async Task RemoveEmailsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.Value.Emails;
        var removed = 0;
        await foreach (var sent in outbox.ListSentBeforeAsync(cutoff, cancellationToken))
        {
            await outbox.DeleteSentAsync(sent, cancellationToken);
            removed++;
        }

        // A message given up is final too: nothing changes it after the cutoff was read.
        await foreach (var failed in outbox.ListFailedBeforeAsync(cutoff, cancellationToken))
        {
            await outbox.DeleteFailedAsync(failed, cancellationToken);
            removed++;
        }

        if (removed > 0)
        {
            LogEmailsRemoved(logger, removed);
        }
    }

    private async Task RemoveBoardHistoryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var entry in boards.ListHistoryBeforeAsync(now - options.Value.BoardHistory, cancellationToken))
        {
            // Only the entry: the board's current state is on its own row.
            await boards.DeleteHistoryAsync(entry, cancellationToken);
            removed++;
        }

        if (removed > 0)
        {
            LogBoardHistoryRemoved(logger, removed);
        }
    }

    private async Task RemoveDeadLetterRowsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.Value.DeadLetterRows;
        foreach (var letter in await deadLetters.ListAsync(cancellationToken))
        {
            if (letter.RecordsRemovedAt is not null || letter.At > cutoff)
            {
                continue;
            }

            var batch = await batches.UpdateAsync(letter.DeliveryId, letter.Batch, b => b.RemoveRecords(now), cancellationToken)
                ?? await batches.GetAsync(letter.DeliveryId, letter.Batch, cancellationToken);
            if (batch?.Value is { State: BatchState.DeadLettered, RecordsRemovedAt: { } removedAt })
            {
                // Before the dead letter says so: a run that stops in between does this again next time.
                await contentClaiming.GiveUpAsync(letter.DeliveryId, cancellationToken);
                await deadLetters.SaveAsync(letter with { RecordsRemovedAt = removedAt }, cancellationToken);
                LogRowsRemoved(logger, letter.DeliveryId, letter.Batch);
            }
        }
    }

    private async Task ExpireDeliveriesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keepFor = options.Value.Deliveries;
        await foreach (var stored in deliveries.ListCompletedBeforeAsync(now - keepFor, cancellationToken))
        {
            var delivery = stored.Value;
            if (!delivery.HasExpired(now, keepFor))
            {
                continue;
            }

            // The delivery's row goes last: a run that stops before it finds the delivery again next time.
            await batches.DeleteAllAsync(delivery.Id, cancellationToken);
            await deadLetters.DeleteAllAsync(delivery.Id, cancellationToken);
            await contentClaiming.ReleaseAsync(delivery, cancellationToken);
            if (await deliveries.TryDeleteAsync(stored, cancellationToken))
            {
                LogExpired(logger, delivery.Id, delivery.CompletedAt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The rows of dead-lettered batch {Batch} of delivery {DeliveryId} were removed; it can no longer be replayed")]
    private static partial void LogRowsRemoved(ILogger logger, string deliveryId, int batch);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} e-mails sent or given up past their retention were removed")]
    private static partial void LogEmailsRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} entries of boards' histories past their retention were removed")]
    private static partial void LogBoardHistoryRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} idempotency keys past their retention were removed")]
    private static partial void LogIdempotencyKeysRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}, completed {CompletedAt}, expired and was removed")]
    private static partial void LogExpired(ILogger logger, string deliveryId, DateTimeOffset? completedAt);
}
