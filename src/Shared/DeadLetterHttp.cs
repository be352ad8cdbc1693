using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET /api/beheer/dodeletters</c> and <c>POST /api/beheer/dodeletters/{id}/{batch}/opnieuw</c>, compiled into both
/// hosts so they answer alike: the operator key, like every route below <c>/beheer</c>.
/// </summary>
internal static class DeadLetterHttp
{
    public static async Task<IResult> ListAsync(HttpRequest request, OperatorKey key, ListDeadLetters listDeadLetters, CancellationToken cancellationToken) =>
        OperatorAccess.Refuse(request, key) ?? Results.Ok(await listDeadLetters.HandleAsync(cancellationToken));

    public static async Task<IResult> ReplayAsync(HttpRequest request, string id, int batch, OperatorKey key, ApiRateLimit rateLimit, ReplayDeadLetter replayDeadLetter, CancellationToken cancellationToken) =>
        OperatorAccess.Refuse(request, key) ?? ApiRateLimitHttp.Refuse(request, rateLimit, ApiCaller.Operator) ?? HttpAnswers.Replay(await replayDeadLetter.HandleAsync(id, batch, cancellationToken));
}
