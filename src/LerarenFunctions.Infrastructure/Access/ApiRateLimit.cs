using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Access;

/// <summary>
/// How many <c>POST</c> requests one key may make (<c>Api:Snelheid</c>): <see cref="PermitLimit"/> per
/// <see cref="Window"/>, per key (each board key apart, the operator key as one).
/// </summary>
public sealed class ApiRateLimitOptions
{
    public const string SectionName = "Api:Snelheid";

    /// <summary>The requests one key may make per <see cref="Window"/> (<c>Api:Snelheid:Aanvragen</c>).</summary>
    [ConfigurationKeyName("Aanvragen")]
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 60;

    /// <summary>The period the limit counts over (<c>Api:Snelheid:Periode</c>), from one second to a day.</summary>
    [ConfigurationKeyName("Periode")]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The rate limit on the <c>POST</c> routes: a fixed window per caller key, counted in this process. Each instance of
/// the host counts for itself, so with several instances a key may make up to that many times the limit in all; it
/// is a brake on a runaway client, not a quota. Every <c>POST</c> handler asks it after the key is checked.
/// </summary>
public sealed class ApiRateLimit : IDisposable
{
    /// <summary>The partition of the operator key.</summary>
    public const string OperatorPartition = "beheer";

    private readonly PartitionedRateLimiter<ApiCaller> _limiter;

    public ApiRateLimit(IOptions<ApiRateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        PermitLimit = limits.PermitLimit;
        Window = limits.Window;
        _limiter = PartitionedRateLimiter.Create<ApiCaller, string>(caller => RateLimitPartition.GetFixedWindowLimiter(
            PartitionOf(caller),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>The requests one key may make per <see cref="Window"/>.</summary>
    public int PermitLimit { get; }

    /// <summary>The period the limit counts over.</summary>
    public TimeSpan Window { get; }

    /// <summary>
    /// The key of <paramref name="caller"/> for the limit: <see cref="OperatorPartition"/> for the operator, otherwise
    /// the board key (its board and id).
    /// </summary>
    public static string PartitionOf(ApiCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsOperator ? OperatorPartition : caller.Door;
    }

    /// <summary>
    /// Counts one request of <paramref name="caller"/> (a known caller: ask after the key is checked). False when the
    /// key has made its requests of this window; <paramref name="retryAfter"/> then says when to try again.
    /// </summary>
    public bool TryAcquire(ApiCaller caller, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
