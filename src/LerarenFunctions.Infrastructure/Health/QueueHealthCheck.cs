using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Health;

/// <summary>
/// How many messages wait per queue (at most 30 seconds old, the same reading as the queue-depth gauge), against the
/// thresholds of <see cref="HealthOptions"/>: past one the app is degraded. The numbers are in the operator's answer.
/// </summary>
public sealed class QueueHealthCheck(QueueDepths depths, IOptions<HealthOptions> options) : IHealthCheck
{
    public const string Name = "wachtrijen";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<string, int> counts;
        try
        {
            counts = await depths.GetAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded(HealthTexts.QueuesUnreadable, e);
        }

        var limits = options.Value;
        var over = counts.Any(q => q.Value > (q.Key switch
        {
            StorageNames.ForwardingQueue => limits.MaxForwardingMessages,
            StorageNames.EmailQueue => limits.MaxEmailMessages,
            _ => limits.MaxPoisonMessages,
        }));
        var data = counts.ToDictionary(q => q.Key, q => (object)q.Value, StringComparer.Ordinal);
        return over ? HealthCheckResult.Degraded(HealthTexts.QueuesOverThreshold, data: data) : HealthCheckResult.Healthy(HealthTexts.QueuesFine, data);
    }
}
