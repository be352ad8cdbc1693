using Azure.Data.Tables;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Health;

/// <summary>
/// How many dead letters wait for an operator: those that can still be replayed (a letter whose rows the retention
/// removed stays listed until its delivery goes, but needs nobody). One query of the dead letters' partition, two
/// columns, counted up to <see cref="CountUpTo"/>, kept <see cref="CacheFor"/>; its own client does not retry.
/// </summary>
public sealed class DeadLetterHealthCheck : IHealthCheck
{
    public const string Name = "dodeletters";

    public const int CountUpTo = 10_000;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly TableClient _table;
    private readonly IOptions<HealthOptions> _options;
    private readonly TimeProvider _time;
    private Count? _last;

    public DeadLetterHealthCheck(StorageClientFactory factory, IOptions<HealthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = Timeout;
        _table = factory.CreateTableServiceClient(clientOptions).GetTableClient(StorageNames.DeadLettersTable);
        _options = options;
        _time = time;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int waiting;
        try
        {
            waiting = await CountAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded(HealthTexts.DeadLettersUnreadable, e);
        }

        var data = new Dictionary<string, object> { ["aantal"] = waiting };
        return waiting > _options.Value.MaxDeadLetters
            ? HealthCheckResult.Degraded(HealthTexts.DeadLettersWaiting, data: data)
            : HealthCheckResult.Healthy(HealthTexts.DeadLettersFine, data);
    }

    private async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        if (_last is { } last && _time.GetUtcNow() - last.At < CacheFor)
        {
            return last.Waiting;
        }

        var waiting = 0;
        await foreach (var letter in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == TableDeadLetterStore.Partition,
            maxPerPage: 1000,
            select: ["RowKey", "RegelsVerwijderdOp"],
            cancellationToken: cancellationToken))
        {
            if (letter.GetDateTimeOffset("RegelsVerwijderdOp") is null && ++waiting >= CountUpTo)
            {
                break;
            }
        }

        _last = new Count(waiting, _time.GetUtcNow());
        return waiting;
    }

    private sealed record Count(int Waiting, DateTimeOffset At);
}
