using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;

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
        if (!QueryParameters.TryDate(query, "tot", today, out var through) || !QueryParameters.TryDate(query, "van", through!.Value.AddDays(1 - DefaultDays), out var from)
            || from > through || through.Value.DayNumber - from!.Value.DayNumber >= MaxDays)
        {
            return QueryParameters.BadRequest("Ongeldige periode", $"Geef 'van' en 'tot' als jjjj-mm-dd, van niet na tot, samen hoogstens {MaxDays} dagen.");
        }

        if (!QueryParameters.TryStatus(query, out var status, out var problem)
            || !QueryParameters.TryPageSize(query, ListDeliveries.DefaultPageSize, ListDeliveries.MaxPageSize, out var pageSize, out problem))
        {
            return problem!;
        }

        return Results.Ok(await listDeliveries.HandleAsync(from.Value, through.Value, status, QueryParameters.Continuation(query), pageSize, cancellationToken));
    }
}
