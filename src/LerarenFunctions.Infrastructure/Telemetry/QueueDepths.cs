using System.Diagnostics.Metrics;
using Azure.Storage.Queues;
using LerarenFunctions.Core.Telemetry;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Infrastructure.Telemetry;

/// <summary>
/// How many messages wait on each queue (the app's queues and their poison queues), as the queues report it
/// (<c>ApproximateMessagesCount</c>). Read at most every <see cref="MaxAge"/> and cached, whoever asks — the gauge
/// <c>lerarenfunctions.queue.depth</c> at each metric export, or the health check — so neither adds more than a few
/// storage requests a minute. Its own client does not retry: the next reading is the retry.
/// </summary>
public sealed partial class QueueDepths : IDisposable
{
    /// <summary>A reading younger than this is used as it is.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    public const string GaugeName = "lerarenfunctions.queue.depth";

    private readonly QueueServiceClient _queues;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueDepths> _logger;
    private readonly Meter _meter;
    private readonly Lock _gate = new();
    private Reading? _last;
    private Task<Reading>? _refreshing;

    public QueueDepths(StorageClientFactory factory, IMeterFactory meterFactory, TimeProvider time, ILogger<QueueDepths> logger)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(meterFactory);
        var options = new QueueClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        _queues = factory.CreateQueueServiceClient(options);
        _time = time;
        _logger = logger;
        _meter = meterFactory.Create(LerarenTelemetry.SourceName);
        _meter.CreateObservableGauge(GaugeName, Observe, "{message}", "Messages waiting per queue (approximate; read at most every 30 seconds).");
    }

    /// <summary>Every queue the app uses, with its poison queue.</summary>
    public static IReadOnlyList<string> QueueNames { get; } =
        [.. StorageNames.Queues.SelectMany(q => (string[])[q, q + StorageNames.PoisonSuffix])];

    /// <summary>The depths, at most <see cref="MaxAge"/> old; throws when the queues cannot be read now.</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh.Depths;
        }

        return (await RefreshAsync().WaitAsync(cancellationToken)).Depths;
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>The gauge: the last reading, and a new one started in the background when it is stale.</summary>
    private IEnumerable<Measurement<int>> Observe()
    {
        Reading? last;
        lock (_gate)
        {
            last = _last;
        }

        if (Fresh() is null)
        {
            _ = RefreshAsync().ContinueWith(t => LogReadFailed(_logger, t.Exception?.InnerException?.GetType().Name ?? "?"), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return last is null ? [] : [.. last.Depths.Select(d => new Measurement<int>(d.Value, new KeyValuePair<string, object?>("queue", d.Key)))];
    }

    private Reading? Fresh()
    {
        lock (_gate)
        {
            return _last is { } last && _time.GetUtcNow() - last.At < MaxAge ? last : null;
        }
    }

    /// <summary>One reading at a time: who comes while it runs waits for the same one.</summary>
    private Task<Reading> RefreshAsync()
    {
        lock (_gate)
        {
            // On the pool: a reading never completes inside this lock, so it cannot clear _refreshing before it is set.
            return _refreshing ??= Task.Run(ReadAsync);
        }
    }

    private async Task<Reading> ReadAsync()
    {
        try
        {
            var depths = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in QueueNames)
            {
                var properties = await _queues.GetQueueClient(name).GetPropertiesAsync();
                depths[name] = properties.Value.ApproximateMessagesCount;
            }

            var reading = new Reading(depths, _time.GetUtcNow());
            lock (_gate)
            {
                _last = reading;
            }

            return reading;
        }
        finally
        {
            lock (_gate)
            {
                _refreshing = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The queue depths could not be read ({Error}); the gauge keeps its last reading")]
    private static partial void LogReadFailed(ILogger logger, string error);

    private sealed record Reading(IReadOnlyDictionary<string, int> Depths, DateTimeOffset At);
}
