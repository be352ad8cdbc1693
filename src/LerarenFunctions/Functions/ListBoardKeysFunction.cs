using LerarenFunctions.Core.Boards;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/beheer/besturen/{bestuursnummer}/sleutels</c>: operators list a board's keys (ids and dates, never a key).</summary>
public sealed class ListBoardKeysFunction(ListBoardKeys listBoardKeys, OperatorKey operatorKey)
{
    [Function(nameof(ListBoardKeys))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.BoardKeys)] HttpRequest request,
        string bestuursnummer,
        CancellationToken cancellationToken) =>
        BoardKeyHttp.ListAsync(request, bestuursnummer, operatorKey, listBoardKeys, cancellationToken);
}
