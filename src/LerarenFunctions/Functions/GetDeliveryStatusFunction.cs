using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/aanleveringen/{id}</c>: where a delivery stands.</summary>
public sealed class GetDeliveryStatusFunction(GetDeliveryStatus getDeliveryStatus)
{
    [Function(nameof(GetDeliveryStatus))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.DeliveryStatus)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await getDeliveryStatus.HandleAsync(id, cancellationToken) is { } status ? Results.Ok(status) : Results.NotFound();
}
