using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>POST /beheer/dodeletters/{id}/{batch}/opnieuw</c>: the replay button of a dead letter on the overview.</summary>
public sealed class OperatorReplayFunction(PageSessions sessions, ApiRateLimit rateLimit, ReplayDeadLetter replayDeadLetter)
{
    [Function(nameof(OperatorPages.OperatorReplay))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.OperatorReplay)] HttpRequest request,
        string id,
        int batch,
        CancellationToken cancellationToken) =>
        OperatorPages.OperatorReplay(request, id, batch, sessions, rateLimit, replayDeadLetter, cancellationToken);
}
