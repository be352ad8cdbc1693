using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/beheer/aanleveringen/{id}</c>: where any delivery stands, for operators (the operator key).</summary>
public sealed class GetDeliveryStatusFunction(GetDeliveryStatus getDeliveryStatus, OperatorKey operatorKey)
{
    [Function(nameof(GetDeliveryStatus))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.DeliveryStatus)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryHttp.GetStatusForOperatorAsync(request, id, operatorKey, getDeliveryStatus, cancellationToken);
}
