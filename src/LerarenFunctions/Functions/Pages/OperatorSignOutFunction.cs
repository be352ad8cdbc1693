using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>POST /beheer/afmelden</c>: an operator signs out.</summary>
public sealed class OperatorSignOutFunction(PageSessions sessions)
{
    [Function(nameof(OperatorPages.OperatorSignOut))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.OperatorSignOut)] HttpRequest request,
        CancellationToken cancellationToken) =>
        OperatorPages.OperatorSignOut(request, sessions, cancellationToken);
}
