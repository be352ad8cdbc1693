using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/besturen/{bestuursnummer}/leveringen/{id}</c>: where a board's delivery stands.</summary>
public sealed class GetBoardDeliveryStatusFunction(GetDeliveryStatus getDeliveryStatus, ApiKeys keys)
{
    /// <summary>The function's name: the board's view of <see cref="GetDeliveryStatus"/>.</summary>
    public const string Name = "GetBoardDeliveryStatus";

    [Function(Name)]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.BoardDelivery)] HttpRequest request,
        string bestuursnummer,
        string id,
        CancellationToken cancellationToken) =>
        DeliveryHttp.GetStatusAsync(request, bestuursnummer, id, keys, getDeliveryStatus, cancellationToken);
}
