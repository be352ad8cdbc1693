using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using HttpMethods = Microsoft.AspNetCore.Http.HttpMethods;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The board's pages below <c>/portaal</c>, one method per route, alike in both hosts (each host's function for a
/// route calls its method, which is also the function's name). Each asks for the board's session first: without one a
/// page sends the browser to sign in; a board only ever sees its own data, through the same use cases as the API.
/// </summary>
internal static class PortalPages
{
    /// <summary>The service name in the header and titles.</summary>
    public const string ServiceName = "Lerarenregister – portaal voor besturen";

    /// <summary>The area's sign-in page.</summary>
    public static SignInArea Area { get; } = new(
        Shell(null),
        PageRoutes.Path(PageRoutes.PortalSignIn),
        "Aanmelden voor besturen",
        "De sleutel van uw bestuur, zoals u die van de Helpdesk Lerarenregister kreeg (begint met uw bestuursnummer).",
        IsOperator: false);

    /// <summary>The frame of a portal page, with the session's sign-out when there is one.</summary>
    public static PageShell Shell(PageCaller? caller) => new(
        ServiceName,
        PageRoutes.Path(PageRoutes.Portal),
        caller,
        PageRoutes.Path(PageRoutes.PortalSignOut),
        caller?.Board is { } board ? $"bestuur {board.Value}" : null);

    /// <summary>GET the sign-in form, POST the board key.</summary>
    public static Task<IResult> PortalSignIn(HttpRequest request, PageSessions sessions, CancellationToken cancellationToken) =>
        SignInPage.HandleAsync(request, Area, sessions, cancellationToken);

    /// <summary>POST: sign out.</summary>
    public static Task<IResult> PortalSignOut(HttpRequest request, PageSessions sessions, CancellationToken cancellationToken) =>
        SignInPage.SignOutAsync(request, Area, sessions, cancellationToken);

    /// <summary>GET: the board's page.</summary>
    public static async Task<IResult> PortalHome(
        HttpRequest request, PageSessions sessions, GetBoardState getBoardState, GetContactPerson getContactPerson, ListBoardDeliveries listBoardDeliveries,
        GetDeliveryStatus getDeliveryStatus, TeacherFileOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await SignedInBoardAsync(request, sessions, cancellationToken) is not { } caller)
        {
            return PageSession.SignIn(Area.SignInPath);
        }

        var board = caller.Board!.Value;
        var state = await getBoardState.HandleAsync(board, cancellationToken);
        var contact = await getContactPerson.HandleAsync(board, cancellationToken);
        if (state is null || contact is null)
        {
            return UnknownBoard(request, caller);
        }

        var received = request.Query[PortalDeliveriesFragment.ReceivedParameter].ToString();
        var deliveries = await PortalDeliveriesFragment.RenderAsync(board, received, listBoardDeliveries, getDeliveryStatus, cancellationToken);
        var main = PortalHomePage.Render(caller, state, contact, deliveries, received, request.Query[PortalUpload.ErrorParameter].ToString(), limits);
        return PageLayout.Page(request.HttpContext, Shell(caller), state.Naam, main);
    }

    /// <summary>GET: the deliveries as a fragment (refreshed by the page); POST: upload a file.</summary>
    public static async Task<IResult> PortalDeliveries(
        HttpRequest request, PageSessions sessions, ListBoardDeliveries listBoardDeliveries, GetDeliveryStatus getDeliveryStatus,
        AcceptDelivery acceptDelivery, ApiRateLimit rateLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await SignedInBoardAsync(request, sessions, cancellationToken) is not { } caller)
        {
            // The script stops refreshing on an answer that is no success.
            return HttpMethods.IsPost(request.Method) ? PageSession.SignIn(Area.SignInPath) : Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (HttpMethods.IsPost(request.Method))
        {
            return await PortalUpload.PostAsync(request, caller, acceptDelivery, rateLimit, cancellationToken);
        }

        var received = request.Query[PortalDeliveriesFragment.ReceivedParameter].ToString();
        var fragment = await PortalDeliveriesFragment.RenderAsync(caller.Board!.Value, received, listBoardDeliveries, getDeliveryStatus, cancellationToken);
        return PageLayout.Fragment(request.HttpContext, fragment.Html, fragment.Finished);
    }

    /// <summary>GET: one delivery with its terugmelding as a table; another board's id answers as an unknown one.</summary>
    public static async Task<IResult> PortalDelivery(
        HttpRequest request, string id, PageSessions sessions, GetDeliveryStatus getDeliveryStatus, GetTerugmelding getTerugmelding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await SignedInBoardAsync(request, sessions, cancellationToken) is not { } caller)
        {
            return PageSession.SignIn(Area.SignInPath);
        }

        var board = caller.Board!.Value;
        if (await getDeliveryStatus.HandleAsync(board, id, cancellationToken) is not { } status)
        {
            return UnknownDelivery(request, caller);
        }

        var document = await getTerugmelding.HandleAsync(board, id, asCsv: false, cancellationToken);
        var report = document is null ? null : TerugmeldingJson.FromBytes(document.Content.Span);
        return PageLayout.Page(request.HttpContext, Shell(caller), $"Levering {status.Bestand}", PortalDeliveryPage.Render(status, report));
    }

    /// <summary>GET: a delivery's terugmelding as a CSV file to save (the same CSV as the API's).</summary>
    public static async Task<IResult> PortalTerugmelding(
        HttpRequest request, string id, PageSessions sessions, GetTerugmelding getTerugmelding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await SignedInBoardAsync(request, sessions, cancellationToken) is not { } caller)
        {
            return PageSession.SignIn(Area.SignInPath);
        }

        if (await getTerugmelding.HandleAsync(caller.Board!.Value, id, asCsv: true, cancellationToken) is not { } document)
        {
            return UnknownDelivery(request, caller);
        }

        PageLayout.Protect(request.HttpContext.Response);
        return Results.File(document.Content.ToArray(), document.ContentType, $"terugmelding-{id}.csv");
    }

    /// <summary>GET: the contact person and the form to change it; POST: change it.</summary>
    public static async Task<IResult> PortalContactPerson(
        HttpRequest request, PageSessions sessions, GetContactPerson getContactPerson, SetContactPerson setContactPerson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await SignedInBoardAsync(request, sessions, cancellationToken) is not { } caller)
        {
            return PageSession.SignIn(Area.SignInPath);
        }

        return HttpMethods.IsPost(request.Method)
            ? await PortalContactPersonPage.PostAsync(request, caller, getContactPerson, setContactPerson, cancellationToken)
            : await PortalContactPersonPage.GetAsync(request, caller, getContactPerson, cancellationToken);
    }

    /// <summary>GET: the template teacher file, <c>csv</c> or <c>xlsx</c>, with the board's own number in its example row.</summary>
    public static async Task<IResult> PortalTemplate(HttpRequest request, string formaat, PageSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await SignedInBoardAsync(request, sessions, cancellationToken) is not { } caller)
        {
            return PageSession.SignIn(Area.SignInPath);
        }

        PageLayout.Protect(request.HttpContext.Response);
        var board = caller.Board!.Value;
        return formaat switch
        {
            TeacherFileTemplate.Csv => Results.File(TeacherFileTemplate.ToCsv(board), TeacherFileTemplate.CsvContentType, TeacherFileTemplate.FileName + ".csv"),
            TeacherFileTemplate.Xlsx => Results.File(TeacherFileTemplate.ToXlsx(board), DeliveryHttp.XlsxMediaType, TeacherFileTemplate.FileName + ".xlsx"),
            _ => PageLayout.Error(request.HttpContext, Shell(caller), StatusCodes.Status404NotFound, "Pagina niet gevonden", "Het sjabloon is er als CSV en als XLSX."),
        };
    }

    /// <summary>The board's session of the request; null without one (or with an operator's, which opens no board).</summary>
    private static async Task<PageCaller?> SignedInBoardAsync(HttpRequest request, PageSessions sessions, CancellationToken cancellationToken) =>
        await PageSession.ReadAsync(request, sessions, cancellationToken) is { Board: not null } caller ? caller : null;

    /// <summary>404 for a delivery that is not there or is another board's: one page for both.</summary>
    private static IResult UnknownDelivery(HttpRequest request, PageCaller caller) => PageLayout.Error(
        request.HttpContext,
        Shell(caller),
        StatusCodes.Status404NotFound,
        "Levering niet gevonden",
        "Er is geen levering met dit nummer bij uw bestuur, of er is nog geen terugmelding. Een terugmelding volgt zodra het bestand is gecontroleerd.");

    private static IResult UnknownBoard(HttpRequest request, PageCaller caller) => PageLayout.Error(
        request.HttpContext,
        Shell(caller),
        StatusCodes.Status404NotFound,
        "Bestuur niet gevonden",
        "Uw bestuur staat (nog) niet in het register van besturen. Neem contact op met de Helpdesk Lerarenregister.");
}
