using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>POST /portaal/afmelden</c>: a board signs out.</summary>
public sealed class PortalSignOutFunction(PageSessions sessions)
{
    [Function(nameof(PortalPages.PortalSignOut))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.PortalSignOut)] HttpRequest request,
        CancellationToken cancellationToken) =>
        PortalPages.PortalSignOut(request, sessions, cancellationToken);
}
