using LerarenFunctions.Core.Deliveries;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// How both hosts answer over HTTP what a use case returned: compiled into each host (the worker and the LocalHost),
/// so an answer cannot drift between them.
/// </summary>
internal static class HttpAnswers
{
    /// <summary>The answer to a replay of a dead letter; problems in Dutch (problem+json).</summary>
    public static IResult Replay(ReplayOutcome outcome) => outcome switch
    {
        ReplayOutcome.Queued => Results.Accepted(),
        ReplayOutcome.RowsRemoved => Results.Problem(
            statusCode: StatusCodes.Status410Gone,
            title: "De regels van deze batch zijn verwijderd",
            detail: "De bewaartermijn van de regels van deze dode letter is verstreken; de batch kan niet opnieuw worden aangeboden. Het bestuur levert deze leraren opnieuw aan."),
        _ => Results.NotFound(),
    };

    /// <summary>A delivery's terugmelding as JSON or, when the caller accepts it, as CSV.</summary>
    public static IResult Terugmelding(TerugmeldingDocument? document) =>
        document is null ? Results.NotFound() : Results.Bytes(document.Content, document.ContentType);
}
