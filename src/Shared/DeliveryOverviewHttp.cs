using System.Globalization;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET /api/beheer/aanleveringen?van=&amp;tot=&amp;status=&amp;vervolg=&amp;aantal=</c>: deliveries across boards for
/// operators, compiled into both hosts so they answer alike (the operator key; problems in Dutch).
/// </summary>
internal static class DeliveryOverviewHttp
{
    /// <summary>The longest span one request may cover: the retention of a delivery.</summary>
    private const int MaxDays = 400;

    /// <summary>Without <c>van</c>: the last week.</summary>
    private const int DefaultDays = 7;

    public static async Task<IResult> ListAsync(HttpRequest request, OperatorKey key, ListDeliveries listDeliveries, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OperatorAccess.Refuse(request, key) is { } refused)
        {
            return refused;
        }

        var query = request.Query;
        var today = AmsterdamTime.Today(time);
        if (!TryDate(query, "tot", today, out var through) || !TryDate(query, "van", through.AddDays(1 - DefaultDays), out var from)
            || from > through || through.DayNumber - from.DayNumber >= MaxDays)
        {
            return BadRequest("Ongeldige periode", $"Geef 'van' en 'tot' als jjjj-mm-dd, van niet na tot, samen hoogstens {MaxDays} dagen.");
        }

        DeliveryStatus? status = null;
        if (query.TryGetValue("status", out var statusText))
        {
            status = Enum.GetValues<DeliveryStatus>().Cast<DeliveryStatus?>().FirstOrDefault(s => statusText.Count == 1 && s!.Value.ToContract() == statusText[0]);
            if (status is null)
            {
                return BadRequest("Ongeldige status", $"Filter op één status: {string.Join(", ", Enum.GetValues<DeliveryStatus>().Select(s => s.ToContract()))}.");
            }
        }

        var pageSize = ListDeliveries.DefaultPageSize;
        if (query.TryGetValue("aantal", out var sizeText)
            && (sizeText.Count != 1 || !int.TryParse(sizeText[0], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > ListDeliveries.MaxPageSize))
        {
            return BadRequest("Ongeldig aantal", $"Vraag 1 tot en met {ListDeliveries.MaxPageSize} aanleveringen per pagina.");
        }

        var continuation = query.TryGetValue("vervolg", out var token) ? token.ToString() : null;
        return Results.Ok(await listDeliveries.HandleAsync(from, through, status, continuation, pageSize, cancellationToken));
    }

    private static bool TryDate(Microsoft.AspNetCore.Http.IQueryCollection query, string name, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return !query.TryGetValue(name, out var text)
            || (text.Count == 1 && DateOnly.TryParseExact(text[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date));
    }

    private static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
