using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The deliveries, one row each (partition = delivery id), and an index partition <c>index</c> in the same table, so the
/// timers read only what can need work: a row <c>lopend-{id}</c> per delivery that is not final, and a row
/// <c>afgerond-{jjjjMMddHHmmss}-{id}</c> per final delivery, in order of completion, so the retention reads exactly the
/// deliveries that are due. An index row is written before the status that
/// puts a delivery in it and removed after the status that takes it out, so a delivery is never missing from its
/// index; a leftover index row (a run that stopped in between) is tidied up when it is next read. Both kinds share one
/// partition, so moving a delivery from the one to the other is one transaction.
/// </summary>
public sealed class TableDeliveryStore(StorageClients clients, TimeProvider time) : IDeliveryStore
{
    private const string RowKey = "aanlevering";
    private const string IndexPartition = "index";
    private const string UnfinishedPrefix = "lopend-";
    private const string CompletedPrefix = "afgerond-";
    private const string MomentFormat = "yyyyMMddHHmmss";

    /// <summary>An index row without its delivery this old was left by an add that never happened; younger ones may be mid-add.</summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.DeliveriesTable);

    public async Task<Stored<Delivery>?> GetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(deliveryId, RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? new Stored<Delivery>(ToDelivery(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public async Task<Stored<Delivery>?> TryAddAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!delivery.Status.IsFinal())
        {
            await IndexUnfinishedAsync(delivery, cancellationToken);
        }

        var added = await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(delivery), cancellationToken));
        if (added is null)
        {
            return null;
        }

        if (delivery.Status.IsFinal())
        {
            await IndexCompletedAsync(delivery, cancellationToken);
        }

        return new Stored<Delivery>(delivery, TableRows.Version(added));
    }

    public async Task<Stored<Delivery>?> TryReplaceAsync(Stored<Delivery> current, Delivery next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var wasFinal = current.Value.Status.IsFinal();
        if (wasFinal && !next.Status.IsFinal())
        {
            await IndexUnfinishedAsync(next, cancellationToken);
        }

        var written = await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(current.Version), TableUpdateMode.Replace, cancellationToken));
        if (written is null)
        {
            return null;
        }

        if (next.Status.IsFinal() && (!wasFinal || CompletedKey(current.Value) != CompletedKey(next)))
        {
            await IndexCompletedAsync(next, cancellationToken);
        }

        return new Stored<Delivery>(next, TableRows.Version(written));
    }

    public async Task<bool> TryDeleteAsync(Stored<Delivery> current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var deleted = await TableRows.TryAsync(() => _table.DeleteEntityAsync(current.Value.Id, RowKey, new ETag(current.Version), cancellationToken));
        if (deleted is null)
        {
            return false;
        }

        await TableRows.DeleteIfExistsAsync(_table, IndexPartition, UnfinishedKey(current.Value.Id), cancellationToken);
        if (current.Value.CompletedAt is not null)
        {
            await TableRows.DeleteIfExistsAsync(_table, IndexPartition, CompletedKey(current.Value), cancellationToken);
        }

        return true;
    }

    public async IAsyncEnumerable<Stored<Delivery>> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = (UnfinishedPrefix, UnfinishedPrefix[..^1] + ".");
        await foreach (var index in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == IndexPartition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["RowKey", "Timestamp"],
            cancellationToken: cancellationToken))
        {
            var id = index.RowKey[UnfinishedPrefix.Length..];
            var stored = await GetAsync(id, cancellationToken);
            if (stored is null)
            {
                if (index.Timestamp < time.GetUtcNow() - OrphanAge)
                {
                    await TableRows.DeleteIfExistsAsync(_table, IndexPartition, index.RowKey, cancellationToken);
                }

                continue;
            }

            if (stored.Value.Status.IsFinal())
            {
                // A run stopped between the final status and the index: finish what it left.
                await IndexCompletedAsync(stored.Value, cancellationToken);
                continue;
            }

            yield return stored;
        }
    }

    public async IAsyncEnumerable<Stored<Delivery>> ListCompletedBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every delivery completed up to and including the cutoff's second: one range of the index partition.
        var (from, to) = (CompletedPrefix, CompletedPrefix + Moment(before.AddSeconds(1)));
        await foreach (var index in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == IndexPartition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["RowKey"],
            cancellationToken: cancellationToken))
        {
            var id = index.RowKey[(CompletedPrefix.Length + MomentFormat.Length + 1)..];
            var stored = await GetAsync(id, cancellationToken);
            if (stored is null || !stored.Value.Status.IsFinal() || CompletedKey(stored.Value) != index.RowKey)
            {
                // Gone, reopened (indexed again when it completes), or completed again later.
                await TableRows.DeleteIfExistsAsync(_table, IndexPartition, index.RowKey, cancellationToken);
                continue;
            }

            yield return stored;
        }
    }

    private async Task IndexUnfinishedAsync(Delivery delivery, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(IndexPartition, UnfinishedKey(delivery.Id)), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Moves the delivery's index row from unfinished to its completion month, in one transaction.</summary>
    private async Task IndexCompletedAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var completed = new TableEntity(IndexPartition, CompletedKey(delivery));
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, completed),
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(IndexPartition, UnfinishedKey(delivery.Id)), ETag.All),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // Not unfinished any more (a delivery closed again, or one that stopped after its first attempt here).
            await _table.UpsertEntityAsync(completed, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>A completion time as it sorts: to the second, in UTC.</summary>
    private static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString(MomentFormat, CultureInfo.InvariantCulture);

    private static string UnfinishedKey(string deliveryId) => UnfinishedPrefix + deliveryId;

    private static string CompletedKey(Delivery delivery) =>
        $"{CompletedPrefix}{(delivery.CompletedAt is { } completed ? Moment(completed) : new string('0', MomentFormat.Length))}-{delivery.Id}";

    private static TableEntity ToEntity(Delivery d) => new(d.Id, RowKey)
    {
        ["Bestuursnummer"] = d.Bestuursnummer.Value,
        ["Pad"] = d.Path,
        ["Bestand"] = d.FileName,
        ["Versie"] = d.FileVersion,
        ["GeuploadOp"] = d.UploadedAt,
        ["Status"] = d.Status.ToContract(),
        ["OntvangenOp"] = d.ReceivedAt,
        ["AfgerondOp"] = d.CompletedAt,
        ["GewijzigdOp"] = d.ChangedAt,
        ["Reden"] = d.Reason,
        ["Inhoud"] = d.ContentHash,
        ["Poging"] = d.IntakeAttempt,
        ["AantalRegels"] = d.Counts.Rows,
        ["AantalGoedgekeurd"] = d.Counts.Accepted,
        ["AantalAfgekeurd"] = d.Counts.Rejected,
        ["AantalBatches"] = d.Counts.Batches,
        ["AantalBatchesAfgerond"] = d.Counts.BatchesCompleted,
        ["AantalDoorgestuurd"] = d.Counts.Forwarded,
        ["AantalGeregistreerd"] = d.Counts.Registered,
        ["AantalAfgewezenDoorRegister"] = d.Counts.RejectedByRegister,
        ["AantalMislukt"] = d.Counts.Failed,
    };

    private static Delivery ToDelivery(TableEntity e) => new()
    {
        Id = e.PartitionKey,
        Bestuursnummer = Bestuursnummer.Parse(e.GetString("Bestuursnummer")),
        Path = e.GetString("Pad"),
        FileName = e.GetString("Bestand"),
        FileVersion = e.GetString("Versie"),
        UploadedAt = e.GetDateTimeOffset("GeuploadOp") ?? DateTimeOffset.UnixEpoch,
        Status = Enum.Parse<DeliveryStatus>(e.GetString("Status"), ignoreCase: true),
        ReceivedAt = e.GetDateTimeOffset("OntvangenOp") ?? DateTimeOffset.UnixEpoch,
        CompletedAt = e.GetDateTimeOffset("AfgerondOp"),
        ChangedAt = e.GetDateTimeOffset("GewijzigdOp") ?? DateTimeOffset.UnixEpoch,
        Reason = e.GetString("Reden"),
        ContentHash = e.GetString("Inhoud"),
        IntakeAttempt = e.GetInt32("Poging") ?? 1,
        Counts = new DeliveryCounts
        {
            Rows = e.GetInt32("AantalRegels") ?? 0,
            Accepted = e.GetInt32("AantalGoedgekeurd") ?? 0,
            Rejected = e.GetInt32("AantalAfgekeurd") ?? 0,
            Batches = e.GetInt32("AantalBatches") ?? 0,
            BatchesCompleted = e.GetInt32("AantalBatchesAfgerond") ?? 0,
            Forwarded = e.GetInt32("AantalDoorgestuurd") ?? 0,
            Registered = e.GetInt32("AantalGeregistreerd") ?? 0,
            RejectedByRegister = e.GetInt32("AantalAfgewezenDoorRegister") ?? 0,
            Failed = e.GetInt32("AantalMislukt") ?? 0,
        },
    };
}
