using System.Diagnostics;
using LerarenFunctions.Infrastructure.Register;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LerarenFunctions.Infrastructure.Health;

/// <summary>
/// Whether the register answers at all: one <c>GET</c> of the submit path (<c>v1/aanleveringen</c>), which takes only
/// <c>POST</c>, so any answer below 500 (its <c>405</c>) shows it is there, and nothing is sent or read: the body is
/// never read (the simulator's listing, which holds BSNs, is never asked). The contract has no status route; this is
/// the cheapest request it allows. A register that does not answer makes the app degraded, not unhealthy: its batches
/// wait on the queue and are retried. No retries here, a short timeout, and the answer is kept
/// <see cref="CacheFor"/>, so probes do not knock on the register's door every second.
/// </summary>
public sealed class RegisterHealthCheck(IHttpClientFactory clients, TimeProvider time) : IHealthCheck
{
    public const string Name = "register";

    /// <summary>The named client of the probe: the register's base address, no resilience handler.</summary>
    public const string ClientName = "register-probe";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    private Probe? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_last is { } last && time.GetUtcNow() - last.At < CacheFor)
        {
            return last.Result;
        }

        var result = await ProbeAsync(cancellationToken);
        _last = new Probe(result, time.GetUtcNow());
        return result;
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var http = clients.CreateClient(ClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, RegisterContract.SubmitPath);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["statuscode"] = (int)response.StatusCode,
                ["duurMs"] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
            return (int)response.StatusCode < 500
                ? HealthCheckResult.Healthy(HealthTexts.RegisterAnswers, data)
                : HealthCheckResult.Degraded(HealthTexts.RegisterDoesNotAnswer, data: data);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded(HealthTexts.RegisterDoesNotAnswer, e);
        }
    }

    private sealed record Probe(HealthCheckResult Result, DateTimeOffset At);
}
