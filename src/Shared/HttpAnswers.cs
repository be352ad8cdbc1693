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
        ReplayOutcome.Conflict => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "De batch kon nu niet opnieuw worden aangeboden",
            detail: ReplayDeadLetter.ConflictMessage),
        _ => Results.NotFound(),
    };

    /// <summary>Where a delivery stands, or the one answer for an id nobody (or no other board) may see.</summary>
    public static IResult Status(DeliveryStatusView? status) => status is null ? UnknownDelivery() : Results.Ok(status);

    /// <summary>A delivery's terugmelding as JSON or, when the caller accepts it, as CSV.</summary>
    public static IResult Terugmelding(TerugmeldingDocument? document) =>
        document is null ? UnknownDelivery() : Results.Bytes(document.Content, document.ContentType);

    /// <summary>
    /// 404 for a delivery that is not there, is another board's, or has no terugmelding yet: one body for all, so an
    /// answer tells nothing about another board's deliveries.
    /// </summary>
    public static IResult UnknownDelivery() => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Aanlevering niet gevonden",
        detail: "Er is geen aanlevering met dit id bij dit bestuur, of er is nog geen terugmelding. Een terugmelding volgt zodra het bestand is gecontroleerd.");
}
