using LerarenFunctions.Core.Boards;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/besturen/{bestuursnummer}</c>: where a board stands.</summary>
public sealed class GetBoardStateFunction(GetBoardState getBoardState, ApiKeys keys)
{
    [Function(nameof(GetBoardState))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.BoardState)] HttpRequest request,
        string bestuursnummer,
        CancellationToken cancellationToken) =>
        BoardHttp.GetStateAsync(request, bestuursnummer, keys, getBoardState, cancellationToken);
}
