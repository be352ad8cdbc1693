using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/health</c>: whether the app can work, for probes; no key, no internals.</summary>
public sealed class GetHealthFunction(HealthCheckService health)
{
    [Function("GetHealth")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HealthHttp.GetAsync(request, health, cancellationToken);
}
