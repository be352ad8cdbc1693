using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>Counts each attempt of a storage client's requests on a <see cref="StorageRequestCounter"/>.</summary>
public sealed class StorageRequestCountingPolicy(StorageRequestCounter counter, StorageService service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Record(StorageOperation.Of(service, message.Request));
}

/// <summary>
/// What a request did, coarse enough to keep a metric's tags few: the method, the container, queue or table it went
/// to, and the kind of call. Blob names and entity keys are left out: they name boards and files, or hold keys.
/// </summary>
internal readonly record struct StorageOperation(StorageService Service, string Method, string Resource, string Kind)
{
    public string ServiceName => Service switch
    {
        StorageService.Blob => "blob",
        StorageService.Queue => "queue",
        _ => "table",
    };

    public override string ToString() => Resource.Length == 0 ? $"{ServiceName} {Method} {Kind}" : $"{ServiceName} {Method} {Resource} {Kind}";

    public static StorageOperation Of(StorageService service, Request request)
    {
        var uri = request.Uri;
        var segments = uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The emulator puts the account in the path (http://127.0.0.1:10000/devstoreaccount1/...); Azure puts it in the host.
        var skip = IPAddress.TryParse(uri.Host, out _) || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        var resource = segments.Length > skip ? Uri.UnescapeDataString(segments[skip]) : string.Empty;
        var below = Math.Max(0, segments.Length - skip - 1);
        var query = uri.Query;
        var (name, kind) = service switch
        {
            StorageService.Blob => (resource, BlobKind(resource, below, query)),
            StorageService.Queue => (resource, QueueKind(resource, below)),
            _ => TableKind(resource, query),
        };
        return new StorageOperation(service, request.Method.Method, name, kind);
    }

    private static string BlobKind(string container, int below, string query)
    {
        var comp = QueryValue(query, "comp");
        if (container.Length == 0)
        {
            return comp ?? "account";
        }

        if (below == 0)
        {
            return comp ?? "container";
        }

        return comp ?? "blob";
    }

    private static string QueueKind(string queue, int below) => (queue.Length, below) switch
    {
        (0, _) => "account",
        (_, 0) => "queue",
        (_, 1) => "messages",
        _ => "message",
    };

    private static (string Table, string Kind) TableKind(string resource, string query)
    {
        if (resource.Equals("$batch", StringComparison.Ordinal))
        {
            return (string.Empty, "batch");
        }

        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var table = paren < 0 ? resource : resource[..paren];
        if (table.Equals("Tables", StringComparison.Ordinal))
        {
            return (string.Empty, "tables");
        }

        // "Regels()" is a query; "Regels(PartitionKey='..',RowKey='..')" one entity; a POST to "Regels" inserts one.
        if (paren < 0 || !resource.AsSpan(paren).StartsWith("()"))
        {
            return (table, "entity");
        }

        // A query that names no partition makes the service read every partition: a scan, which grows with the table.
        var filter = QueryValue(query, "$filter");
        return (table, filter is not null && filter.Contains("PartitionKey eq", StringComparison.Ordinal) ? "query" : "scan");
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
