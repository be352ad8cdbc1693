using LerarenFunctions.Core.Boards;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>DELETE /api/beheer/besturen/{bestuursnummer}/sleutels/{sleutelId}</c>: operators revoke a board key.</summary>
public sealed class RevokeBoardKeyFunction(RevokeBoardKey revokeBoardKey, OperatorKey operatorKey)
{
    [Function(nameof(RevokeBoardKey))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = HttpRoutes.BoardKey)] HttpRequest request,
        string bestuursnummer,
        string sleutelId,
        CancellationToken cancellationToken) =>
        BoardKeyHttp.RevokeAsync(request, bestuursnummer, sleutelId, operatorKey, revokeBoardKey, cancellationToken);
}
