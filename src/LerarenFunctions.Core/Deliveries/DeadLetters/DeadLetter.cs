using System.Text.Json.Serialization;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// A batch that was given up, as operators see it (Dutch JSON contract). The batch itself is the truth; this is the
/// operators' list of what waits for them, and is closed when the batch is replayed or answered after all.
/// </summary>
public sealed record DeadLetter(
    [property: JsonPropertyName("aanleveringId")] string DeliveryId,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("reden")] string Reason,
    [property: JsonPropertyName("pogingen")] long Attempts,
    [property: JsonPropertyName("laatsteFout")] string? LastError,
    [property: JsonPropertyName("op")] DateTimeOffset At)
{
    /// <summary>When the retention removed the batch's rows; after that it cannot be replayed (the rows are gone).</summary>
    [JsonPropertyName("regelsVerwijderdOp")]
    public DateTimeOffset? RecordsRemovedAt { get; init; }

    [JsonPropertyName("opnieuwAanTeBieden")]
    public bool CanReplay => RecordsRemovedAt is null;
}

/// <summary>Why a batch was given up: the reason codes of a dead letter.</summary>
public static class DeadLetterReasons
{
    /// <summary>Every attempt failed: the register was unavailable (or the forwarding failed on our side).</summary>
    public const string AttemptsUsedUp = "POGINGEN_OP";

    /// <summary>Every attempt failed and the last one because the register answered outside its contract.</summary>
    public const string InvalidAnswer = "REGISTER_ANTWOORD_ONGELDIG";

    /// <summary>The register refused the batch for good with the given 4xx status.</summary>
    public static string Refused(int statusCode) => $"REGISTER_WEIGERT_{statusCode}";
}
