using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using LerarenFunctions.Core.Telemetry;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// A claim check on the forwarding queue: which batch of which delivery to send. It carries the batch's rows and board
/// too when they fit in a queue message, and the batch's version when queued, so the answer is written on the
/// condition that nothing happened to the batch since, without reading it first.
/// </summary>
public sealed record ForwardBatchMessage(string DeliveryId, int Batch)
{
    /// <summary>The board the rows are sent for, with <see cref="Records"/>.</summary>
    public string? Bestuursnummer { get; init; }

    /// <summary>The batch's <see cref="PackedRecords"/> bytes; null when they did not fit.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "A message body, serialised as base64.")]
    public byte[]? Records { get; init; }

    /// <summary>How many batches the delivery has (0 when unknown): the last one looks whether the delivery is done.</summary>
    public int Batches { get; init; }

    /// <summary>Attempts that failed before this message was sent (0 for the first).</summary>
    public long FailedAttempts { get; init; }

    /// <summary>The stored batch's version when this message was queued; null when unknown (the batch is read first).</summary>
    public string? Version { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that queued this message, in the delivery's trace, so the batch's span
    /// continues it; null in a message of an older version or when nothing was traced (the delivery's trace is found
    /// from its id then).
    /// </summary>
    [JsonPropertyName("traceparent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }
}

/// <summary>The JSON form of a <see cref="ForwardBatchMessage"/> on the forwarding queue and its poison queue.</summary>
public static class ForwardBatchMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The claim check for a stored open batch of a delivery of <paramref name="batches"/> batches, with its rows when they fit.</summary>
    public static ForwardBatchMessage For(Stored<Batch> stored, int batches)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var batch = stored.Value;
        var fits = batch.Records is { FitsInMessage: true };
        return new ForwardBatchMessage(batch.DeliveryId, batch.Number)
        {
            Batches = batches,
            Bestuursnummer = fits ? batch.Bestuursnummer.Value : null,
            Records = fits ? batch.Records!.Bytes.ToArray() : null,
            FailedAttempts = batch.FailedAttempts,
            Version = stored.Version,
            TraceParent = DeliveryTrace.TraceParentFor(batch.DeliveryId),
        };
    }

    public static string Serialize(ForwardBatchMessage claim) => JsonSerializer.Serialize(claim, Json);

    /// <summary>Null when the text is not a claim check of ours.</summary>
    public static ForwardBatchMessage? TryParse(string message)
    {
        try
        {
            var claim = JsonSerializer.Deserialize<ForwardBatchMessage>(message, Json);
            return claim is { DeliveryId.Length: > 0, Batch: > 0 } ? claim : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The key is the same for every retry of a batch and differs between batches.</summary>
    public static string IdempotencyKey(ForwardBatchMessage claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return $"{claim.DeliveryId}-{claim.Batch:D5}";
    }
}
