using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET /api/health</c>, compiled into both hosts so they answer alike: no key, and nothing but
/// <c>200 {"status":"gezond"}</c> or <c>503 {"status":"ongezond"}</c> — no check names, no errors, no versions.
/// </summary>
internal static class HealthHttp
{
    public const string Healthy = "gezond";
    public const string Unhealthy = "ongezond";

    public static async Task<IResult> GetAsync(HttpRequest request, HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        // Degraded still works: only Unhealthy takes the app out of service.
        return report.Status == HealthStatus.Unhealthy
            ? Results.Json(new HealthAnswer(Unhealthy), statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Json(new HealthAnswer(Healthy), statusCode: StatusCodes.Status200OK);
    }

    /// <summary>The whole answer: one word.</summary>
    private sealed record HealthAnswer([property: JsonPropertyName("status")] string Status);
}
