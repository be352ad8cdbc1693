using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/health</c>: whether the app can work, for probes (no key, one word); with the operator key, each check.</summary>
public sealed class GetHealthFunction(HealthCheckService health, OperatorKey operatorKey)
{
    [Function("GetHealth")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HealthHttp.GetAsync(request, health, operatorKey, cancellationToken);
}
