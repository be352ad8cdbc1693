using System.Globalization;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET /api/besturen/{bestuursnummer}</c> (where the board stands) and <c>GET /api/besturen/{bestuursnummer}/leveringen</c>
/// (its deliveries, newest first, paged), compiled into both hosts so they answer alike: the board's own key or the
/// operator key, problems in Dutch (problem+json).
/// </summary>
internal static class BoardHttp
{
    /// <summary>Query parameters of the delivery list.</summary>
    public const string StatusParameter = "status";
    public const string ContinuationParameter = "vervolg";
    public const string PageSizeParameter = "aantal";

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
        DeliveryStatus? status = null;
        if (query.TryGetValue(StatusParameter, out var statusText))
        {
            status = Enum.GetValues<DeliveryStatus>().Cast<DeliveryStatus?>().FirstOrDefault(s => statusText.Count == 1 && s!.Value.ToContract() == statusText[0]);
            if (status is null)
            {
                return BadRequest("Ongeldige status", $"Filter op één status: {string.Join(", ", Enum.GetValues<DeliveryStatus>().Select(s => s.ToContract()))}.");
            }
        }

        var pageSize = ListBoardDeliveries.DefaultPageSize;
        if (query.TryGetValue(PageSizeParameter, out var sizeText)
            && (sizeText.Count != 1 || !int.TryParse(sizeText[0], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > ListBoardDeliveries.MaxPageSize))
        {
            return BadRequest("Ongeldig aantal", $"Vraag 1 tot en met {ListBoardDeliveries.MaxPageSize} aanleveringen per pagina.");
        }

        var continuation = query.TryGetValue(ContinuationParameter, out var token) ? token.ToString() : null;
        if (await boards.GetAsync(board, cancellationToken) is null)
        {
            return BoardAccess.UnknownBoard();
        }

        return await listBoardDeliveries.HandleAsync(board, status, continuation, pageSize, cancellationToken) is { } page
            ? Results.Ok(page)
            : BadRequest("Ongeldig vervolg", "Gebruik het 'vervolg' van de vorige pagina ongewijzigd, of laat het weg voor de eerste pagina.");
    }

    private static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
