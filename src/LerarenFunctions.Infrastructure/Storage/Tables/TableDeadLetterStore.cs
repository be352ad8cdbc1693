using System.Globalization;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>The dead letters: one partition (they are few), row = delivery id and batch number.</summary>
public sealed class TableDeadLetterStore(StorageClients clients) : IDeadLetterStore
{
    /// <summary>The one partition of the dead letters; the health check counts it.</summary>
    internal const string Partition = "dodeletter";

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.DeadLettersTable);

    public Task SaveAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return _table.UpsertEntityAsync(new TableEntity(Partition, Key(letter.DeliveryId, letter.Batch))
        {
            ["AanleveringId"] = letter.DeliveryId,
            ["Batch"] = letter.Batch,
            ["Reden"] = letter.Reason,
            ["Pogingen"] = letter.Attempts,
            ["LaatsteFout"] = letter.LastError,
            ["Op"] = letter.At,
            ["RegelsVerwijderdOp"] = letter.RecordsRemovedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public Task DeleteAsync(string deliveryId, int batch, CancellationToken cancellationToken) =>
        TableRows.DeleteIfExistsAsync(_table, Partition, Key(deliveryId, batch), cancellationToken);

    public Task DeleteAllAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // The keys of one delivery's letters sort together: "{id}-00001" up to (but not including) "{id}.".
        var (from, to) = ($"{deliveryId}-", $"{deliveryId}.");
        return TableRows.DeleteAllAsync(_table, e => e.PartitionKey == Partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            letters.Add(new DeadLetter(
                e.GetString("AanleveringId"),
                e.GetInt32("Batch") ?? 0,
                e.GetString("Reden") ?? string.Empty,
                e.GetInt64("Pogingen") ?? 0,
                e.GetString("LaatsteFout"),
                e.GetDateTimeOffset("Op") ?? DateTimeOffset.UnixEpoch)
            {
                RecordsRemovedAt = e.GetDateTimeOffset("RegelsVerwijderdOp"),
            });
        }

        return [.. letters.OrderBy(l => l.At)];
    }

    private static string Key(string deliveryId, int batch) => string.Create(CultureInfo.InvariantCulture, $"{deliveryId}-{batch:D5}");
}
