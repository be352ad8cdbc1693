using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The deliveries, one row each (partition = delivery id), and an index partition in the same table
/// (<see cref="DeliveryIndex"/>), so the timers read only what can need work: a row per delivery that is not final, and
/// a row per final delivery, in order of completion, so the retention reads exactly the deliveries that are due. A
/// completion row carries the delivery's summary (<see cref="DeliveryIndexRows"/>), so the reminders read what the
/// boards delivered in one range of the index. An index row is written before the status that puts a delivery in it and
/// removed after the status that takes it out, so a delivery is never missing from its index; a leftover index row (a
/// run that stopped in between) is tidied up when it is next read. Both kinds share one partition, so moving a delivery
/// from the one to the other is one transaction.
/// </summary>
public sealed class TableDeliveryStore(StorageClients clients, TimeProvider time) : IDeliveryStore
{
    private const string RowKey = "aanlevering";

    /// <summary>An index row without its delivery this old was left by an add that never happened; younger ones may be mid-add.</summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.DeliveriesTable);
    private readonly DeliveryIndex _index = new(clients.Tables.GetTableClient(StorageNames.DeliveriesTable));

    public async Task<Stored<Delivery>?> GetAsync(string deliveryId, CancellationToken cancellationToken) =>
        await GetRowAsync(deliveryId, cancellationToken) is { } row ? new Stored<Delivery>(ToDelivery(row), row.ETag.ToString()) : null;

    public async Task<Stored<Delivery>?> TryAddAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!delivery.Status.IsFinal())
        {
            await _index.AddUnfinishedAsync(delivery.Id, cancellationToken);
        }

        var added = await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(delivery), cancellationToken));
        if (added is null)
        {
            return null;
        }

        if (delivery.Status.IsFinal())
        {
            await _index.AddCompletedAsync(delivery, DeliveryIndex.UnfinishedKey(delivery.Id), cancellationToken);
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
            await _index.AddUnfinishedAsync(next.Id, cancellationToken);
        }

        var written = await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(current.Version), TableUpdateMode.Replace, cancellationToken));
        if (written is null)
        {
            return null;
        }

        await ReindexCompletedAsync(current.Value, next, cancellationToken);
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

        await _index.RemoveAsync(DeliveryIndex.UnfinishedKey(current.Value.Id), cancellationToken);
        if (current.Value.CompletedAt is not null)
        {
            await _index.RemoveAsync(DeliveryIndex.CompletedKey(current.Value), cancellationToken);
        }

        return true;
    }

    public async IAsyncEnumerable<Stored<Delivery>> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var index in _index.UnfinishedAsync(cancellationToken))
        {
            var id = DeliveryIndex.UnfinishedId(index.RowKey);
            var stored = await GetAsync(id, cancellationToken);
            if (stored is null)
            {
                if (index.Timestamp < time.GetUtcNow() - OrphanAge)
                {
                    await _index.RemoveAsync(index.RowKey, cancellationToken);
                }

                continue;
            }

            if (stored.Value.Status.IsFinal())
            {
                // A run stopped between the final status and the index: finish what it left.
                await _index.AddCompletedAsync(stored.Value, index.RowKey, cancellationToken);
                continue;
            }

            yield return stored;
        }
    }

    public async IAsyncEnumerable<Stored<Delivery>> ListCompletedBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var index in _index.CompletedBeforeAsync(before, cancellationToken))
        {
            var stored = await GetAsync(DeliveryIndex.CompletedId(index.RowKey), cancellationToken);
            if (stored is null || !stored.Value.Status.IsFinal() || DeliveryIndex.CompletedKey(stored.Value) != index.RowKey)
            {
                // Gone, reopened (indexed again when it completes), or completed again later.
                await _index.RemoveAsync(index.RowKey, cancellationToken);
                continue;
            }

            yield return stored;
        }
    }

    public async IAsyncEnumerable<FinishedDelivery> ListFinishedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var index in _index.CompletedSinceAsync(since, cancellationToken))
        {
            if (await ReadFinishedAsync(index, cancellationToken) is { } finished)
            {
                yield return finished;
            }
        }
    }

    public async Task<FinishedPage> ListFinishedPageAsync(DateTimeOffset from, DateTimeOffset before, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        // One page of the completion index between the two moments, oldest first; the service's own continuation.
        if (await _index.CompletedPageAsync(from, before, continuation, pageSize, cancellationToken) is not { } page)
        {
            return new FinishedPage([], null);
        }

        var items = new List<FinishedDelivery>(page.Values.Count);
        foreach (var index in page.Values)
        {
            if (await ReadFinishedAsync(index, cancellationToken) is { } finished)
            {
                items.Add(finished);
            }
        }

        return new FinishedPage(items, page.ContinuationToken);
    }

    /// <summary>
    /// The delivery a completion row stands for, from the row's summary. A row written before completion rows kept a
    /// summary is read from its delivery; one whose delivery is gone, reopened or completed again later (listed under
    /// its newer row) is none: the retention tidies it.
    /// </summary>
    private async Task<FinishedDelivery?> ReadFinishedAsync(TableEntity index, CancellationToken cancellationToken)
    {
        var id = DeliveryIndex.CompletedId(index.RowKey);
        if (DeliveryIndexRows.HasSummary(index))
        {
            return DeliveryIndexRows.ReadSummary(id, index);
        }

        var row = await GetRowAsync(id, cancellationToken);
        return row is not null && ToDelivery(row) is { } delivery && delivery.Status.IsFinal() && DeliveryIndex.CompletedKey(delivery) == index.RowKey
            ? DeliveryIndexRows.ReadSummary(id, row)
            : null;
    }

    public async IAsyncEnumerable<Delivery> ListByBoardAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A delivery id is "{bestuursnummer}-{hash}", its partition key: the board's deliveries are one range of partitions.
        var (from, to) = ($"{bestuursnummer.Value}-", $"{bestuursnummer.Value}.");
        await foreach (var row in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(to) < 0 && e.RowKey == RowKey,
            cancellationToken: cancellationToken))
        {
            yield return ToDelivery(row);
        }
    }

    private async Task<TableEntity?> GetRowAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(deliveryId, RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Keeps the completion row of a replaced delivery true to it, so a listing of the index never shows a reopened
    /// delivery as finished, nor one delivery twice, nor a summary of before: written when it becomes final or its
    /// summary changes, moved when its completion moves, removed after it is reopened.
    /// </summary>
    private async Task ReindexCompletedAsync(Delivery current, Delivery next, CancellationToken cancellationToken)
    {
        var completedRow = current.Status.IsFinal() ? DeliveryIndex.CompletedKey(current) : null;
        if (!next.Status.IsFinal())
        {
            if (completedRow is not null)
            {
                await _index.RemoveAsync(completedRow, cancellationToken);
            }
        }
        else if (completedRow is null)
        {
            await _index.AddCompletedAsync(next, DeliveryIndex.UnfinishedKey(next.Id), cancellationToken);
        }
        else if (completedRow != DeliveryIndex.CompletedKey(next))
        {
            await _index.AddCompletedAsync(next, completedRow, cancellationToken);
        }
        else if (!DeliveryIndexRows.SameSummary(current, next))
        {
            await _index.AddCompletedAsync(next, replaces: null, cancellationToken);
        }
    }

    private static TableEntity ToEntity(Delivery d) => DeliveryIndexRows.WriteSummary(
        new TableEntity(d.Id, RowKey)
        {
            ["Pad"] = d.Path,
            ["Bestand"] = d.FileName,
            ["Versie"] = d.FileVersion,
            ["GeuploadOp"] = d.UploadedAt,
            ["GewijzigdOp"] = d.ChangedAt,
            ["Reden"] = d.Reason,
            ["Inhoud"] = d.ContentHash,
            ["Poging"] = d.IntakeAttempt,
            ["AantalBatches"] = d.Counts.Batches,
            ["AantalBatchesAfgerond"] = d.Counts.BatchesCompleted,
            ["AantalDoorgestuurd"] = d.Counts.Forwarded,
        },
        d);

    /// <summary>The delivery's row: its summary as <see cref="DeliveryIndexRows"/> reads it, and the rest.</summary>
    private static Delivery ToDelivery(TableEntity e)
    {
        var summary = DeliveryIndexRows.ReadSummary(e.PartitionKey, e);
        return new()
        {
            Id = summary.Id,
            Bestuursnummer = summary.Bestuursnummer,
            Path = e.GetString("Pad"),
            FileName = e.GetString("Bestand"),
            FileVersion = e.GetString("Versie"),
            UploadedAt = e.GetDateTimeOffset("GeuploadOp") ?? DateTimeOffset.UnixEpoch,
            Status = summary.Status,
            ReceivedAt = summary.ReceivedAt,
            CompletedAt = DeliveryIndexRows.CompletedAt(e),
            ChangedAt = e.GetDateTimeOffset("GewijzigdOp") ?? DateTimeOffset.UnixEpoch,
            Reason = e.GetString("Reden"),
            ContentHash = e.GetString("Inhoud"),
            IntakeAttempt = e.GetInt32("Poging") ?? 1,
            Counts = summary.Counts with
            {
                Batches = e.GetInt32("AantalBatches") ?? 0,
                BatchesCompleted = e.GetInt32("AantalBatchesAfgerond") ?? 0,
                Forwarded = e.GetInt32("AantalDoorgestuurd") ?? 0,
            },
        };
    }
}
