using System.Text.Json.Serialization;

namespace LerarenFunctions.Infrastructure.Register;

/// <summary>The body of <c>POST /v1/aanleveringen</c>: one batch of teachers of one board.</summary>
public sealed record RegisterBatchRequest(
    [property: JsonPropertyName("bestuursnummer")] string Bestuursnummer,
    [property: JsonPropertyName("leraren")] IReadOnlyList<IReadOnlyDictionary<string, string>> Leraren);

/// <summary>
/// The answer: one result per teacher, in the order of the request. Everything is nullable because this is what
/// arrives, not what the contract promises: System.Text.Json does not enforce non-nullable members, so the client
/// checks the answer against the contract before it trusts any of it (see <see cref="RegisterClient"/>).
/// </summary>
public sealed record RegisterBatchResponse(
    [property: JsonPropertyName("resultaten")] IReadOnlyList<RegisterRecordResult?>? Resultaten);

/// <summary>
/// <c>status</c> is exactly <c>geregistreerd</c> (with a non-empty <c>registratieId</c>, <c>reden</c> null or absent)
/// or exactly <c>afgewezen</c> (with a non-empty <c>reden</c>, <c>registratieId</c> null or absent).
/// </summary>
public sealed record RegisterRecordResult(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("registratieId")] string? RegistratieId,
    [property: JsonPropertyName("reden")] string? Reden);

public static class RegisterContract
{
    public const string SubmitPath = "v1/aanleveringen";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string Geregistreerd = "geregistreerd";
    public const string Afgewezen = "afgewezen";
}
