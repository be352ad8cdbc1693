using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/beheer/dodeletters</c>: operators list the batches that were given up.</summary>
public sealed class ListDeadLettersFunction(ListDeadLetters listDeadLetters, OperatorKey operatorKey)
{
    [Function(nameof(ListDeadLetters))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = HttpRoutes.DeadLetters)] HttpRequest request,
        CancellationToken cancellationToken) =>
        DeadLetterHttp.ListAsync(request, operatorKey, listDeadLetters, cancellationToken);
}
