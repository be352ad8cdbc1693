using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The outbox: a row per e-mail (partition = its id) and an index partition <c>index</c> with a row
/// <c>wachtend-{id}</c> per e-mail not yet final, <c>mislukt-{id}</c> per e-mail given up and
/// <c>verzonden-{jjjjMMddHHmmss}-{id}</c> per e-mail sent, in order of sending, so the periodic check, operators and
/// the retention read only those. An index row is written before the status that puts a message in it and removed after
/// the status that takes it out; a leftover is tidied when it is next read.
/// </summary>
public sealed class TableOutboxStore(StorageClients clients, TimeProvider time) : IOutboxStore
{
    private const string RowKey = "bericht";
    private const string IndexPartition = "index";
    private const string WaitingPrefix = "wachtend-";
    private const string FailedPrefix = "mislukt-";
    private const string SentPrefix = "verzonden-";
    private const string MomentFormat = "yyyyMMddHHmmss";

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
        if (next.Status == OutboxStatus.Mislukt)
        {
            await IndexAsync(FailedPrefix, next.Id, cancellationToken);
        }

        var written = await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(current.Version), TableUpdateMode.Replace, cancellationToken));
        if (written is null)
        {
            return null;
        }

        if (next is { Status: OutboxStatus.Verzonden, SentAt: { } sentAt })
        {
            await MoveToSentAsync(next.Id, sentAt, cancellationToken);
        }
        else if (next.IsFinal)
        {
            await TableRows.DeleteIfExistsAsync(_table, IndexPartition, WaitingPrefix + next.Id, cancellationToken);
        }

        return new Stored<OutboxMessage>(next, TableRows.Version(written));
    }

    public async IAsyncEnumerable<Stored<OutboxMessage>> ListWaitingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (index, stored) in ListIndexAsync(WaitingPrefix, cancellationToken))
        {
            if (stored is null || stored.Value.IsFinal)
            {
                // Final (a run stopped before it removed this row), or an add that never happened.
                if (stored is not null || index.Timestamp < time.GetUtcNow() - OrphanAge)
                {
                    await TableRows.DeleteIfExistsAsync(_table, IndexPartition, index.RowKey, cancellationToken);
                }

                continue;
            }

            yield return stored;
        }
    }

    public async IAsyncEnumerable<OutboxMessage> ListFailedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, stored) in ListIndexAsync(FailedPrefix, cancellationToken))
        {
            if (stored?.Value.Status == OutboxStatus.Mislukt)
            {
                yield return stored.Value;
            }
        }
    }

    public async IAsyncEnumerable<SentEmail> ListSentBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every message sent up to and including the cutoff's second: one range of the index partition.
        var (from, to) = (SentPrefix, $"{SentPrefix}{Moment(before)}.");
        await foreach (var index in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == IndexPartition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["RowKey"],
            cancellationToken: cancellationToken))
        {
            var moment = index.RowKey.Substring(SentPrefix.Length, MomentFormat.Length);
            yield return new SentEmail(
                index.RowKey[(SentPrefix.Length + MomentFormat.Length + 1)..],
                new DateTimeOffset(DateTime.ParseExact(moment, MomentFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero));
        }
    }

    public async Task DeleteSentAsync(SentEmail sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        // The message first: a run that stops in between finds the index row again.
        await TableRows.DeleteIfExistsAsync(_table, sent.Id, RowKey, cancellationToken);
        await TableRows.DeleteIfExistsAsync(_table, IndexPartition, SentKey(sent.Id, sent.SentAt), cancellationToken);
    }

    /// <summary>Moves the message's index row from waiting to sent, in one transaction (both rows are in the index partition).</summary>
    private Task MoveToSentAsync(string id, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        TableRows.MoveIndexRowAsync(_table, new TableEntity(IndexPartition, SentKey(id, sentAt)), WaitingPrefix + id, cancellationToken);

    private static string SentKey(string id, DateTimeOffset sentAt) => $"{SentPrefix}{Moment(sentAt)}-{id}";

    private static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString(MomentFormat, CultureInfo.InvariantCulture);

    private async IAsyncEnumerable<(TableEntity Index, Stored<OutboxMessage>? Message)> ListIndexAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, to) = (prefix, prefix[..^1] + ".");
        await foreach (var index in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == IndexPartition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            select: ["RowKey", "Timestamp"],
            cancellationToken: cancellationToken))
        {
            yield return (index, await GetAsync(index.RowKey[prefix.Length..], cancellationToken));
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
        DeliveryId = e.GetString("AanleveringId"),
        TraceParent = e.GetString("TraceParent"),
    };
}
