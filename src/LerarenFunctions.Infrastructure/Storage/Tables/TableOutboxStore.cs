using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The outbox: a row per e-mail (partition = its id) and an index partition <c>index</c> with a row
/// <c>wachtend-{id}</c> per e-mail not yet final, <c>mislukt-{jjjjMMddHHmmss}-{id}</c> per e-mail given up, in order of
/// giving up, and <c>verzonden-{jjjjMMddHHmmss}-{id}</c> per e-mail sent, in order of sending, so the periodic check,
/// operators and the retention read only those. The waiting row is written before the message; once the message is
/// final, that row is moved to the final one in one transaction. A run that stops before the move leaves the waiting
/// row, and the periodic check, finding the message final, moves it then; other leftovers are tidied when next read.
/// A failed e-mail's row of before the order by time (<c>mislukt-{id}</c>) is moved when operators next list them.
/// </summary>
public sealed class TableOutboxStore(StorageClients clients, TimeProvider time) : IOutboxStore
{
    private const string RowKey = "bericht";
    private const string IndexPartition = "index";
    private const string WaitingPrefix = "wachtend-";
    private const string FailedPrefix = "mislukt-";
    private const string SentPrefix = "verzonden-";

    /// <summary>An index row without its message this old was left by an add that never happened.</summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.OutboxTable);

    public async Task<Stored<OutboxMessage>?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? new Stored<OutboxMessage>(ToMessage(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public async Task<Stored<OutboxMessage>?> TryAddAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await IndexAsync(WaitingPrefix, message.Id, cancellationToken);
        var added = await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(message), cancellationToken));
        return added is null ? null : new Stored<OutboxMessage>(message, TableRows.Version(added));
    }

    public async Task<Stored<OutboxMessage>?> TryReplaceAsync(Stored<OutboxMessage> current, OutboxMessage next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var written = await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(current.Version), TableUpdateMode.Replace, cancellationToken));
        if (written is null)
        {
            return null;
        }

        if (next.IsFinal)
        {
            await IndexFinalAsync(next, cancellationToken);
        }

        return new Stored<OutboxMessage>(next, TableRows.Version(written));
    }

    public async IAsyncEnumerable<Stored<OutboxMessage>> ListWaitingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (index, stored) in ListIndexAsync(WaitingPrefix, cancellationToken))
        {
            if (stored is null)
            {
                // An add that never happened.
                if (index.Timestamp < time.GetUtcNow() - OrphanAge)
                {
                    await TableRows.DeleteIfExistsAsync(_table, IndexPartition, index.RowKey, cancellationToken);
                }

                continue;
            }

            if (stored.Value.IsFinal)
            {
                // A run stopped before it moved this row: without the move, the retention would never find the message.
                await IndexFinalAsync(stored.Value, cancellationToken);
                continue;
            }

            yield return stored;
        }
    }

    public async IAsyncEnumerable<OutboxMessage> ListFailedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (index, stored) in ListIndexAsync(FailedPrefix, cancellationToken))
        {
            if (stored?.Value.Status != OutboxStatus.Mislukt)
            {
                continue;
            }

            if (TimeKeys.Parse(index.RowKey, FailedPrefix) is null)
            {
                // Written before the index was ordered by time: its row was written just before the message was given up.
                await MoveIndexRowAsync(FailedKey(stored.Value.Id, stored.Value.FailedAt ?? index.Timestamp ?? time.GetUtcNow()), index.RowKey, cancellationToken);
            }

            yield return stored.Value;
        }
    }

    public async IAsyncEnumerable<FailedEmail> ListFailedBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A row of before the order by time can fall in the range too; it is skipped (operators' list moves it).
        await foreach (var (failedAt, id) in TimeKeys.UpToAsync(_table, IndexPartition, FailedPrefix, before, cancellationToken))
        {
            yield return new FailedEmail(id, failedAt);
        }
    }

    public Task DeleteFailedAsync(FailedEmail failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return DeleteWithIndexRowAsync(failed.Id, FailedKey(failed.Id, failed.FailedAt), cancellationToken);
    }

    public async IAsyncEnumerable<SentEmail> ListSentBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (sentAt, id) in TimeKeys.UpToAsync(_table, IndexPartition, SentPrefix, before, cancellationToken))
        {
            yield return new SentEmail(id, sentAt);
        }
    }

    public Task DeleteSentAsync(SentEmail sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        return DeleteWithIndexRowAsync(sent.Id, SentKey(sent.Id, sent.SentAt), cancellationToken);
    }

    /// <summary>A final message and its index row; the message first, so a run that stops in between finds the index row again.</summary>
    private async Task DeleteWithIndexRowAsync(string id, string indexKey, CancellationToken cancellationToken)
    {
        await TableRows.DeleteIfExistsAsync(_table, id, RowKey, cancellationToken);
        await TableRows.DeleteIfExistsAsync(_table, IndexPartition, indexKey, cancellationToken);
    }

    /// <summary>
    /// Moves a final message's waiting row to the row of its status, in one transaction (both rows are in the index
    /// partition). A message given up without its moment (written before it was kept) counts from now.
    /// </summary>
    private Task IndexFinalAsync(OutboxMessage message, CancellationToken cancellationToken) => message switch
    {
        { Status: OutboxStatus.Verzonden, SentAt: { } sentAt } => MoveIndexRowAsync(SentKey(message.Id, sentAt), WaitingPrefix + message.Id, cancellationToken),
        { Status: OutboxStatus.Mislukt } => MoveIndexRowAsync(FailedKey(message.Id, message.FailedAt ?? time.GetUtcNow()), WaitingPrefix + message.Id, cancellationToken),
        _ => TableRows.DeleteIfExistsAsync(_table, IndexPartition, WaitingPrefix + message.Id, cancellationToken),
    };

    private Task MoveIndexRowAsync(string rowKey, string replaces, CancellationToken cancellationToken) =>
        TableRows.MoveIndexRowAsync(_table, new TableEntity(IndexPartition, rowKey), replaces, cancellationToken);

    private static string SentKey(string id, DateTimeOffset sentAt) => TimeKeys.Key(SentPrefix, sentAt, id);

    private static string FailedKey(string id, DateTimeOffset failedAt) => TimeKeys.Key(FailedPrefix, failedAt, id);

    private async IAsyncEnumerable<(TableEntity Index, Stored<OutboxMessage>? Message)> ListIndexAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = (prefix, prefix[..^1] + ".");
        await foreach (var index in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == IndexPartition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["RowKey", "Timestamp"],
            cancellationToken: cancellationToken))
        {
            var id = prefix == FailedPrefix && TimeKeys.Parse(index.RowKey, prefix) is { } failed ? failed.Tail : index.RowKey[prefix.Length..];

            yield return (index, await GetAsync(id, cancellationToken));
        }
    }

    private async Task IndexAsync(string prefix, string id, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(IndexPartition, prefix + id), TableUpdateMode.Replace, cancellationToken);

    private static TableEntity ToEntity(OutboxMessage m) => new(m.Id, RowKey)
    {
        ["Bestuursnummer"] = m.Bestuursnummer.Value,
        ["Soort"] = m.Soort,
        ["Aan"] = m.To.Value,
        ["AanNaam"] = m.ToName,
        ["Onderwerp"] = m.Subject,
        ["Tekst"] = m.Text,
        ["Html"] = m.Html,
        ["Status"] = m.Status.ToString().ToLowerInvariant(),
        ["Pogingen"] = m.Attempts,
        ["VolgendePogingOp"] = m.NextAttemptAt,
        ["BezigTot"] = m.LeaseUntil,
        ["LaatsteFout"] = m.LastError,
        ["AangemaaktOp"] = m.CreatedAt,
        ["VerzondenOp"] = m.SentAt,
        ["MisluktOp"] = m.FailedAt,
        ["AanleveringId"] = m.DeliveryId,
        ["TraceParent"] = m.TraceParent,
    };

    private static OutboxMessage ToMessage(TableEntity e) => new()
    {
        Id = e.PartitionKey,
        Bestuursnummer = Bestuursnummer.Parse(e.GetString("Bestuursnummer")),
        Soort = e.GetString("Soort") ?? "",
        To = EmailAddress.TryParse(e.GetString("Aan"), out var to) ? to : throw new InvalidOperationException($"E-mail {e.PartitionKey} has no valid recipient."),
        ToName = e.GetString("AanNaam"),
        Subject = e.GetString("Onderwerp") ?? "",
        Text = e.GetString("Tekst") ?? "",
        Html = e.GetString("Html") ?? "",
        Status = Enum.Parse<OutboxStatus>(e.GetString("Status") ?? nameof(OutboxStatus.Wachtend), ignoreCase: true),
        Attempts = e.GetInt32("Pogingen") ?? 0,
        NextAttemptAt = e.GetDateTimeOffset("VolgendePogingOp"),
        LeaseUntil = e.GetDateTimeOffset("BezigTot"),
        LastError = e.GetString("LaatsteFout"),
        CreatedAt = e.GetDateTimeOffset("AangemaaktOp") ?? DateTimeOffset.UnixEpoch,
        SentAt = e.GetDateTimeOffset("VerzondenOp"),
        FailedAt = e.GetDateTimeOffset("MisluktOp"),
        DeliveryId = e.GetString("AanleveringId"),
        TraceParent = e.GetString("TraceParent"),
    };
}
