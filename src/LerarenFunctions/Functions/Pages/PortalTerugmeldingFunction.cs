using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET /portaal/leveringen/{id}/terugmelding.csv</c>: a delivery's terugmelding to download.</summary>
public sealed class PortalTerugmeldingFunction(PageSessions sessions, GetTerugmelding getTerugmelding)
{
    [Function(nameof(PortalPages.PortalTerugmelding))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageRoutes.PortalTerugmelding)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        PortalPages.PortalTerugmelding(request, id, sessions, getTerugmelding, cancellationToken);
}
