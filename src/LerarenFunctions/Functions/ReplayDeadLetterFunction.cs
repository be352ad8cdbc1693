using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>POST /api/beheer/dodeletters/{id}/{batch}/opnieuw</c>: operators replay a dead-lettered batch.</summary>
public sealed class ReplayDeadLetterFunction(ReplayDeadLetter replayDeadLetter, OperatorKey operatorKey, ApiRateLimit rateLimit)
{
    [Function(nameof(ReplayDeadLetter))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = HttpRoutes.ReplayDeadLetter)] HttpRequest request,
        string id,
        int batch,
        CancellationToken cancellationToken) =>
        DeadLetterHttp.ReplayAsync(request, id, batch, operatorKey, rateLimit, replayDeadLetter, cancellationToken);
}
