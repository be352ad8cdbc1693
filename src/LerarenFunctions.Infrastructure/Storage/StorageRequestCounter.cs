using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Azure.Core;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>The storage service a request went to; each is billed per transaction.</summary>
public enum StorageService
{
    Blob,
    Queue,
    Table,
}

/// <summary>
/// Counts every request our storage clients send, per service and per kind of operation. Storage is billed per
/// transaction, so this is the cost figure: published as the counter <see cref="InstrumentName"/> of meter
/// <see cref="MeterName"/> for any metrics exporter, and kept as in-process totals for a look at a running host.
/// Requests of the triggers' own clients (WebJobs or the Functions host) are not ours and are not counted.
/// </summary>
public sealed class StorageRequestCounter
{
    public const string MeterName = "LerarenFunctions.Storage";

    public const string InstrumentName = "lerarenfunctions.storage.requests";

    private readonly Counter<long> _requests;
    private readonly ConcurrentDictionary<StorageOperation, StrongBox<long>> _byOperation = new();
    private long _blob;
    private long _queue;
    private long _table;

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The meter factory disposes the meters it created.")]
    public StorageRequestCounter(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(InstrumentName, "{request}", "Requests sent to Azure Storage by our clients, retries included.");
    }

    /// <summary>
    /// Counts on every attempt of a client's requests from now on. Per retry, so that a retried request costs what
    /// the storage account bills for it.
    /// </summary>
    public void AddTo(ClientOptions options, StorageService service) =>
        options.AddPolicy(new StorageRequestCountingPolicy(this, service), HttpPipelinePosition.PerRetry);

    /// <summary>The totals so far.</summary>
    public StorageRequestTotals Snapshot() => new(
        Interlocked.Read(ref _blob),
        Interlocked.Read(ref _queue),
        Interlocked.Read(ref _table),
        _byOperation.ToDictionary(e => e.Key.ToString(), e => Interlocked.Read(ref e.Value.Value), StringComparer.Ordinal));

    internal void Record(StorageOperation operation)
    {
        Interlocked.Increment(ref TotalOf(operation.Service));
        Interlocked.Increment(ref _byOperation.GetOrAdd(operation, static _ => new StrongBox<long>()).Value);
        _requests.Add(
            1,
            new KeyValuePair<string, object?>("service", operation.ServiceName),
            new KeyValuePair<string, object?>("method", operation.Method),
            new KeyValuePair<string, object?>("resource", operation.Resource),
            new KeyValuePair<string, object?>("kind", operation.Kind));
    }

    private ref long TotalOf(StorageService service)
    {
        switch (service)
        {
            case StorageService.Blob:
                return ref _blob;
            case StorageService.Queue:
                return ref _queue;
            default:
                return ref _table;
        }
    }
}

/// <summary>Requests counted so far, per service and per operation (<c>"table POST batch"</c>, <c>"blob GET aanleveringen blob"</c>).</summary>
public sealed record StorageRequestTotals(long Blob, long Queue, long Table, IReadOnlyDictionary<string, long> ByOperation)
{
    public long Total => Blob + Queue + Table;
}
