using System.Globalization;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// The rate limit of the <c>POST</c> routes (<c>Api:Snelheid</c>), answered alike in both hosts: every <c>POST</c>
/// handler asks it first thing after the key is checked. Counted per instance of the host (see <see cref="ApiRateLimit"/>).
/// </summary>
internal static class ApiRateLimitHttp
{
    /// <summary>
    /// Null when <paramref name="caller"/> may make this request; else 429 (problem+json, Dutch) with <c>Retry-After</c>
    /// in whole seconds.
    /// </summary>
    public static IResult? Refuse(HttpRequest request, ApiRateLimit limit, ApiCaller caller)
    {
        if (limit.TryAcquire(caller, out var retryAfter))
        {
            return null;
        }

        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Te veel verzoeken",
            detail: string.Create(CultureInfo.InvariantCulture,
                $"Met deze sleutel mogen hoogstens {limit.PermitLimit} verzoeken per {Dutch(limit.Window)} worden gedaan. Probeer het over {seconds} seconden opnieuw."));
    }

    private static string Dutch(TimeSpan window) => window switch
    {
        _ when window == TimeSpan.FromMinutes(1) => "minuut",
        _ when window == TimeSpan.FromHours(1) => "uur",
        _ when window == TimeSpan.FromDays(1) => "dag",
        _ => string.Create(CultureInfo.InvariantCulture, $"{(long)window.TotalSeconds} seconden"),
    };
}
