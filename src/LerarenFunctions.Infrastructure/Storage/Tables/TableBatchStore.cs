using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The batches, one row each in their delivery's partition: the packed rows while open (and while dead-lettered, for a
/// replay), the register's answers once answered (compressed JSON), and the counts as columns, so a tally reads no rows
/// and no answers.
/// </summary>
public sealed class TableBatchStore(StorageClients clients) : IBatchStore
{
    private const string RecordsProperty = "Regels";
    private const string ResultsProperty = "Resultaten";

    /// <summary>Every column but the rows and the answers: what a tally, a status or the periodic check reads.</summary>
    private static readonly string[] SummaryColumns =
        ["PartitionKey", "RowKey", "Bestuursnummer", "Status", "AantalRegels", "Geregistreerd", "AfgewezenDoorRegister", "Mislukt", "Pogingen", "LaatsteFout", "VolgendePogingOp", "Reden", "RegelsVerwijderdOp", "GewijzigdOp"];

    /// <summary>
    /// The summary and the answers, not the rows. A hundred answers compress to a few KB: one 64 KB property holds them,
    /// the next few are named in case a register sends long reasons.
    /// </summary>
    private static readonly string[] ResultColumns =
        [.. SummaryColumns, ResultsProperty, ResultsProperty + "2", ResultsProperty + "3", ResultsProperty + "4"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.BatchesTable);

    public async Task<IReadOnlyList<Stored<Batch>>?> TryAddAsync(IReadOnlyList<Batch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var added = new List<Stored<Batch>>(batches.Count);
        var actions = new List<TableTransactionAction>();
        var pending = new List<Batch>();
        var bytes = 0;
        foreach (var batch in batches)
        {
            var entity = ToEntity(batch);
            var size = ((batch.Records?.Bytes.Length ?? 0) * 4 / 3) + 1024;
            if (actions.Count == TableRows.MaxEntitiesPerTransaction || (actions.Count > 0 && bytes + size > TableRows.MaxBytesPerTransaction))
            {
                if (!await SubmitAddsAsync(actions, pending, added, cancellationToken))
                {
                    return null;
                }

                bytes = 0;
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
            pending.Add(batch);
            bytes += size;
        }

        return await SubmitAddsAsync(actions, pending, added, cancellationToken) ? added : null;
    }

    public async Task<Stored<Batch>?> GetAsync(string deliveryId, int number, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(deliveryId, Key(number), cancellationToken: cancellationToken);
        return response.HasValue ? ToStored(response.Value!) : null;
    }

    public async Task<Stored<Batch>?> TryReplaceAsync(Batch next, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var written = await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(version), TableUpdateMode.Replace, cancellationToken));
        return written is null ? null : new Stored<Batch>(next, TableRows.Version(written));
    }

    public async Task<IReadOnlyList<Stored<Batch>>> ListAsync(string deliveryId, bool withResults, CancellationToken cancellationToken)
    {
        var batches = new List<Stored<Batch>>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == deliveryId, select: withResults ? ResultColumns : SummaryColumns, cancellationToken: cancellationToken))
        {
            batches.Add(ToStored(row));
        }

        return batches;
    }

    public async IAsyncEnumerable<Stored<Batch>> ListOpenAsync(string deliveryId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var open = Status(BatchState.Open);
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == deliveryId && e.GetString("Status") == open, cancellationToken: cancellationToken))
        {
            yield return ToStored(row);
        }
    }

    public async Task<bool> AnyOpenAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var open = Status(BatchState.Open);
        await foreach (var page in _table.QueryAsync<TableEntity>(e => e.PartitionKey == deliveryId && e.GetString("Status") == open, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                return true;
            }

            // An empty page with a continuation token only means the service stopped looking: ask on.
        }

        return false;
    }

    public Task DeleteAllAsync(string deliveryId, CancellationToken cancellationToken) =>
        TableRows.DeleteAllAsync(_table, e => e.PartitionKey == deliveryId, cancellationToken);

    private async Task<bool> SubmitAddsAsync(List<TableTransactionAction> actions, List<Batch> pending, List<Stored<Batch>> added, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return true;
        }

        try
        {
            var responses = await _table.SubmitTransactionAsync(actions, cancellationToken);
            added.AddRange(pending.Zip(responses.Value, (batch, response) => new Stored<Batch>(batch, TableRows.Version(response))));
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        actions.Clear();
        pending.Clear();
        return true;
    }

    private static string Key(int number) => number.ToString("D5", CultureInfo.InvariantCulture);

    private static string Status(BatchState state) => state switch
    {
        BatchState.Completed => "afgerond",
        BatchState.DeadLettered => "mislukt",
        _ => "open",
    };

    private static BatchState State(string? status) => status switch
    {
        "afgerond" => BatchState.Completed,
        "mislukt" => BatchState.DeadLettered,
        _ => BatchState.Open,
    };

    private static TableEntity ToEntity(Batch b)
    {
        var entity = new TableEntity(b.DeliveryId, Key(b.Number))
        {
            ["Bestuursnummer"] = b.Bestuursnummer.Value,
            ["Status"] = Status(b.State),
            ["AantalRegels"] = b.RowCount,
            ["Geregistreerd"] = b.Registered,
            ["AfgewezenDoorRegister"] = b.RejectedByRegister,
            ["Mislukt"] = b.Failed,
            ["Pogingen"] = b.FailedAttempts,
            ["LaatsteFout"] = b.LastError,
            ["VolgendePogingOp"] = b.NextAttemptAt,
            ["Reden"] = b.DeadLetterReason,
            ["RegelsVerwijderdOp"] = b.RecordsRemovedAt,
            ["GewijzigdOp"] = b.ChangedAt,
        };
        if (b.Records is { } records)
        {
            TableRows.WriteBinary(entity, RecordsProperty, records.Bytes);
        }

        if (b.Results is { } results)
        {
            TableRows.WriteBinary(entity, ResultsProperty, CompactBytes.Compress(JsonSerializer.SerializeToUtf8Bytes(results, Json)));
        }

        return entity;
    }

    private static Stored<Batch> ToStored(TableEntity e)
    {
        var records = TableRows.ReadBinary(e, RecordsProperty);
        var results = TableRows.ReadBinary(e, ResultsProperty);
        var batch = new Batch
        {
            DeliveryId = e.PartitionKey,
            Number = int.Parse(e.RowKey, NumberStyles.None, CultureInfo.InvariantCulture),
            Bestuursnummer = Bestuursnummer.Parse(e.GetString("Bestuursnummer")),
            State = State(e.GetString("Status")),
            RowCount = e.GetInt32("AantalRegels") ?? 0,
            Records = records is null ? null : PackedRecords.FromBytes(records),
            Results = results is null ? null : JsonSerializer.Deserialize<List<RegisterResultaat>>(CompactBytes.Decompress(results), Json),
            Registered = e.GetInt32("Geregistreerd") ?? 0,
            RejectedByRegister = e.GetInt32("AfgewezenDoorRegister") ?? 0,
            Failed = e.GetInt32("Mislukt") ?? 0,
            FailedAttempts = e.GetInt64("Pogingen") ?? 0,
            LastError = e.GetString("LaatsteFout"),
            NextAttemptAt = e.GetDateTimeOffset("VolgendePogingOp"),
            DeadLetterReason = e.GetString("Reden"),
            RecordsRemovedAt = e.GetDateTimeOffset("RegelsVerwijderdOp"),
            ChangedAt = e.GetDateTimeOffset("GewijzigdOp") ?? DateTimeOffset.UnixEpoch,
        };
        return new Stored<Batch>(batch, e.ETag.ToString());
    }
}
