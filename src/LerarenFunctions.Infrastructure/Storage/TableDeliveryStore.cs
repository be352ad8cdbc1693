using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>
/// Deliveries and their batches share one partition per delivery, so a batch result and the delivery's counts
/// change in one entity-group transaction under ETags: no lost updates when batches finish at once.
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

    private readonly TableClient _deliveries = clients.Tables.GetTableClient(StorageNames.DeliveriesTable);
    private readonly TableClient _records = clients.Tables.GetTableClient(StorageNames.RecordsTable);
    private readonly TableClient _deadLetters = clients.Tables.GetTableClient(StorageNames.DeadLettersTable);

    public async Task<Delivery?> FindAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var response = await _deliveries.GetEntityIfExistsAsync<TableEntity>(deliveryId, HeaderKey, cancellationToken: cancellationToken);
        return response.HasValue ? ToDelivery(response.Value!) : null;
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

    public async Task SaveBatchAsync(string deliveryId, int batch, IReadOnlyList<TeacherRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count is 0 or > ForwardingLimits.MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(records), records.Count, $"A batch holds 1 to {ForwardingLimits.MaxBatchSize} records.");
        }

        var actions = records.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(deliveryId, RecordKey(batch, r.Row))
        {
            ["Regel"] = r.Row,
            ["Bsn"] = r.Bsn.Value,
            ["Brin"] = r.Brin.Value,
            ["Gegevens"] = JsonSerializer.Serialize(r.Fields),
        }));
        await _records.SubmitTransactionAsync(actions, cancellationToken);

        try
        {
            await _deliveries.AddEntityAsync(new TableEntity(deliveryId, BatchKey(batch))
            {
                ["Status"] = Open,
                ["AantalRegels"] = records.Count,
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Stored by an earlier run of the same delivery; its state is kept.
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
        if (!entity.HasValue)
        {
            return null;
        }

        var records = new List<TeacherRecord>();
        await foreach (var row in QueryBatchRecordsAsync(deliveryId, batch, cancellationToken))
        {
            records.Add(ToRecord(row));
        }

        var value = entity.Value!;
        return new StoredBatch(deliveryId, batch, ToState(value.GetString("Status")), records)
        {
            LastError = value.GetString("LaatsteFout"),
            FailedAttempts = value.GetInt64("Pogingen") ?? 0,
        };
    }

    public async Task<IReadOnlyList<int>> GetOpenBatchesAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var from = BatchPrefix;
        var to = Successor(BatchPrefix);
        var open = new List<int>();
        await foreach (var row in _deliveries.QueryAsync<TableEntity>(
            e => e.PartitionKey == deliveryId && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0 && e.GetString("Status") == Open,
            select: ["RowKey"],
            cancellationToken: cancellationToken))
        {
            open.Add(int.Parse(row.RowKey.AsSpan(BatchPrefix.Length), CultureInfo.InvariantCulture));
        }

        return open;
    }

    public async Task<Delivery> CompleteBatchAsync(string deliveryId, int batch, IReadOnlyList<RecordResult> results, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await WriteRecordResultsAsync(deliveryId, batch, results, cancellationToken);
        return await FinishBatchAsync(deliveryId, batch, results, Completed, now, deadLetter: null, cancellationToken);
    }

    public async Task<Delivery> DeadLetterBatchAsync(string deliveryId, int batch, DeadLetterInfo deadLetter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var results = new List<RecordResult>();
        await foreach (var row in QueryBatchRecordsAsync(deliveryId, batch, cancellationToken, select: ["RowKey", "Regel"]))
        {
            results.Add(new RecordResult(row.GetInt32("Regel") ?? 0, RecordOutcome.Mislukt, null, deadLetter.Reason));
        }

        await WriteRecordResultsAsync(deliveryId, batch, results, cancellationToken);
        // The dead letter is written first: if the batch update below fails, a retry writes the same entity again.
        await _deadLetters.UpsertEntityAsync(new TableEntity(DeadLetterPartition, DeadLetterKey(deliveryId, batch))
        {
            ["AanleveringId"] = deliveryId,
            ["Batch"] = batch,
            ["Reden"] = deadLetter.Reason,
            ["Pogingen"] = deadLetter.Attempts,
            ["LaatsteFout"] = deadLetter.LastError,
            ["Op"] = now,
        }, TableUpdateMode.Replace, cancellationToken);
        return await FinishBatchAsync(deliveryId, batch, results, DeadLettered, now, deadLetter, cancellationToken);
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

            var delivery = ToDelivery(header.Value!);
            var entity = batchEntity.Value!;
            var failed = entity.GetInt32("Mislukt") ?? 0;
            var reopened = delivery with
            {
                Status = DeliveryStatus.Doorsturen,
                CompletedAt = null,
                Counts = delivery.Counts with
                {
                    BatchesCompleted = delivery.Counts.BatchesCompleted - 1,
                    Failed = delivery.Counts.Failed - failed,
                },
            };
            entity["Status"] = Open;
            entity["Mislukt"] = 0;
            entity["Pogingen"] = 0L;
            entity["LaatsteFout"] = null;
            try
            {
                await _deliveries.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, entity.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(reopened), header.Value!.ETag),
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

    public async Task<IReadOnlyList<RegisterResultaat>> GetRecordResultsAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var results = new List<RegisterResultaat>();
        await foreach (var row in _records.QueryAsync<TableEntity>(
            e => e.PartitionKey == deliveryId,
            select: ["Regel", "Gegevens", "Resultaat", "RegistratieId", "Reden"],
            cancellationToken: cancellationToken))
        {
            results.Add(new RegisterResultaat(
                row.GetInt32("Regel") ?? 0,
                ReadFields(row).GetValueOrDefault(TeacherFileColumns.RegelId),
                row.GetString("Resultaat") ?? "open",
                row.GetString("RegistratieId"),
                row.GetString("Reden")));
        }

        return [.. results.OrderBy(r => r.Regel)];
    }

    public async Task<IReadOnlyList<string>> FindStalledForwardingAsync(DateTimeOffset unchangedSince, CancellationToken cancellationToken)
    {
        // A scan over the deliveries' header rows: few compared to records, and this runs every few seconds at most.
        var status = DeliveryStatus.Doorsturen.ToContract();
        var stalled = new List<string>();
        await foreach (var e in _deliveries.QueryAsync<TableEntity>(
            e => e.RowKey == HeaderKey && e.GetString("Status") == status && e.Timestamp < unchangedSince,
            select: ["PartitionKey"],
            cancellationToken: cancellationToken))
        {
            stalled.Add(e.PartitionKey);
        }

        return stalled;
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

    private async Task<Delivery> FinishBatchAsync(
        string deliveryId, int batch, IReadOnlyList<RecordResult> results, string finalStatus, DateTimeOffset now, DeadLetterInfo? deadLetter, CancellationToken cancellationToken)
    {
        var registered = results.Count(r => r.Outcome == RecordOutcome.Geregistreerd);
        var rejected = results.Count(r => r.Outcome == RecordOutcome.Afgewezen);
        var failed = results.Count(r => r.Outcome == RecordOutcome.Mislukt);

        while (true)
        {
            var header = (await _deliveries.GetEntityAsync<TableEntity>(deliveryId, HeaderKey, cancellationToken: cancellationToken)).Value;
            var batchEntity = (await _deliveries.GetEntityAsync<TableEntity>(deliveryId, BatchKey(batch), cancellationToken: cancellationToken)).Value;
            var delivery = ToDelivery(header);
            if (ToState(batchEntity.GetString("Status")) != BatchState.Open)
            {
                return delivery;
            }

            var counts = delivery.Counts with
            {
                BatchesCompleted = delivery.Counts.BatchesCompleted + 1,
                Forwarded = delivery.Counts.Forwarded + registered + rejected,
                Registered = delivery.Counts.Registered + registered,
                RejectedByRegister = delivery.Counts.RejectedByRegister + rejected,
                Failed = delivery.Counts.Failed + failed,
            };
            var done = counts.BatchesCompleted >= counts.Batches;
            var updated = delivery with
            {
                Counts = counts,
                Status = done ? DeliveryStatus.Afgerond : delivery.Status,
                CompletedAt = done ? now : delivery.CompletedAt,
            };

            batchEntity["Status"] = finalStatus;
            batchEntity["Geregistreerd"] = registered;
            batchEntity["AfgewezenDoorRegister"] = rejected;
            batchEntity["Mislukt"] = failed;
            if (deadLetter is not null)
            {
                batchEntity["Reden"] = deadLetter.Reason;
                batchEntity["Pogingen"] = deadLetter.Attempts;
                batchEntity["LaatsteFout"] = deadLetter.LastError;
            }

            try
            {
                await _deliveries.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, batchEntity, batchEntity.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(updated), header.ETag),
                ], cancellationToken);
                return updated;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                // Another batch of the same delivery won the race: read again and add on top of its counts.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), time, cancellationToken);
            }
        }
    }

    private async Task WriteRecordResultsAsync(string deliveryId, int batch, IReadOnlyList<RecordResult> results, CancellationToken cancellationToken)
    {
        // Written again on a retry, they stay the same.
        var actions = results.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(deliveryId, RecordKey(batch, r.Row))
        {
            ["Resultaat"] = r.Outcome.ToString().ToLowerInvariant(),
            ["RegistratieId"] = r.RegistrationId,
            ["Reden"] = r.Reason,
        })).ToList();
        if (actions.Count > 0)
        {
            await _records.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    private AsyncPageable<TableEntity> QueryBatchRecordsAsync(string deliveryId, int batch, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var from = RecordKey(batch, 0);
        var to = RecordKey(batch + 1, 0);
        return _records.QueryAsync<TableEntity>(
            e => e.PartitionKey == deliveryId && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: select,
            cancellationToken: cancellationToken);
    }

    private async Task DeleteDeadLetterAsync(string deliveryId, int batch, CancellationToken cancellationToken) =>
        await _deadLetters.DeleteEntityAsync(DeadLetterPartition, DeadLetterKey(deliveryId, batch), ETag.All, cancellationToken);

    private static BatchState ToState(string? status) => status switch
    {
        Completed => BatchState.Completed,
        DeadLettered => BatchState.DeadLettered,
        _ => BatchState.Open,
    };

    private static string Successor(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string BatchKey(int batch) => $"{BatchPrefix}{batch:D5}";

    private static string RecordKey(int batch, int row) => $"{batch:D5}-{row:D7}";

    private static string DeadLetterKey(string deliveryId, int batch) => $"{deliveryId}-{batch:D5}";

    private static TeacherRecord ToRecord(TableEntity row)
    {
        // Only valid rows are stored; a value that no longer parses means the table was edited by hand.
        if (!Bsn.TryParse(row.GetString("Bsn"), out var bsn) || !Brin.TryParse(row.GetString("Brin"), out var brin))
        {
            throw new InvalidDataException($"Stored row {row.PartitionKey}/{row.RowKey} holds an invalid BSN or BRIN.");
        }

        return new TeacherRecord(row.GetInt32("Regel") ?? 0, bsn, brin, ReadFields(row));
    }

    /// <summary>The row's other fields, stored as JSON by <see cref="SaveBatchAsync"/>.</summary>
    private static Dictionary<string, string> ReadFields(TableEntity row) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Gegevens") ?? "{}") ?? [];

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
