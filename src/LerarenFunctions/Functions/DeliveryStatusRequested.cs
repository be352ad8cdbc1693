using LerarenFunctions.Core.Deliveries;
using Microsoft.AspNetCore.Http;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/aanleveringen/{id}</c>: where a delivery stands.</summary>
public sealed class DeliveryStatusRequested(GetDeliveryStatus getDeliveryStatus)
{
    [Function(nameof(DeliveryStatusRequested))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.DeliveryStatus)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await getDeliveryStatus.HandleAsync(id, cancellationToken) is { } status ? Results.Ok(status) : Results.NotFound();
}
