using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET /portaal</c>: the board's page.</summary>
public sealed class PortalHomeFunction(
    PageSessions sessions,
    GetBoardState getBoardState,
    GetContactPerson getContactPerson,
    ListBoardDeliveries listBoardDeliveries,
    GetDeliveryStatus getDeliveryStatus,
    IOptions<TeacherFileOptions> limits)
{
    [Function(nameof(PortalPages.PortalHome))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageRoutes.Portal)] HttpRequest request,
        CancellationToken cancellationToken) =>
        PortalPages.PortalHome(request, sessions, getBoardState, getContactPerson, listBoardDeliveries, getDeliveryStatus, limits.Value, cancellationToken);
}
