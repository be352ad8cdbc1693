using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// Board keys in table <see cref="StorageNames.KeysTable"/>: partition = bestuursnummer, row key = key id, so a board's
/// keys are one partition query and a key is one point read. The hash is stored, never the key.
/// </summary>
public sealed class TableBoardKeyStore(StorageClients clients) : IBoardKeyStore
{
    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.KeysTable);

    public async Task<Stored<BoardKey>?> GetAsync(Bestuursnummer bestuursnummer, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(bestuursnummer.Value, id, cancellationToken: cancellationToken);
        return response.HasValue ? ToStored(response.Value!) : null;
    }

    public async Task<Stored<BoardKey>?> TryAddAsync(BoardKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var added = await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(key), cancellationToken));
        return added is null ? null : new Stored<BoardKey>(key, TableRows.Version(added));
    }

    public async Task<Stored<BoardKey>?> TryReplaceAsync(Stored<BoardKey> current, BoardKey next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var written = await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(current.Version), TableUpdateMode.Replace, cancellationToken));
        return written is null ? null : new Stored<BoardKey>(next, TableRows.Version(written));
    }

    public async IAsyncEnumerable<Stored<BoardKey>> ListAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = bestuursnummer.Value;
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            yield return ToStored(row);
        }
    }

    private static TableEntity ToEntity(BoardKey key) => new(key.Bestuursnummer.Value, key.Id)
    {
        ["SleutelHash"] = key.Hash,
        ["AangemaaktOp"] = key.CreatedAt,
        ["LaatstGebruiktOp"] = key.LastUsedAt,
        ["IngetrokkenOp"] = key.RevokedAt,
    };

    private static Stored<BoardKey> ToStored(TableEntity e) => new(
        new BoardKey(
            e.RowKey,
            Bestuursnummer.Parse(e.PartitionKey),
            e.GetString("SleutelHash") ?? throw new InvalidOperationException($"Key {e.RowKey} of board {e.PartitionKey} has no hash."),
            e.GetDateTimeOffset("AangemaaktOp") ?? DateTimeOffset.UnixEpoch,
            e.GetDateTimeOffset("LaatstGebruiktOp"),
            e.GetDateTimeOffset("IngetrokkenOp")),
        e.ETag.ToString());
}
