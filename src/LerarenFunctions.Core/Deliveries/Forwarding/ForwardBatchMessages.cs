using System.Text.Json;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>The JSON form of a <see cref="ForwardBatchMessage"/> on the forwarding queue and its poison queue.</summary>
public static class ForwardBatchMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The claim check for a stored batch of a delivery of <paramref name="batches"/> batches, with its rows when they fit in a message.</summary>
    public static ForwardBatchMessage For(StoredBatch batch, int batches) => new(batch.DeliveryId, batch.Batch)
    {
        Batches = batches,
        Bestuursnummer = batch.Records.FitsInMessage ? batch.Bestuursnummer.Value : null,
        Records = batch.Records.FitsInMessage ? batch.Records.Bytes.ToArray() : null,
        FailedAttempts = batch.FailedAttempts,
    };

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
    public static string IdempotencyKey(ForwardBatchMessage claim) => $"{claim.DeliveryId}-{claim.Batch:D5}";
}
