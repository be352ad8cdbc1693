using System.Globalization;

namespace LerarenFunctions.Benchmarks.Doorsturen;

/// <summary>Requests Azurite saw, from every client: ours, the triggers' polling and leases, and the harness.</summary>
/// <param name="Total">All requests in the log.</param>
/// <param name="Blob">Blob requests in the window.</param>
/// <param name="Queue">Queue requests in the window.</param>
/// <param name="Table">Table requests in the window (a <c>$batch</c> is one).</param>
/// <param name="ByOperation">Requests in the window per Azurite operation name (<c>Table_Batch</c>, <c>Messages_Dequeue</c>, ...).</param>
public sealed record AzuriteRequests(long Total, long Blob, long Queue, long Table, IReadOnlyDictionary<string, long> ByOperation)
{
    public long InWindow => Blob + Queue + Table;
}

/// <summary>
/// Reads Azurite's <c>--debug</c> log. Of the block of lines Azurite writes per request, exactly one carries
/// <c>StorageContextMiddleware: RequestMethod=</c> (written on arrival, per service: <c>Blob</c>, <c>Queue</c>,
/// <c>Table</c>), and one <c>DispatchMiddleware: Operation=</c> once the request is recognised.
/// </summary>
public static class AzuriteDebugLog
{
    private const string Arrival = "StorageContextMiddleware: RequestMethod=";
    private const string Operation = "DispatchMiddleware: Operation=";

    /// <summary>Counts all requests, and those that arrived from <paramref name="from"/> to <paramref name="to"/> per service and operation.</summary>
    public static AzuriteRequests Count(string path, DateTimeOffset from, DateTimeOffset to)
    {
        long total = 0, blob = 0, queue = 0, table = 0;
        var byOperation = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16));
        while (reader.ReadLine() is { } line)
        {
            var arrival = line.IndexOf(Arrival, StringComparison.Ordinal);
            var operation = arrival < 0 ? line.IndexOf(Operation, StringComparison.Ordinal) : -1;
            if (arrival < 0 && operation < 0)
            {
                continue;
            }

            var inWindow = Timestamp(line) is { } at && at >= from && at <= to;
            if (arrival >= 0)
            {
                total++;
                if (inWindow)
                {
                    var service = line.AsSpan(0, arrival);
                    if (service.EndsWith("Blob", StringComparison.Ordinal))
                    {
                        blob++;
                    }
                    else if (service.EndsWith("Queue", StringComparison.Ordinal))
                    {
                        queue++;
                    }
                    else
                    {
                        table++;
                    }
                }
            }
            else if (inWindow)
            {
                var name = line[(operation + Operation.Length)..].Trim();
                byOperation[name] = byOperation.GetValueOrDefault(name) + 1;
            }
        }

        return new AzuriteRequests(total, blob, queue, table, byOperation);
    }

    private static DateTimeOffset? Timestamp(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}
