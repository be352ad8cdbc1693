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

    /// <summary>
    /// As <see cref="CheckAsync(HttpRequest, Bestuursnummer, ApiKeys, CancellationToken)"/> for the bestuursnummer of a
    /// route: one that is not five digits is an unknown board (404) to a known caller, and 401 to anyone else.
    /// </summary>
    public static async Task<(Bestuursnummer Board, ApiCaller? Caller, IResult? Refused)> CheckAsync(
        HttpRequest request, string bestuursnummer, ApiKeys keys, CancellationToken cancellationToken)
    {
        if (!Bestuursnummer.TryParseExact(bestuursnummer, out var number))
        {
            var caller = await keys.IdentifyAsync(request.Headers.Authorization, cancellationToken);
            return (default, null, caller.IsKnown ? UnknownBoard() : OperatorAccess.Challenge(request));
        }

        var (allowed, refused) = await CheckAsync(request, number, keys, cancellationToken);
        return (number, allowed, refused);
    }

    /// <summary>404 for a board the registry does not know (or a number that is none).</summary>
    public static IResult UnknownBoard() => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Onbekend bestuur",
        detail: "Er is geen bestuur met dit bestuursnummer (5 cijfers) bekend.");
}
