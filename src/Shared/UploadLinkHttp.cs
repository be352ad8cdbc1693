using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>POST /api/besturen/{bestuursnummer}/uploadlinks</c>, compiled into both hosts so they answer alike: a link that
/// writes one new file into the board's folder (<c>?proef=true</c> for a trial, <c>?formaat=csv|xlsx</c> for its
/// extension, CSV when left out); the board's own key or the operator key, problems in Dutch (problem+json).
/// </summary>
internal static class UploadLinkHttp
{
    /// <summary>The query parameter that names the file's format.</summary>
    public const string FormatParameter = "formaat";

    public static async Task<IResult> PostAsync(HttpRequest request, string bestuursnummer, ApiKeys keys, ApiRateLimit rateLimit, CreateUploadLink createUploadLink, CancellationToken cancellationToken)
    {
        var (board, caller, refused) = await BoardAccess.CheckAsync(request, bestuursnummer, keys, cancellationToken);
        if ((refused ?? ApiRateLimitHttp.Refuse(request, rateLimit, caller!)) is { } refusal)
        {
            return refusal;
        }

        var query = request.Query;
        var trial = false;
        if (query.TryGetValue(DeliveryHttp.TrialParameter, out var trialValues)
            && (trialValues.Count != 1 || !bool.TryParse(trialValues[0], out trial)))
        {
            return QueryParameters.BadRequest("Ongeldige waarde voor proef", "Gebruik ?proef=true voor een proeflevering, of laat de parameter weg.");
        }

        var format = UploadFormat.Csv;
        if (query.TryGetValue(FormatParameter, out var formatValues))
        {
            switch (formatValues.Count == 1 ? formatValues[0]?.ToUpperInvariant() : null)
            {
                case "CSV":
                    format = UploadFormat.Csv;
                    break;
                case "XLSX":
                    format = UploadFormat.Xlsx;
                    break;
                default:
                    return QueryParameters.BadRequest("Ongeldig formaat", "Gebruik ?formaat=csv of ?formaat=xlsx, of laat de parameter weg voor CSV.");
            }
        }

        if (await createUploadLink.HandleAsync(new UploadLinkRequest(board, trial, format), cancellationToken) is not { } link)
        {
            return BoardAccess.UnknownBoard();
        }

        // The link is a secret for as long as it works: no cache keeps it.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Created((string?)null, link);
    }
}
