using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>POST</c>/<c>GET /api/beheer/besturen/{bestuursnummer}/sleutels</c> and <c>DELETE …/sleutels/{sleutelId}</c>,
/// compiled into both hosts so they answer alike: operators issue, list and revoke board keys with the operator key as
/// <c>Authorization: Bearer</c> (a board key opens no <c>/beheer</c> route); problems in Dutch (problem+json).
/// </summary>
internal static class BoardKeyHttp
{
    /// <summary>A new key: <c>201</c> with the key itself, the only time it is shown, and never cached on the way.</summary>
    public static async Task<IResult> IssueAsync(HttpRequest request, string bestuursnummer, OperatorKey key, ApiRateLimit rateLimit, IssueBoardKey issueBoardKey, CancellationToken cancellationToken)
    {
        if ((OperatorAccess.Refuse(request, key) ?? ApiRateLimitHttp.Refuse(request, rateLimit, ApiCaller.Operator)) is { } refused)
        {
            return refused;
        }

        if (!Bestuursnummer.TryParseExact(bestuursnummer, out var number))
        {
            return BoardAccess.UnknownBoard();
        }

        var result = await issueBoardKey.HandleAsync(number, cancellationToken);
        switch (result.Outcome)
        {
            case IssueBoardKeyOutcome.Issued:
                request.HttpContext.Response.Headers.CacheControl = "no-store";
                return Results.Created(Location(number, result.Key!.SleutelId), result.Key);
            case IssueBoardKeyOutcome.BoardOpgeheven:
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Het bestuur is opgeheven",
                    detail: "Aan een opgeheven bestuur wordt geen sleutel uitgegeven.");
            default:
                return BoardAccess.UnknownBoard();
        }
    }

    /// <summary>The board's keys: ids and dates, never a key.</summary>
    public static async Task<IResult> ListAsync(HttpRequest request, string bestuursnummer, OperatorKey key, ListBoardKeys listBoardKeys, CancellationToken cancellationToken)
    {
        if (OperatorAccess.Refuse(request, key) is { } refused)
        {
            return refused;
        }

        return Bestuursnummer.TryParseExact(bestuursnummer, out var number) && await listBoardKeys.HandleAsync(number, cancellationToken) is { } keys
            ? Results.Ok(keys)
            : BoardAccess.UnknownBoard();
    }

    /// <summary>Revokes a key: <c>204</c>, also when it was revoked before.</summary>
    public static async Task<IResult> RevokeAsync(HttpRequest request, string bestuursnummer, string sleutelId, OperatorKey key, RevokeBoardKey revokeBoardKey, CancellationToken cancellationToken)
    {
        if (OperatorAccess.Refuse(request, key) is { } refused)
        {
            return refused;
        }

        if (!Bestuursnummer.TryParseExact(bestuursnummer, out var number))
        {
            return BoardAccess.UnknownBoard();
        }

        return await revokeBoardKey.HandleAsync(number, sleutelId, cancellationToken) == RevokeBoardKeyOutcome.NotFound
            ? Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Onbekende sleutel",
                detail: "Dit bestuur heeft geen sleutel met dit sleutel-id.")
            : Results.NoContent();
    }

    private static string Location(Bestuursnummer bestuursnummer, string sleutelId) =>
        "/" + HttpRoutes.BoardKey
            .Replace("{bestuursnummer}", bestuursnummer.Value, StringComparison.Ordinal)
            .Replace("{sleutelId}", sleutelId, StringComparison.Ordinal);
}
