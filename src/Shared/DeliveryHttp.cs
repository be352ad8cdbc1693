using System.Text.Json.Serialization;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IHttpMaxRequestBodySizeFeature = Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// A board's deliveries over HTTP, compiled into both hosts so they answer alike: <c>POST</c>
/// <c>/api/besturen/{bestuursnummer}/leveringen</c> with the file as the body (or the teachers as JSON), and the status and terugmelding of a
/// delivery below it; the board's own key or the operator key, problems in Dutch (problem+json). The operators' routes
/// by id alone are below <c>/api/beheer/aanleveringen</c>.
/// </summary>
internal static class DeliveryHttp
{
    /// <summary>The media type of an XLSX workbook.</summary>
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The header that makes a retried <c>POST</c> answer as the first.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The query parameter that makes an upload a trial.</summary>
    public const string TrialParameter = "proef";

    /// <summary>
    /// <c>POST</c>: a CSV or XLSX file, or <c>application/json</c> (<c>{"leraren": [ {kolom: waarde, ...}, ... ]}</c>, read
    /// whole and checked before anything is stored: 400 for what is no such JSON, 413 past the limits).
    /// </summary>
    public static async Task<IResult> PostAsync(
        HttpRequest request, string bestuursnummer, ApiKeys keys, ApiRateLimit rateLimit, AcceptDelivery acceptDelivery, TeacherFileOptions limits, CancellationToken cancellationToken)
    {
        var (number, caller, refused) = await BoardAccess.CheckAsync(request, bestuursnummer, keys, cancellationToken);
        if ((refused ?? ApiRateLimitHttp.Refuse(request, rateLimit, caller!)) is { } refusal)
        {
            return refusal;
        }

        if (FormatOf(request.ContentType) is not { } format)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Dit bestandstype wordt niet ondersteund",
                detail: $"Stuur het bestand als 'Content-Type: text/csv' of als '{XlsxMediaType}' (XLSX), of de leraren als 'Content-Type: application/json'.");
        }

        string? key = null;
        if (request.Headers.TryGetValue(IdempotencyKeyHeader, out var keyValues))
        {
            if (keyValues.Count != 1 || keyValues[0] is not { } given || !AcceptDelivery.IsValidKey(given))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Ongeldige Idempotency-Key",
                    detail: $"Stuur één Idempotency-Key van 1 tot {AcceptDelivery.MaxKeyLength} tekens, zonder stuurtekens.");
            }

            key = given;
        }

        var trial = false;
        if (request.Query.TryGetValue(TrialParameter, out var trialValues)
            && (trialValues.Count != 1 || !bool.TryParse(trialValues[0], out trial)))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Ongeldige waarde voor proef",
                detail: "Gebruik ?proef=true voor een proeflevering, of laat de parameter weg.");
        }

        if (request.ContentLength > limits.MaxFileBytes)
        {
            return TooLarge(limits);
        }

        // The limit is this route's own, checked as the body is read; the server's default would cut a large file off.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        var result = await acceptDelivery.HandleAsync(new DeliveryUpload(number, trial, format, key), request.Body, cancellationToken);
        return result.Outcome switch
        {
            AcceptOutcome.Accepted or AcceptOutcome.Repeated => Results.Accepted(
                DeliveryStatusView.StatusLink(number, result.DeliveryId!),
                new DeliveryAccepted(result.DeliveryId!, DeliveryStatus.Ontvangen.ToContract())),
            AcceptOutcome.TooLarge => TooLarge(limits),
            AcceptOutcome.KeyReused => Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Deze Idempotency-Key is al gebruikt voor een ander verzoek",
                detail: "Een herhaald verzoek met dezelfde Idempotency-Key moet precies hetzelfde bestand meesturen. Gebruik voor een nieuwe levering een nieuwe sleutel."),
            AcceptOutcome.InProgress => InProgress(request),
            AcceptOutcome.InvalidJson => Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Ongeldige JSON",
                detail: result.Detail),
            AcceptOutcome.TooManyRecords => Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Te veel leraren",
                detail: result.Detail),
            _ => BoardAccess.UnknownBoard(),
        };
    }

    public static async Task<IResult> GetStatusAsync(
        HttpRequest request, string bestuursnummer, string id, ApiKeys keys, GetDeliveryStatus getDeliveryStatus, CancellationToken cancellationToken)
    {
        var (number, refused) = await CheckAsync(request, bestuursnummer, keys, HttpAnswers.UnknownDelivery, cancellationToken);
        return refused ?? HttpAnswers.Status(await getDeliveryStatus.HandleAsync(number, id, cancellationToken));
    }

    public static async Task<IResult> GetTerugmeldingAsync(
        HttpRequest request, string bestuursnummer, string id, ApiKeys keys, GetTerugmelding getTerugmelding, CancellationToken cancellationToken)
    {
        var (number, refused) = await CheckAsync(request, bestuursnummer, keys, HttpAnswers.UnknownDelivery, cancellationToken);
        return refused ?? HttpAnswers.Terugmelding(await getTerugmelding.HandleAsync(number, id, GetTerugmelding.AcceptsCsv(request.Headers.Accept), cancellationToken));
    }

    /// <summary><c>GET /api/beheer/aanleveringen/{id}</c>: any delivery's status, for operators.</summary>
    public static async Task<IResult> GetStatusForOperatorAsync(
        HttpRequest request, string id, OperatorKey key, GetDeliveryStatus getDeliveryStatus, CancellationToken cancellationToken) =>
        OperatorAccess.Refuse(request, key) ?? HttpAnswers.Status(await getDeliveryStatus.HandleAsync(id, cancellationToken));

    /// <summary><c>GET /api/beheer/aanleveringen/{id}/terugmelding</c>: any delivery's terugmelding, for operators.</summary>
    public static async Task<IResult> GetTerugmeldingForOperatorAsync(
        HttpRequest request, string id, OperatorKey key, GetTerugmelding getTerugmelding, CancellationToken cancellationToken) =>
        OperatorAccess.Refuse(request, key)
        ?? HttpAnswers.Terugmelding(await getTerugmelding.HandleAsync(id, GetTerugmelding.AcceptsCsv(request.Headers.Accept), cancellationToken));

    /// <summary>The declared format of the body, from its media type (parameters such as <c>charset</c> aside).</summary>
    private static UploadFormat? FormatOf(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        return mediaType switch
        {
            _ when string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase) => UploadFormat.Csv,
            _ when string.Equals(mediaType, XlsxMediaType, StringComparison.OrdinalIgnoreCase) => UploadFormat.Xlsx,
            _ when string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase) => UploadFormat.Json,
            _ => null,
        };
    }

    /// <summary>
    /// The board of the route when the caller may act for it. A bestuursnummer that is not five digits is nobody's:
    /// <paramref name="notFound"/> for a known caller, the challenge for anyone else.
    /// </summary>
    private static async Task<(Bestuursnummer Board, IResult? Refused)> CheckAsync(
        HttpRequest request, string bestuursnummer, ApiKeys keys, Func<IResult> notFound, CancellationToken cancellationToken)
    {
        if (!Bestuursnummer.TryParseExact(bestuursnummer, out var number))
        {
            var caller = await keys.IdentifyAsync(request.Headers.Authorization, cancellationToken);
            return (default, caller.IsKnown ? notFound() : OperatorAccess.Challenge(request));
        }

        var (_, refused) = await BoardAccess.CheckAsync(request, number, keys, cancellationToken);
        return (number, refused);
    }

    private static IResult TooLarge(TeacherFileOptions limits) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Het bestand is te groot",
        detail: $"Een bestand mag hoogstens {limits.MaxFileBytes} bytes zijn. Splits het bestand en lever de delen apart aan.");

    private static IResult InProgress(HttpRequest request)
    {
        request.HttpContext.Response.Headers.RetryAfter = "5";
        return Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Een eerder verzoek met deze Idempotency-Key is nog in behandeling",
            detail: "Probeer het over enkele seconden opnieuw met dezelfde sleutel en hetzelfde bestand.");
    }

    /// <summary>The answer to an accepted upload: where the delivery can be followed.</summary>
    private sealed record DeliveryAccepted(
        [property: JsonPropertyName("aanleveringId")] string AanleveringId,
        [property: JsonPropertyName("status")] string Status);
}
