using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET /api/besturen/{bestuursnummer}</c> (where the board stands) and <c>GET /api/besturen/{bestuursnummer}/leveringen</c>
/// (its deliveries, newest first, paged), compiled into both hosts so they answer alike: the board's own key or the
/// operator key, problems in Dutch (problem+json).
/// </summary>
internal static class BoardHttp
{
    public static async Task<IResult> GetStateAsync(HttpRequest request, string bestuursnummer, ApiKeys keys, GetBoardState getBoardState, CancellationToken cancellationToken)
    {
        var (board, _, refused) = await BoardAccess.CheckAsync(request, bestuursnummer, keys, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        return await getBoardState.HandleAsync(board, cancellationToken) is { } state ? Results.Ok(state) : BoardAccess.UnknownBoard();
    }

    public static async Task<IResult> ListDeliveriesAsync(
        HttpRequest request, string bestuursnummer, ApiKeys keys, IBoardStore boards, ListBoardDeliveries listBoardDeliveries, CancellationToken cancellationToken)
    {
        var (board, _, refused) = await BoardAccess.CheckAsync(request, bestuursnummer, keys, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var query = request.Query;
        if (!QueryParameters.TryStatus(query, out var status, out var problem)
            || !QueryParameters.TryPageSize(query, ListBoardDeliveries.DefaultPageSize, ListBoardDeliveries.MaxPageSize, out var pageSize, out problem))
        {
            return problem!;
        }

        var continuation = QueryParameters.Continuation(query);
        if (await boards.GetAsync(board, cancellationToken) is null)
        {
            return BoardAccess.UnknownBoard();
        }

        return await listBoardDeliveries.HandleAsync(board, status, continuation, pageSize, cancellationToken) is { } page
            ? Results.Ok(page)
            : QueryParameters.BadRequest("Ongeldig vervolg", "Gebruik het 'vervolg' van de vorige pagina ongewijzigd, of laat het weg voor de eerste pagina.");
    }
}
