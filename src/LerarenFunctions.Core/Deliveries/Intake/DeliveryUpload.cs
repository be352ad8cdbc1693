using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>The format a board says its upload has; the file is still recognised by its content when it is read.</summary>
public enum UploadFormat
{
    /// <summary><c>text/csv</c>: stored as <c>.csv</c>.</summary>
    Csv,

    /// <summary>The XLSX media type: stored as <c>.xlsx</c>.</summary>
    Xlsx,

    /// <summary>
    /// <c>application/json</c> (<c>{"leraren": [...]}</c>): checked as it is read and stored as the CSV it stands for, named
    /// <c>.json.csv</c> so that its terugmelding numbers <c>regel</c> by the index in <c>leraren</c>.
    /// </summary>
    Json,
}

/// <summary>What a board sent, besides the bytes.</summary>
/// <param name="Bestuursnummer">The board of the route.</param>
/// <param name="IsTrial">A trial (<c>?proef=true</c>): validated and reported, never forwarded.</param>
/// <param name="Format">The declared format, for the file's extension.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c>, already checked with <see cref="AcceptDelivery.IsValidKey"/>; null without one.</param>
public sealed record DeliveryUpload(Bestuursnummer Bestuursnummer, bool IsTrial, UploadFormat Format, string? IdempotencyKey);

/// <summary>How an upload over HTTP ended.</summary>
public enum AcceptOutcome
{
    /// <summary>Stored: the blob trigger takes it in as any dropped file.</summary>
    Accepted,

    /// <summary>A retry of a request with the same key and body: the first answer again, nothing stored.</summary>
    Repeated,

    /// <summary>The board is not in the registry; nothing stored.</summary>
    UnknownBoard,

    /// <summary>The body is larger than <see cref="TeacherFileOptions.MaxFileBytes"/>; nothing stored.</summary>
    TooLarge,

    /// <summary>The key was used before for another body (or another kind of delivery); nothing stored.</summary>
    KeyReused,

    /// <summary>The first request with this key is still being stored; the caller tries again shortly.</summary>
    InProgress,

    /// <summary>A JSON body that is no JSON, or not of the contract's shape; nothing stored. <see cref="AcceptResult.Detail"/> says why.</summary>
    InvalidJson,

    /// <summary>A JSON body with more records than <see cref="TeacherFileOptions.MaxRows"/>; read no further, nothing stored.</summary>
    TooManyRecords,
}

/// <summary>
/// The outcome, and for <see cref="AcceptOutcome.Accepted"/> and <see cref="AcceptOutcome.Repeated"/> the delivery id; for
/// a refused JSON body, what is wrong with it (Dutch, for the caller, without any value of the body).
/// </summary>
public sealed record AcceptResult(AcceptOutcome Outcome, string? DeliveryId = null, string? Detail = null);
