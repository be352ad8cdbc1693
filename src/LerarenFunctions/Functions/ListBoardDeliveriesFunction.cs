using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/besturen/{bestuursnummer}/leveringen</c>: a board's deliveries, newest first, paged.</summary>
public sealed class ListBoardDeliveriesFunction(ListBoardDeliveries listBoardDeliveries, IBoardStore boards, ApiKeys keys)
{
    [Function(nameof(ListBoardDeliveries))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.BoardDeliveries)] HttpRequest request,
        string bestuursnummer,
        CancellationToken cancellationToken) =>
        BoardHttp.ListDeliveriesAsync(request, bestuursnummer, keys, boards, listBoardDeliveries, cancellationToken);
}
