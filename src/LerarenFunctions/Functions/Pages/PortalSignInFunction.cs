using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET|POST /portaal/aanmelden</c>: a board signs in with its board key (anonymous: the page signs in itself).</summary>
public sealed class PortalSignInFunction(PageSessions sessions)
{
    [Function(nameof(PortalPages.PortalSignIn))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = PageRoutes.PortalSignIn)] HttpRequest request,
        CancellationToken cancellationToken) =>
        PortalPages.PortalSignIn(request, sessions, cancellationToken);
}
