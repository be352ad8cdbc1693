using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>
/// A delivery and its batches share one partition. A batch row holds its valid rows, packed, until the register has
/// answered for them, then the answers. While a delivery is forwarded its counts are summed from the batch rows
/// instead of kept on the delivery's row, so batches that finish at once never contend for one row (no lost updates,
/// no retries), and each batch costs one write.
/// </summary>
public sealed class TableDeliveryStore(StorageClients clients, TimeProvider time) : IDeliveryStore
{
    private const string HeaderKey = "aanlevering";
    private const string BatchPrefix = "batch-";
    private const string ContentPrefix = "inhoud-";
    private const string DeadLetterPartition = "dodeletter";
    private const string Open = "open";
    private const string Completed = "afgerond";
    private const string DeadLettered = "mislukt";
    private const string RecordsProperty = "Regels";
    private const string ResultsProperty = "Resultaten";

    /// <summary>Table Storage takes at most 100 entities and 4 MB in one transaction; binary values travel as base64.</summary>
    private const int MaxEntitiesPerTransaction = 100;
    private const int MaxBytesPerTransaction = 2 * 1024 * 1024;

    /// <summary>The largest binary property Table Storage stores; larger values are split over numbered properties.</summary>
    private const int MaxBinaryProperty = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] BatchCountColumns = ["RowKey", "Status", "Geregistreerd", "AfgewezenDoorRegister", "Mislukt"];

    private readonly TableClient _deliveries = clients.Tables.GetTableClient(StorageNames.DeliveriesTable);
    private readonly TableClient _deadLetters = clients.Tables.GetTableClient(StorageNames.DeadLettersTable);

    public async Task<Delivery?> FindAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var response = await _deliveries.GetEntityIfExistsAsync<TableEntity>(deliveryId, HeaderKey, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        return ToDelivery(response.Value!);
    }

    public async Task<Delivery> WithForwardingCountsAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Status != DeliveryStatus.Doorsturen)
        {
            return delivery;
        }

        var (from, to) = BatchRange();
        var rows = _deliveries.QueryAsync<TableEntity>(
            e => e.PartitionKey == delivery.Id && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: BatchCountColumns,
            cancellationToken: cancellationToken);
        return delivery with { Counts = Tally(await rows.ToListAsync(cancellationToken), delivery.Counts).Counts };
    }

    public async Task<Delivery> AddAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await _deliveries.AddEntityAsync(ToEntity(delivery), cancellationToken);
            return delivery;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await FindAsync(delivery.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Delivery {delivery.Id} exists and cannot be read.", ex);
        }
    }

    public async Task SaveBatchesAsync(string deliveryId, Bestuursnummer bestuursnummer, IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var batch in batches)
        {
            var entity = new TableEntity(deliveryId, BatchKey(batch.Number))
            {
                ["Status"] = Open,
                ["Bestuursnummer"] = bestuursnummer.Value,
                ["AantalRegels"] = batch.Records.Count,
            };
            WriteBinary(entity, RecordsProperty, batch.Records.Bytes);
            var size = (batch.Records.Bytes.Length * 4 / 3) + 1024;
            if (actions.Count == MaxEntitiesPerTransaction || (actions.Count > 0 && bytes + size > MaxBytesPerTransaction))
            {
                await _deliveries.SubmitTransactionAsync(actions, cancellationToken);
                actions = [];
                bytes = 0;
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            bytes += size;
        }

        if (actions.Count > 0)
        {
            await _deliveries.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async Task DeleteBatchesAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var (from, to) = BatchRange();
        var actions = new List<TableTransactionAction>(MaxEntitiesPerTransaction);
        await foreach (var row in _deliveries.QueryAsync<TableEntity>(
            e => e.PartitionKey == deliveryId && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            if (actions.Count == MaxEntitiesPerTransaction)
            {
                await _deliveries.SubmitTransactionAsync(actions, cancellationToken);
                actions.Clear();
            }
        }

        if (actions.Count > 0)
        {
            await _deliveries.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async Task<Delivery> UpdateAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        await _deliveries.UpsertEntityAsync(ToEntity(delivery), TableUpdateMode.Replace, cancellationToken);
        return delivery;
    }

    public async Task<StoredBatch?> GetBatchAsync(string deliveryId, int batch, CancellationToken cancellationToken)
    {
        var entity = await _deliveries.GetEntityIfExistsAsync<TableEntity>(deliveryId, BatchKey(batch), cancellationToken: cancellationToken);
        return entity.HasValue ? ToStoredBatch(entity.Value!) : null;
    }

    public async IAsyncEnumerable<StoredBatch> GetOpenBatchesAsync(string deliveryId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = BatchRange();
        await foreach (var row in _deliveries.QueryAsync<TableEntity>(
            e => e.PartitionKey == deliveryId && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0 && e.GetString("Status") == Open,
            cancellationToken: cancellationToken))
        {
            yield return ToStoredBatch(row);
        }
    }

    public async Task CompleteBatchAsync(string deliveryId, Bestuursnummer bestuursnummer, int batch, IReadOnlyList<RegisterResultaat> results, CancellationToken cancellationToken)
    {
        // Replaced as a whole: the packed rows go, only the answers stay.
        var entity = ResultEntity(deliveryId, bestuursnummer, batch, Completed, results);
        try
        {
            await _deliveries.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The batch is gone (the delivery was removed); nothing to record.
        }
    }

    public Task<bool> AnyOpenBatchAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var (from, to) = BatchRange();
        return AnyAsync(e => e.PartitionKey == deliveryId && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0 && e.GetString("Status") == Open, cancellationToken);
    }

    public async Task<bool> DeadLetterBatchAsync(StoredBatch batch, DeadLetterInfo deadLetter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The dead letter is written first: if the batch update below fails, a retry writes the same entity again.
        await _deadLetters.UpsertEntityAsync(new TableEntity(DeadLetterPartition, DeadLetterKey(batch.DeliveryId, batch.Batch))
        {
            ["AanleveringId"] = batch.DeliveryId,
            ["Batch"] = batch.Batch,
            ["Reden"] = deadLetter.Reason,
            ["Pogingen"] = deadLetter.Attempts,
            ["LaatsteFout"] = deadLetter.LastError,
            ["Op"] = now,
        }, TableUpdateMode.Replace, cancellationToken);

        var stored = await _deliveries.GetEntityIfExistsAsync<TableEntity>(batch.DeliveryId, BatchKey(batch.Batch), cancellationToken: cancellationToken);
        if (!stored.HasValue || ToState(stored.Value!.GetString("Status")) != BatchState.Open)
        {
            // Answered in the meantime (a late success) or given up before: that stays.
            await DeleteDeadLetterAsync(batch.DeliveryId, batch.Batch, cancellationToken);
            return !await AnyOpenBatchAsync(batch.DeliveryId, cancellationToken);
        }

        var entity = ResultEntity(batch.DeliveryId, batch.Bestuursnummer, batch.Batch, DeadLettered, RegisterResults.Failed(batch.Records.Unpack(), deadLetter.Reason));
        // The rows stay, for a replay.
        WriteBinary(entity, RecordsProperty, batch.Records.Bytes);
        entity["Reden"] = deadLetter.Reason;
        entity["Pogingen"] = deadLetter.Attempts;
        entity["LaatsteFout"] = deadLetter.LastError;
        try
        {
            await _deliveries.UpdateEntityAsync(entity, stored.Value.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Answered just now after all.
            await DeleteDeadLetterAsync(batch.DeliveryId, batch.Batch, cancellationToken);
        }

        return !await AnyOpenBatchAsync(batch.DeliveryId, cancellationToken);
    }

    public async Task<ForwardingSummary?> SummariseForwardingAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // The delivery's row and its batch rows in one query: the partition holds nothing else.
        TableEntity? header = null;
        var batches = new List<TableEntity>();
        await foreach (var row in _deliveries.QueryAsync<TableEntity>(e => e.PartitionKey == deliveryId, cancellationToken: cancellationToken))
        {
            if (row.RowKey == HeaderKey)
            {
                header = row;
            }
            else if (row.RowKey.StartsWith(BatchPrefix, StringComparison.Ordinal))
            {
                batches.Add(row);
            }
        }

        if (header is null)
        {
            return null;
        }

        var delivery = ToDelivery(header);
        var (counts, open) = Tally(batches, delivery.Counts);
        var results = open == 0 ? batches.SelectMany(ReadResults).OrderBy(r => r.Regel).ToList() : [];
        return new ForwardingSummary(delivery.Status == DeliveryStatus.Doorsturen ? delivery with { Counts = counts } : delivery, open, results, header.ETag.ToString());
    }

    public async Task<bool> MarkForwardedAsync(ForwardingSummary summary, Delivery finished, CancellationToken cancellationToken)
    {
        try
        {
            await _deliveries.UpdateEntityAsync(ToEntity(finished), new ETag(summary.Version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task RecordAttemptFailureAsync(string deliveryId, int batch, long attempt, string error, CancellationToken cancellationToken)
    {
        try
        {
            await _deliveries.UpdateEntityAsync(new TableEntity(deliveryId, BatchKey(batch))
            {
                ["Pogingen"] = attempt,
                ["LaatsteFout"] = error,
            }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The batch is gone; nothing to remember it for.
        }
    }

    public async Task<BatchState?> ReopenDeadLetterAsync(string deliveryId, int batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            var header = await _deliveries.GetEntityIfExistsAsync<TableEntity>(deliveryId, HeaderKey, cancellationToken: cancellationToken);
            var batchEntity = await _deliveries.GetEntityIfExistsAsync<TableEntity>(deliveryId, BatchKey(batch), cancellationToken: cancellationToken);
            if (!header.HasValue || !batchEntity.HasValue)
            {
                return null;
            }

            var state = ToState(batchEntity.Value!.GetString("Status"));
            if (state != BatchState.DeadLettered)
            {
                if (state == BatchState.Open)
                {
                    await DeleteDeadLetterAsync(deliveryId, batch, cancellationToken);
                }

                return state;
            }

            var dead = batchEntity.Value!;
            var reopened = new TableEntity(deliveryId, BatchKey(batch))
            {
                ["Status"] = Open,
                ["Bestuursnummer"] = dead.GetString("Bestuursnummer"),
                ["AantalRegels"] = dead.GetInt32("AantalRegels"),
            };
            WriteBinary(reopened, RecordsProperty, ReadBinary(dead, RecordsProperty));
            var delivery = ToDelivery(header.Value!) with { Status = DeliveryStatus.Doorsturen, CompletedAt = null };
            try
            {
                await _deliveries.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, reopened, dead.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(delivery), header.Value!.ETag),
                ], cancellationToken);
                await DeleteDeadLetterAsync(deliveryId, batch, cancellationToken);
                return BatchState.Open;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), time, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        await foreach (var e in _deadLetters.QueryAsync<TableEntity>(e => e.PartitionKey == DeadLetterPartition, cancellationToken: cancellationToken))
        {
            letters.Add(new DeadLetter(
                e.GetString("AanleveringId"),
                e.GetInt32("Batch") ?? 0,
                e.GetString("Reden") ?? string.Empty,
                e.GetInt64("Pogingen") ?? 0,
                e.GetString("LaatsteFout"),
                e.GetDateTimeOffset("Op") ?? DateTimeOffset.MinValue));
        }

        return [.. letters.OrderBy(l => l.At)];
    }

    public async Task<IReadOnlyList<DeliveryInForwarding>> GetForwardingAsync(DateTimeOffset unchangedSince, CancellationToken cancellationToken)
    {
        // A scan over the deliveries' header rows: few compared to batches. A delivery's row does not change while its
        // batches are forwarded, so one that is older than the cutoff is stalled only when none of its batch rows
        // changed either.
        var status = DeliveryStatus.Doorsturen.ToContract();
        var forwarding = new List<(string Id, DateTimeOffset? Changed)>();
        await foreach (var e in _deliveries.QueryAsync<TableEntity>(
            e => e.RowKey == HeaderKey && e.GetString("Status") == status,
            select: ["PartitionKey", "Timestamp"],
            cancellationToken: cancellationToken))
        {
            forwarding.Add((e.PartitionKey, e.Timestamp));
        }

        var (from, to) = BatchRange();
        var result = new List<DeliveryInForwarding>(forwarding.Count);
        foreach (var (deliveryId, changed) in forwarding)
        {
            var open = await AnyOpenBatchAsync(deliveryId, cancellationToken);
            var stalled = open && changed < unchangedSince
                && !await AnyAsync(e => e.PartitionKey == deliveryId && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0 && e.Timestamp >= unchangedSince, cancellationToken);
            result.Add(new DeliveryInForwarding(deliveryId, open, stalled));
        }

        return result;
    }

    public async Task TouchAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // A merge of nothing new still moves the entity's Timestamp (and ETag: a racing batch update retries).
        await _deliveries.UpdateEntityAsync(new TableEntity(deliveryId, HeaderKey) { ["HervatOp"] = time.GetUtcNow() }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<string> ClaimContentAsync(Bestuursnummer bestuursnummer, string contentHash, string deliveryId, CancellationToken cancellationToken)
    {
        var partition = ContentPrefix + bestuursnummer.Value;
        try
        {
            await _deliveries.AddEntityAsync(new TableEntity(partition, contentHash) { ["AanleveringId"] = deliveryId }, cancellationToken);
            return deliveryId;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _deliveries.GetEntityAsync<TableEntity>(partition, contentHash, cancellationToken: cancellationToken);
            return existing.Value.GetString("AanleveringId");
        }
    }

    public async Task ReleaseContentAsync(Bestuursnummer bestuursnummer, string contentHash, string deliveryId, CancellationToken cancellationToken)
    {
        var partition = ContentPrefix + bestuursnummer.Value;
        var claim = await _deliveries.GetEntityIfExistsAsync<TableEntity>(partition, contentHash, cancellationToken: cancellationToken);
        if (!claim.HasValue || claim.Value!.GetString("AanleveringId") != deliveryId)
        {
            return;
        }

        try
        {
            await _deliveries.DeleteEntityAsync(partition, contentHash, claim.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Released by a run before this one, or claimed anew since it was read: either way not this delivery's.
        }
    }

    /// <summary>The delivery's forwarding counts summed from its batch rows, and how many batches are still open.</summary>
    private static (DeliveryCounts Counts, int Open) Tally(IEnumerable<TableEntity> batches, DeliveryCounts counts)
    {
        int completed = 0, open = 0, registered = 0, rejected = 0, failed = 0;
        foreach (var row in batches)
        {
            if (ToState(row.GetString("Status")) == BatchState.Open)
            {
                open++;
                continue;
            }

            completed++;
            registered += row.GetInt32("Geregistreerd") ?? 0;
            rejected += row.GetInt32("AfgewezenDoorRegister") ?? 0;
            failed += row.GetInt32("Mislukt") ?? 0;
        }

        return (counts with
        {
            BatchesCompleted = completed,
            Forwarded = registered + rejected,
            Registered = registered,
            RejectedByRegister = rejected,
            Failed = failed,
        }, open);
    }

    private static IReadOnlyList<RegisterResultaat> ReadResults(TableEntity batch) =>
        JsonSerializer.Deserialize<List<RegisterResultaat>>(CompactBytes.Decompress(ReadBinary(batch, ResultsProperty)), Json) ?? [];

    /// <summary>Whether any row matches, reading one page of at most one row's key.</summary>
    private async Task<bool> AnyAsync(System.Linq.Expressions.Expression<Func<TableEntity, bool>> filter, CancellationToken cancellationToken)
    {
        await foreach (var page in _deliveries.QueryAsync(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                return true;
            }

            // An empty page with a continuation token only means the service stopped looking: ask on.
        }

        return false;
    }

    private static TableEntity ResultEntity(string deliveryId, Bestuursnummer bestuursnummer, int batch, string status, IReadOnlyList<RegisterResultaat> results)
    {
        var entity = new TableEntity(deliveryId, BatchKey(batch))
        {
            ["Status"] = status,
            ["Bestuursnummer"] = bestuursnummer.Value,
            ["AantalRegels"] = results.Count,
            ["Geregistreerd"] = results.Count(r => r.Resultaat == RecordOutcome.Geregistreerd.ToContract()),
            ["AfgewezenDoorRegister"] = results.Count(r => r.Resultaat == RecordOutcome.Afgewezen.ToContract()),
            ["Mislukt"] = results.Count(r => r.Resultaat == RecordOutcome.Mislukt.ToContract()),
        };
        WriteBinary(entity, ResultsProperty, CompactBytes.Compress(JsonSerializer.SerializeToUtf8Bytes(results, Json)));
        return entity;
    }

    /// <summary>Writes <paramref name="value"/> as <c>name</c>, <c>name2</c>, ... of at most 64 KB each.</summary>
    private static void WriteBinary(TableEntity entity, string name, ReadOnlyMemory<byte> value)
    {
        var part = 1;
        for (var offset = 0; offset == 0 || offset < value.Length; offset += MaxBinaryProperty, part++)
        {
            entity[part == 1 ? name : $"{name}{part}"] = value.Slice(offset, Math.Min(MaxBinaryProperty, value.Length - offset)).ToArray();
        }
    }

    private static byte[] ReadBinary(TableEntity entity, string name)
    {
        var parts = new List<byte[]>();
        for (var part = 1; entity.GetBinary(part == 1 ? name : $"{name}{part}") is { } bytes; part++)
        {
            parts.Add(bytes);
        }

        return parts.Count == 1 ? parts[0] : [.. parts.SelectMany(p => p)];
    }

    private static StoredBatch ToStoredBatch(TableEntity row) =>
        new(row.PartitionKey, Bestuursnummer.Parse(row.GetString("Bestuursnummer")), int.Parse(row.RowKey.AsSpan(BatchPrefix.Length), CultureInfo.InvariantCulture),
            ToState(row.GetString("Status")),
            row.ContainsKey(RecordsProperty) ? PackedRecords.FromBytes(ReadBinary(row, RecordsProperty)) : PackedRecords.Pack([]))
        {
            LastError = row.GetString("LaatsteFout"),
            FailedAttempts = row.GetInt64("Pogingen") ?? 0,
        };

    private static (string From, string To) BatchRange() => (BatchPrefix, BatchPrefix[..^1] + (char)(BatchPrefix[^1] + 1));

    private async Task DeleteDeadLetterAsync(string deliveryId, int batch, CancellationToken cancellationToken) =>
        await _deadLetters.DeleteEntityAsync(DeadLetterPartition, DeadLetterKey(deliveryId, batch), ETag.All, cancellationToken);

    private static BatchState ToState(string? status) => status switch
    {
        Completed => BatchState.Completed,
        DeadLettered => BatchState.DeadLettered,
        _ => BatchState.Open,
    };

    private static string BatchKey(int batch) => $"{BatchPrefix}{batch:D5}";

    private static string DeadLetterKey(string deliveryId, int batch) => $"{deliveryId}-{batch:D5}";

    private static TableEntity ToEntity(Delivery d) => new(d.Id, HeaderKey)
    {
        ["Bestuursnummer"] = d.Bestuursnummer.Value,
        ["Bestand"] = d.FileName,
        ["Status"] = d.Status.ToContract(),
        ["OntvangenOp"] = d.ReceivedAt,
        ["AfgerondOp"] = d.CompletedAt,
        ["Reden"] = d.Reason,
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
        FileName = e.GetString("Bestand"),
        Status = Enum.Parse<DeliveryStatus>(e.GetString("Status"), ignoreCase: true),
        ReceivedAt = e.GetDateTimeOffset("OntvangenOp") ?? DateTimeOffset.MinValue,
        CompletedAt = e.GetDateTimeOffset("AfgerondOp"),
        Reason = e.GetString("Reden"),
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
