using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/beheer/dodeletters</c>: operators list the batches that were given up.</summary>
public sealed class ListDeadLettersFunction(ListDeadLetters listDeadLetters)
{
    [Function(nameof(ListDeadLetters))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = HttpRoutes.DeadLetters)] HttpRequest request,
        CancellationToken cancellationToken) =>
        Results.Ok(await listDeadLetters.HandleAsync(cancellationToken));
}
