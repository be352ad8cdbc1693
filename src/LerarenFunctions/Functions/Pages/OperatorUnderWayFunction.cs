using LerarenFunctions.Core.Operations;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET /beheer/onderweg</c>: the deliveries under way, the part of the overview that refreshes itself.</summary>
public sealed class OperatorUnderWayFunction(PageSessions sessions, GetOperationsOverview getOverview)
{
    [Function(nameof(OperatorPages.OperatorUnderWay))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageRoutes.OperatorUnderWay)] HttpRequest request,
        CancellationToken cancellationToken) =>
        OperatorPages.OperatorUnderWay(request, sessions, getOverview, cancellationToken);
}
