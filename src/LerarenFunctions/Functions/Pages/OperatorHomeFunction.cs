using LerarenFunctions.Core.Operations;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET /beheer</c>: the operators' overview.</summary>
public sealed class OperatorHomeFunction(PageSessions sessions, GetOperationsOverview getOverview)
{
    [Function(nameof(OperatorPages.OperatorHome))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageRoutes.Operator)] HttpRequest request,
        CancellationToken cancellationToken) =>
        OperatorPages.OperatorHome(request, sessions, getOverview, cancellationToken);
}
