using System.Globalization;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Operations;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The operators' pages below <c>/beheer</c>, one method per route, alike in both hosts (each host's function for a
/// route calls its method, which is also the function's name). Each asks for an operator's session first: without one
/// (or with a board's) a page sends the browser to sign in with the operator key.
/// </summary>
internal static class OperatorPages
{
    /// <summary>The service name in the header and titles.</summary>
    public const string ServiceName = "Lerarenregister – beheer";

    /// <summary>The query parameter that says what a replay did, on the page it returns to.</summary>
    public const string ReplayedParameter = "opnieuw";

    /// <summary>The area's sign-in page.</summary>
    public static SignInArea Area { get; } = new(
        Shell(null),
        PageRoutes.Path(PageRoutes.OperatorSignIn),
        "Aanmelden voor beheer",
        "De beheersleutel (Beheer:Sleutel). Een sleutel van een bestuur geeft hier geen toegang.",
        IsOperator: true);

    /// <summary>The frame of an operators' page, with the session's sign-out when there is one.</summary>
    public static PageShell Shell(PageCaller? caller) => new(
        ServiceName,
        PageRoutes.Path(PageRoutes.Operator),
        caller,
        PageRoutes.Path(PageRoutes.OperatorSignOut),
        caller is null ? null : "beheerder");

    /// <summary>GET the sign-in form, POST the operator key.</summary>
    public static Task<IResult> OperatorSignIn(HttpRequest request, PageSessions sessions, CancellationToken cancellationToken) =>
        SignInPage.HandleAsync(request, Area, sessions, cancellationToken);

    /// <summary>POST: sign out.</summary>
    public static Task<IResult> OperatorSignOut(HttpRequest request, PageSessions sessions, CancellationToken cancellationToken) =>
        SignInPage.SignOutAsync(request, Area, sessions, cancellationToken);

    /// <summary>GET: the overview.</summary>
    public static async Task<IResult> OperatorHome(HttpRequest request, PageSessions sessions, GetOperationsOverview getOverview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(getOverview);
        if (await SignedInOperatorAsync(request, sessions, cancellationToken) is not { } caller)
        {
            return PageSession.SignIn(Area.SignInPath);
        }

        var overview = await getOverview.HandleAsync(cancellationToken);
        var replayed = ReplayNotice(request.Query[ReplayedParameter].ToString(), request.Query["id"].ToString(), request.Query["batch"].ToString());
        return PageLayout.Page(request.HttpContext, Shell(caller), OperatorHomePage.Title, OperatorHomePage.Render(caller, overview, replayed));
    }

    /// <summary>GET: the deliveries under way as a fragment, refreshed by the page until nothing is under way.</summary>
    public static async Task<IResult> OperatorUnderWay(HttpRequest request, PageSessions sessions, GetOperationsOverview getOverview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(getOverview);
        if (await SignedInOperatorAsync(request, sessions, cancellationToken) is null)
        {
            // The script stops refreshing on an answer that is no success.
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var underWay = await getOverview.ListUnderWayAsync(cancellationToken);
        return PageLayout.Fragment(request.HttpContext, OperatorHomePage.UnderWay(underWay), finished: underWay.None);
    }

    /// <summary>POST (the replay button): offers a dead-lettered batch to the register again, then back to the overview.</summary>
    public static async Task<IResult> OperatorReplay(
        HttpRequest request, string id, int batch, PageSessions sessions, ApiRateLimit rateLimit, ReplayDeadLetter replayDeadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rateLimit);
        ArgumentNullException.ThrowIfNull(replayDeadLetter);
        if (await SignedInOperatorAsync(request, sessions, cancellationToken) is not { } caller)
        {
            return PageSession.SignIn(Area.SignInPath);
        }

        if (await PageSession.ReadFormAsync(request, caller, cancellationToken) is null)
        {
            return PageSession.BadForm(request, Shell(caller));
        }

        // The same brake as the API's replay route: the operator key counts as one caller.
        if (!rateLimit.TryAcquire(caller.ApiCaller, out var retryAfter))
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return PageLayout.Error(request.HttpContext, Shell(caller), StatusCodes.Status429TooManyRequests, "Te veel verzoeken",
                "Er zijn in korte tijd te veel batches opnieuw aangeboden. Wacht even en probeer het dan nog eens.");
        }

        var outcome = await replayDeadLetter.HandleAsync(id, batch, cancellationToken);
        return PageSession.SeeOtherTo(string.Create(CultureInfo.InvariantCulture,
            $"{PageRoutes.Path(PageRoutes.Operator)}?{ReplayedParameter}={Outcome(outcome)}&id={Uri.EscapeDataString(id)}&batch={batch}#dodeletters"));
    }

    /// <summary>The operator's session of the request; null without one (or with a board's, which opens nothing here).</summary>
    private static async Task<PageCaller?> SignedInOperatorAsync(HttpRequest request, PageSessions sessions, CancellationToken cancellationToken) =>
        await PageSession.ReadAsync(request, sessions, cancellationToken) is { IsOperator: true } caller ? caller : null;

    private static string Outcome(ReplayOutcome outcome) => outcome switch
    {
        ReplayOutcome.Queued => "aangeboden",
        ReplayOutcome.RowsRemoved => "verwijderd",
        ReplayOutcome.NotDeadLettered => "beantwoord",
        ReplayOutcome.Conflict => "bezet",
        _ => "onbekend",
    };

    /// <summary>What the page says after a replay (plain text); null when it comes from no replay.</summary>
    private static string? ReplayNotice(string outcome, string id, string batch)
    {
        // Only what a replay of ours can have put there: a link from elsewhere cannot make the page say anything else.
        if (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || !int.TryParse(batch, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        var which = $"Batch {batch} van aanlevering {id}";
        return outcome switch
        {
            "aangeboden" => $"{which} is opnieuw aangeboden aan het register.",
            "verwijderd" => $"{which} kan niet opnieuw worden aangeboden: de regels zijn na de bewaartermijn verwijderd. Het bestuur levert deze leraren opnieuw aan.",
            "beantwoord" => $"{which} is al beantwoord of wordt al verwerkt; er was niets opnieuw aan te bieden.",
            "onbekend" => $"{which} bestaat niet (meer).",
            "bezet" => $"{which} is nu niet opnieuw aangeboden. {ReplayDeadLetter.ConflictMessage}",
            _ => null,
        };
    }
}
