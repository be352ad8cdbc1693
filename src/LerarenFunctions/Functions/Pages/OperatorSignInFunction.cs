using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET|POST /beheer/aanmelden</c>: an operator signs in with the operator key (anonymous: the page signs in itself).</summary>
public sealed class OperatorSignInFunction(PageSessions sessions)
{
    [Function(nameof(OperatorPages.OperatorSignIn))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = PageRoutes.OperatorSignIn)] HttpRequest request,
        CancellationToken cancellationToken) =>
        OperatorPages.OperatorSignIn(request, sessions, cancellationToken);
}
