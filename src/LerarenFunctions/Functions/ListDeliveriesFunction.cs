using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/beheer/aanleveringen</c>: operators see deliveries across boards, by day and status.</summary>
public sealed class ListDeliveriesFunction(ListDeliveries listDeliveries, OperatorKey operatorKey, TimeProvider time)
{
    [Function(nameof(ListDeliveries))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = HttpRoutes.Deliveries)] HttpRequest request,
        CancellationToken cancellationToken) =>
        DeliveryOverviewHttp.ListAsync(request, operatorKey, listDeliveries, time, cancellationToken);
}
