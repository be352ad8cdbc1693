using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The index partition <c>index</c> of the deliveries table: its row keys, its writes and its range reads. A row
/// <c>lopend-{id}</c> per delivery that is not final; a row <c>afgerond-{jjjjMMddHHmmss}-{id}</c> per final delivery, in
/// order of completion, with the delivery's summary (<see cref="DeliveryIndexRows"/>). Each read is one range of the one
/// partition, so a timer reads what can need work and never the finished deliveries. Which rows a delivery should have
/// is decided by <see cref="TableDeliveryStore"/>; this only reads and writes them.
/// </summary>
internal sealed class DeliveryIndex(TableClient table)
{
    private const string Partition = "index";
    private const string UnfinishedPrefix = "lopend-";
    private const string CompletedPrefix = "afgerond-";

    public static string UnfinishedKey(string deliveryId) => UnfinishedPrefix + deliveryId;

    /// <summary>The completion row's key: by completion time to the second, in UTC, so a range of keys is a span of time.</summary>
    public static string CompletedKey(Delivery delivery) =>
        $"{CompletedPrefix}{(delivery.CompletedAt is { } completed ? Moment(completed) : new string('0', TimeKeys.MomentFormat.Length))}-{delivery.Id}";

    public static string UnfinishedId(string unfinishedKey) => unfinishedKey[UnfinishedPrefix.Length..];

    public static string CompletedId(string completedKey) => completedKey[(CompletedPrefix.Length + TimeKeys.MomentFormat.Length + 1)..];

    /// <summary>Every unfinished row: its key and when it was written (to tell a leftover from an add in progress).</summary>
    public IAsyncEnumerable<TableEntity> UnfinishedAsync(CancellationToken cancellationToken) =>
        Range(UnfinishedPrefix, UnfinishedPrefix[..^1] + ".", ["RowKey", "Timestamp"], cancellationToken);

    /// <summary>The keys of every completion up to and including the second of <paramref name="before"/>.</summary>
    public IAsyncEnumerable<TableEntity> CompletedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Range(CompletedPrefix, CompletedPrefix + Moment(before.AddSeconds(1)), ["RowKey"], cancellationToken);

    /// <summary>Every completion row from the second of <paramref name="since"/> on, oldest first.</summary>
    public IAsyncEnumerable<TableEntity> CompletedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Range(CompletedPrefix + Moment(since), CompletedPrefix[..^1] + ".", null, cancellationToken);

    /// <summary>One page of the completion rows from <paramref name="from"/> up to <paramref name="before"/>, oldest first.</summary>
    public async Task<Page<TableEntity>?> CompletedPageAsync(
        DateTimeOffset from, DateTimeOffset before, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var (low, high) = (CompletedPrefix + Moment(from), CompletedPrefix + Moment(before));
        await foreach (var page in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(low) >= 0 && e.RowKey.CompareTo(high) < 0,
            maxPerPage: pageSize,
            cancellationToken: cancellationToken).AsPages(continuation, pageSize))
        {
            return page;
        }

        return null;
    }

    public async Task AddUnfinishedAsync(string deliveryId, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(new TableEntity(Partition, UnfinishedKey(deliveryId)), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Writes the delivery's completion row, with its summary, and removes the index row it <paramref name="replaces"/>
    /// (its unfinished row, or its completion row of before) in the same transaction.
    /// </summary>
    public async Task AddCompletedAsync(Delivery delivery, string? replaces, CancellationToken cancellationToken)
    {
        var completed = DeliveryIndexRows.WriteSummary(new TableEntity(Partition, CompletedKey(delivery)), delivery);
        if (replaces is null || replaces == completed.RowKey)
        {
            await table.UpsertEntityAsync(completed, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        await TableRows.MoveIndexRowAsync(table, completed, replaces, cancellationToken);
    }

    public Task RemoveAsync(string rowKey, CancellationToken cancellationToken) =>
        TableRows.DeleteIfExistsAsync(table, Partition, rowKey, cancellationToken);

    private static string Moment(DateTimeOffset at) => TimeKeys.Moment(at);

    private AsyncPageable<TableEntity> Range(string from, string to, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: select,
            cancellationToken: cancellationToken);
}
