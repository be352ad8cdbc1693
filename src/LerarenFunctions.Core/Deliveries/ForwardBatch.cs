using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Sends one stored batch to the register and records the answer. A batch that is complete already is skipped,
/// and the register applies a repeated idempotency key once, so a message handled twice changes nothing.
/// </summary>
public sealed partial class ForwardBatch(
    IDeliveryStore store,
    IRegisterClient register,
    TimeProvider time,
    ILogger<ForwardBatch> logger)
{
    /// <summary>Handles a queue message holding a <see cref="ForwardBatchMessage"/> as JSON.</summary>
    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var claim = Parse(message);
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

        if (batch.Completed)
        {
            LogAlreadyCompleted(logger, claim.DeliveryId, claim.Batch);
            return;
        }

        var results = await register.SubmitAsync(delivery.Bestuursnummer, batch.Records, IdempotencyKey(claim), cancellationToken);
        var updated = await store.CompleteBatchAsync(claim.DeliveryId, claim.Batch, results, time.GetUtcNow(), cancellationToken);
        LogBatchCompleted(logger, claim.DeliveryId, claim.Batch, updated.Counts.BatchesCompleted, updated.Counts.Batches);
        if (updated.Status == DeliveryStatus.Afgerond)
        {
            LogDeliveryCompleted(logger, claim.DeliveryId, updated.Counts.Registered, updated.Counts.RejectedByRegister);
        }
    }

    /// <summary>The key is the same for every retry of a batch and differs between batches.</summary>
    public static string IdempotencyKey(ForwardBatchMessage claim) => $"{claim.DeliveryId}-{claim.Batch:D5}";

    public static string Serialize(ForwardBatchMessage claim) => JsonSerializer.Serialize(claim, JsonOptions);

    private static ForwardBatchMessage? Parse(string message)
    {
        try
        {
            var claim = JsonSerializer.Deserialize<ForwardBatchMessage>(message, JsonOptions);
            return claim is { DeliveryId.Length: > 0, Batch: > 0 } ? claim : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    [LoggerMessage(Level = LogLevel.Error, Message = "A forwarding message could not be read; dropped")]
    private static partial void LogUnreadableMessage(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Batch} of delivery {DeliveryId} is unknown; dropped")]
    private static partial void LogUnknownBatch(ILogger logger, string deliveryId, int batch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch} of delivery {DeliveryId} was completed before; skipped")]
    private static partial void LogAlreadyCompleted(ILogger logger, string deliveryId, int batch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch} of delivery {DeliveryId} done ({Completed}/{Total})")]
    private static partial void LogBatchCompleted(ILogger logger, string deliveryId, int batch, int completed, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} afgerond: {Registered} registered, {Rejected} rejected by the register")]
    private static partial void LogDeliveryCompleted(ILogger logger, string deliveryId, int registered, int rejected);
}
