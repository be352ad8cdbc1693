using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/beheer/aanleveringen/{id}/terugmelding</c>: any delivery's own terugmelding, JSON or CSV, for operators.</summary>
public sealed class GetTerugmeldingFunction(GetTerugmelding getTerugmelding, OperatorKey operatorKey)
{
    [Function(nameof(GetTerugmelding))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.Terugmelding)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryHttp.GetTerugmeldingForOperatorAsync(request, id, operatorKey, getTerugmelding, cancellationToken);
}
