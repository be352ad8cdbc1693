using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/aanleveringen/{id}/terugmelding</c>: a delivery's own terugmelding, JSON or CSV.</summary>
public sealed class GetTerugmeldingFunction(GetTerugmelding getTerugmelding)
{
    [Function(nameof(GetTerugmelding))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Terugmelding)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        HttpAnswers.Terugmelding(await getTerugmelding.HandleAsync(id, GetTerugmelding.AcceptsCsv(request.Headers.Accept), cancellationToken));
}
