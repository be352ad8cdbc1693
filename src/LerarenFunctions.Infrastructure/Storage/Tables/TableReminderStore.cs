using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Reminders;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// What each board was sent per rule: a row <c>{bestuursnummer}-{rule}</c> in partition <c>herinneringen</c> of the
/// board table, next to the boards, so a reminder run reads them all in one query. The summary of the latest run is
/// one row <c>laatste</c> in partition <c>herinneringsrun</c>, apart from the records so their query never reads it.
/// </summary>
public sealed class TableReminderStore(StorageClients clients) : IReminderStore
{
    private const string Partition = "herinneringen";
    private const string RunPartition = "herinneringsrun";
    private const string LastRunKey = "laatste";
    private const string DateFormat = "yyyy-MM-dd";

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.BoardsTable);

    public async Task<Stored<ReminderRecord>?> GetAsync(Bestuursnummer bestuursnummer, ReminderRule rule, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(bestuursnummer, rule), cancellationToken: cancellationToken);
        return response.HasValue ? ToStored(response.Value!) : null;
    }

    public async Task<Stored<ReminderRecord>?> TryAddAsync(ReminderRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var added = await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(record), cancellationToken));
        return added is null ? null : new Stored<ReminderRecord>(record, TableRows.Version(added));
    }

    public async Task<Stored<ReminderRecord>?> TryReplaceAsync(Stored<ReminderRecord> current, ReminderRecord next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var written = await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(current.Version), TableUpdateMode.Replace, cancellationToken));
        return written is null ? null : new Stored<ReminderRecord>(next, TableRows.Version(written));
    }

    public async IAsyncEnumerable<Stored<ReminderRecord>> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            yield return ToStored(row);
        }
    }

    public async IAsyncEnumerable<Stored<ReminderRecord>> ListAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = ($"{bestuursnummer.Value}-", $"{bestuursnummer.Value}.");
        await foreach (var row in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            yield return ToStored(row);
        }
    }

    public Task SaveLastRunAsync(ReminderRunSummary run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Unconditional: runs are a day apart, and the latest one is the one to keep.
        return _table.UpsertEntityAsync(ReminderRunRows.ToEntity(run, new TableEntity(RunPartition, LastRunKey)), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ReminderRunSummary?> GetLastRunAsync(CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(RunPartition, LastRunKey, cancellationToken: cancellationToken);
        return response.HasValue ? ReminderRunRows.ToSummary(response.Value!) : null;
    }

    private static string Key(Bestuursnummer bestuursnummer, ReminderRule rule) => $"{bestuursnummer.Value}-{rule.ToContract()}";

    /// <summary>The date as text: a date has no time zone, and an Edm.DateTime would give it one.</summary>
    private static TableEntity ToEntity(ReminderRecord r) => new(Partition, Key(r.Bestuursnummer, r.Rule))
    {
        ["Bestuursnummer"] = r.Bestuursnummer.Value,
        ["Regel"] = r.Rule.ToContract(),
        ["Periode"] = r.Period,
        ["Aantal"] = r.Count,
        ["LaatstVerzondenOp"] = r.LastSentOn.ToString(DateFormat, CultureInfo.InvariantCulture),
    };

    private static Stored<ReminderRecord> ToStored(TableEntity e) => new(
        new ReminderRecord(
            Bestuursnummer.Parse(e.GetString("Bestuursnummer")),
            ReminderRules.Parse(e.GetString("Regel")) ?? throw new InvalidOperationException($"Reminder record {e.RowKey} has an unknown rule."),
            e.GetString("Periode") ?? "",
            e.GetInt32("Aantal") ?? 0,
            DateOnly.ParseExact(e.GetString("LaatstVerzondenOp"), DateFormat, CultureInfo.InvariantCulture)),
        e.ETag.ToString());
}
