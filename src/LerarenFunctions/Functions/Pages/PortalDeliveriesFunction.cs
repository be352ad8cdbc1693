using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET /portaal/leveringen</c>: the board's deliveries (a fragment the page refreshes); <c>POST</c>: upload a file.</summary>
public sealed class PortalDeliveriesFunction(
    PageSessions sessions,
    ListBoardDeliveries listBoardDeliveries,
    GetDeliveryStatus getDeliveryStatus,
    AcceptDelivery acceptDelivery,
    ApiRateLimit rateLimit)
{
    [Function(nameof(PortalPages.PortalDeliveries))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = PageRoutes.PortalDeliveries)] HttpRequest request,
        CancellationToken cancellationToken) =>
        PortalPages.PortalDeliveries(request, sessions, listBoardDeliveries, getDeliveryStatus, acceptDelivery, rateLimit, cancellationToken);
}
