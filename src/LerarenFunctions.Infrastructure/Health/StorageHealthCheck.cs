using Azure.Data.Tables;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LerarenFunctions.Infrastructure.Health;

/// <summary>
/// Whether the storage account answers: one query of its tables, one table at most, on a client of its own that does
/// not retry (a probe asks how it is now; the next probe is the retry). Only this check makes the app unhealthy: every
/// function needs storage. The register, the queues and the dead letters have checks of their own that make it only
/// degraded: a register being down is no reason to take this app out of service (its batches wait and are retried).
/// Its client comes from the same <see cref="StorageClientFactory"/> as the app's, so it signs in the same way (a
/// connection string or the identity).
/// </summary>
public sealed class StorageHealthCheck : IHealthCheck
{
    /// <summary>The name of the check; never shown to a caller.</summary>
    public const string Name = "opslag";

    /// <summary>How long the whole check may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly TableServiceClient _tables;

    public StorageHealthCheck(StorageClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = Timeout;
        _tables = factory.CreateTableServiceClient(clientOptions);
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var pages = _tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).GetAsyncEnumerator(cancellationToken);
            await pages.MoveNextAsync();
            return HealthCheckResult.Healthy(HealthTexts.StorageAnswers);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception stays in the report for logs; the HTTP answer never shows it.
            return HealthCheckResult.Unhealthy(HealthTexts.StorageDoesNotAnswer, e);
        }
    }
}
