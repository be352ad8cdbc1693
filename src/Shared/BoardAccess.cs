using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>The one question every board route asks, alike in both hosts: may this request act for this board?</summary>
internal static class BoardAccess
{
    /// <summary>
    /// The caller when its key opens <paramref name="board"/>'s routes; else the answer: 401 with a Bearer challenge for
    /// no key or a wrong or revoked one, 403 for the key of another board (board numbers are public; its data is not).
    /// </summary>
    public static async Task<(ApiCaller? Caller, IResult? Refused)> CheckAsync(HttpRequest request, Bestuursnummer board, ApiKeys keys, CancellationToken cancellationToken)
    {
        var caller = await keys.IdentifyAsync(request.Headers.Authorization, cancellationToken);
        if (caller.MayActFor(board))
        {
            return (caller, null);
        }

        return (null, caller.IsKnown
            ? Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Geen toegang tot dit bestuur",
                detail: "Deze sleutel hoort bij een ander bestuur.")
            : OperatorAccess.Challenge(request));
    }
}
