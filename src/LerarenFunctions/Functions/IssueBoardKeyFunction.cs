using LerarenFunctions.Core.Boards;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>POST /api/beheer/besturen/{bestuursnummer}/sleutels</c>: operators issue a board key, answered once.</summary>
public sealed class IssueBoardKeyFunction(IssueBoardKey issueBoardKey, OperatorKey operatorKey, ApiRateLimit rateLimit)
{
    [Function(nameof(IssueBoardKey))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.BoardKeys)] HttpRequest request,
        string bestuursnummer,
        CancellationToken cancellationToken) =>
        BoardKeyHttp.IssueAsync(request, bestuursnummer, operatorKey, rateLimit, issueBoardKey, cancellationToken);
}
