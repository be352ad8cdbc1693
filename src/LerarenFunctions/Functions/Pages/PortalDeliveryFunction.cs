using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET /portaal/leveringen/{id}</c>: one delivery of the board with its terugmelding as a table.</summary>
public sealed class PortalDeliveryFunction(PageSessions sessions, GetDeliveryStatus getDeliveryStatus, GetTerugmelding getTerugmelding)
{
    [Function(nameof(PortalPages.PortalDelivery))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageRoutes.PortalDelivery)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        PortalPages.PortalDelivery(request, id, sessions, getDeliveryStatus, getTerugmelding, cancellationToken);
}
