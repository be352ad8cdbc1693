using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// Index row keys ordered by time, <c>{prefix}{jjjjMMddHHmmss}-{rest}</c>: to the second, in UTC, so a range of keys is
/// a span of time and a retention reads exactly what is due with one range query of its index partition. One shape
/// for every index by time (completed deliveries, sent and failed e-mails, board history, idempotency keys).
/// </summary>
internal static class TimeKeys
{
    public const string MomentFormat = "yyyyMMddHHmmss";

    /// <summary>A moment as it sorts: to the second, in UTC.</summary>
    public static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString(MomentFormat, CultureInfo.InvariantCulture);

    public static string Key(string prefix, DateTimeOffset at, string rest) => $"{prefix}{Moment(at)}-{rest}";

    /// <summary>The moment and the rest of a key of this shape; null for a key of another shape below the same prefix.</summary>
    public static (DateTimeOffset At, string Tail)? Parse(string rowKey, string prefix)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var moment = rowKey.AsSpan(prefix.Length);
        if (moment.Length <= MomentFormat.Length + 1 || moment[MomentFormat.Length] != '-' || moment[..MomentFormat.Length].ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        var at = DateTime.ParseExact(moment[..MomentFormat.Length], MomentFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return (new DateTimeOffset(at, TimeSpan.Zero), moment[(MomentFormat.Length + 1)..].ToString());
    }

    /// <summary>
    /// Every key of this shape below <paramref name="prefix"/> up to and including the second of <paramref name="before"/>,
    /// oldest first: one range query that reads the row keys only. Keys of another shape in the range are skipped.
    /// </summary>
    public static async IAsyncEnumerable<(DateTimeOffset At, string Tail)> UpToAsync(
        TableClient table, string partition, string prefix, DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (from, to) = (prefix, $"{prefix}{Moment(before)}.");
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["RowKey"],
            cancellationToken: cancellationToken))
        {
            if (Parse(row.RowKey, prefix) is { } key)
            {
                yield return key;
            }
        }
    }
}
