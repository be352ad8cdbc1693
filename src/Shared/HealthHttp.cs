using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET /api/health</c>, compiled into both hosts so they answer alike. Without a key (a platform probe, anyone):
/// nothing but <c>{"status": "gezond" | "verminderd" | "ongezond"}</c>, 503 only for <c>ongezond</c>. With the operator
/// key as Bearer: each check with its status, description and numbers (<see cref="HealthReportView"/>), never an
/// exception's text or a connection. A wrong key is answered as no key: the probe needs none.
/// </summary>
internal static class HealthHttp
{
    public static async Task<IResult> GetAsync(HttpRequest request, HealthCheckService health, OperatorKey operatorKey, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var view = operatorKey.Allows(request.Headers.Authorization) ? HealthReportView.Detailed(report) : HealthReportView.Anonymous(report);
        // Degraded still works: only Unhealthy takes the app out of service.
        return Results.Json(view, statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
