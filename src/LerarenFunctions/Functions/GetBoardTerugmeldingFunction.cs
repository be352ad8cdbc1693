using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/besturen/{bestuursnummer}/leveringen/{id}/terugmelding</c>: a board's delivery's terugmelding, JSON or CSV.</summary>
public sealed class GetBoardTerugmeldingFunction(GetTerugmelding getTerugmelding, ApiKeys keys)
{
    /// <summary>The function's name: the board's view of <see cref="GetTerugmelding"/>.</summary>
    public const string Name = "GetBoardTerugmelding";

    [Function(Name)]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.BoardTerugmelding)] HttpRequest request,
        string bestuursnummer,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryHttp.GetTerugmeldingAsync(request, bestuursnummer, id, keys, getTerugmelding, cancellationToken);
}
