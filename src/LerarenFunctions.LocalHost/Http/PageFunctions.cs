using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.LocalHost.Http;

/// <summary>
/// The ASP.NET Core twins of the worker's page functions (<c>/portaal</c>, <c>/beheer</c>), mapped from the site root
/// with the same routes and names. The pages (src/Shared/Pages) sign their users in themselves, in both hosts.
/// </summary>
public static class PageFunctions
{
    public static Task<IResult> PortalSignIn(HttpRequest request, [FromServices] PageSessions sessions, CancellationToken cancellationToken) =>
        PortalPages.PortalSignIn(request, sessions, cancellationToken);

    public static Task<IResult> PortalSignOut(HttpRequest request, [FromServices] PageSessions sessions, CancellationToken cancellationToken) =>
        PortalPages.PortalSignOut(request, sessions, cancellationToken);

    public static Task<IResult> PortalHome(
        HttpRequest request, [FromServices] PageSessions sessions, [FromServices] GetBoardState getBoardState, [FromServices] GetContactPerson getContactPerson,
        [FromServices] ListBoardDeliveries listBoardDeliveries, [FromServices] GetDeliveryStatus getDeliveryStatus, [FromServices] IOptions<TeacherFileOptions> limits,
        CancellationToken cancellationToken) =>
        PortalPages.PortalHome(request, sessions, getBoardState, getContactPerson, listBoardDeliveries, getDeliveryStatus, limits.Value, cancellationToken);

    public static Task<IResult> PortalDeliveries(
        HttpRequest request, [FromServices] PageSessions sessions, [FromServices] ListBoardDeliveries listBoardDeliveries, [FromServices] GetDeliveryStatus getDeliveryStatus,
        [FromServices] AcceptDelivery acceptDelivery, [FromServices] ApiRateLimit rateLimit, CancellationToken cancellationToken) =>
        PortalPages.PortalDeliveries(request, sessions, listBoardDeliveries, getDeliveryStatus, acceptDelivery, rateLimit, cancellationToken);

    public static Task<IResult> PortalDelivery(
        string id, HttpRequest request, [FromServices] PageSessions sessions, [FromServices] GetDeliveryStatus getDeliveryStatus, [FromServices] GetTerugmelding getTerugmelding,
        CancellationToken cancellationToken) =>
        PortalPages.PortalDelivery(request, id, sessions, getDeliveryStatus, getTerugmelding, cancellationToken);

    public static Task<IResult> PortalTerugmelding(
        string id, HttpRequest request, [FromServices] PageSessions sessions, [FromServices] GetTerugmelding getTerugmelding, CancellationToken cancellationToken) =>
        PortalPages.PortalTerugmelding(request, id, sessions, getTerugmelding, cancellationToken);

    public static Task<IResult> PortalContactPerson(
        HttpRequest request, [FromServices] PageSessions sessions, [FromServices] GetContactPerson getContactPerson, [FromServices] SetContactPerson setContactPerson,
        CancellationToken cancellationToken) =>
        PortalPages.PortalContactPerson(request, sessions, getContactPerson, setContactPerson, cancellationToken);

    public static Task<IResult> PortalTemplate(string formaat, HttpRequest request, [FromServices] PageSessions sessions, CancellationToken cancellationToken) =>
        PortalPages.PortalTemplate(request, formaat, sessions, cancellationToken);

    public static Task<IResult> OperatorSignIn(HttpRequest request, [FromServices] PageSessions sessions, CancellationToken cancellationToken) =>
        OperatorPages.OperatorSignIn(request, sessions, cancellationToken);

    public static Task<IResult> OperatorSignOut(HttpRequest request, [FromServices] PageSessions sessions, CancellationToken cancellationToken) =>
        OperatorPages.OperatorSignOut(request, sessions, cancellationToken);

    public static Task<IResult> OperatorHome(
        HttpRequest request, [FromServices] PageSessions sessions, [FromServices] LerarenFunctions.Core.Operations.GetOperationsOverview getOverview, CancellationToken cancellationToken) =>
        OperatorPages.OperatorHome(request, sessions, getOverview, cancellationToken);

    public static Task<IResult> OperatorUnderWay(
        HttpRequest request, [FromServices] PageSessions sessions, [FromServices] LerarenFunctions.Core.Operations.GetOperationsOverview getOverview, CancellationToken cancellationToken) =>
        OperatorPages.OperatorUnderWay(request, sessions, getOverview, cancellationToken);

    public static Task<IResult> OperatorReplay(
        string id, int batch, HttpRequest request, [FromServices] PageSessions sessions, [FromServices] ApiRateLimit rateLimit, [FromServices] ReplayDeadLetter replayDeadLetter,
        CancellationToken cancellationToken) =>
        OperatorPages.OperatorReplay(request, id, batch, sessions, rateLimit, replayDeadLetter, cancellationToken);
}
