using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The requests sent with an idempotency key: partition = bestuursnummer, row key = SHA-256 of the key. Partition
/// <c>index</c> has a row <c>{jjjjMMddHHmmss}-{bestuursnummer}-{hash}</c> per time a request was received, written
/// before the request, so the retention reads one range instead of every board. An index row whose request is gone or
/// was received again later is stale and removed when the retention comes by.
/// </summary>
public sealed class TableIdempotencyStore(StorageClients clients) : IIdempotencyStore
{
    private const string IndexPartition = "index";

    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.IdempotencyTable);

    public async Task<Stored<IdempotentRequest>?> GetAsync(Bestuursnummer bestuursnummer, string keyHash, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(bestuursnummer.Value, keyHash, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(bestuursnummer, keyHash, response.Value!) : null;
    }

    public async Task<Stored<IdempotentRequest>?> TryAddAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await AddIndexRowAsync(request, cancellationToken);
        return await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(request), cancellationToken)) is { } response
            ? new Stored<IdempotentRequest>(request, TableRows.Version(response))
            : null;
    }

    public async Task<Stored<IdempotentRequest>?> TryReplaceAsync(Stored<IdempotentRequest> current, IdempotentRequest next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        if (next.ReceivedAt != current.Value.ReceivedAt)
        {
            await AddIndexRowAsync(next, cancellationToken);
        }

        return await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(current.Version), TableUpdateMode.Replace, cancellationToken)) is { } response
            ? new Stored<IdempotentRequest>(next, TableRows.Version(response))
            : null;
    }

    public async IAsyncEnumerable<Stored<IdempotentRequest>> ListReceivedBeforeAsync(
        DateTimeOffset cutoff,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var before = IndexTime(cutoff);
        var index = _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == IndexPartition && e.RowKey.CompareTo(before) < 0,
            select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken);
        await foreach (var row in index)
        {
            var (bestuursnummer, keyHash) = ParseIndexKey(row.RowKey);
            var request = await GetAsync(bestuursnummer, keyHash, cancellationToken);
            if (request is not null && request.Value.ReceivedAt < cutoff)
            {
                // The index row goes with the request (TryDeleteAsync).
                yield return request;
            }
            else if (request is null || IndexKey(request.Value) != row.RowKey)
            {
                await TableRows.DeleteIfExistsAsync(_table, IndexPartition, row.RowKey, cancellationToken);
            }
        }
    }

    public async Task<bool> TryDeleteAsync(Stored<IdempotentRequest> current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var request = current.Value;
        if (await TableRows.TryAsync(() => _table.DeleteEntityAsync(request.Bestuursnummer.Value, request.KeyHash, new ETag(current.Version), cancellationToken)) is null)
        {
            return false;
        }

        await TableRows.DeleteIfExistsAsync(_table, IndexPartition, IndexKey(request), cancellationToken);
        return true;
    }

    private async Task AddIndexRowAsync(IdempotentRequest request, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(IndexPartition, IndexKey(request)), TableUpdateMode.Replace, cancellationToken);

    private static string IndexKey(IdempotentRequest request) => $"{IndexTime(request.ReceivedAt)}-{request.Bestuursnummer.Value}-{request.KeyHash}";

    private static string IndexTime(DateTimeOffset at) => TimeKeys.Moment(at);

    private static (Bestuursnummer Bestuursnummer, string KeyHash) ParseIndexKey(string rowKey)
    {
        var parts = rowKey.Split('-', 3);
        return (Bestuursnummer.Parse(parts[1]), parts[2]);
    }

    private static Stored<IdempotentRequest> FromEntity(Bestuursnummer bestuursnummer, string keyHash, TableEntity e) =>
        new(
            new IdempotentRequest(
                bestuursnummer,
                keyHash,
                e.GetString("Inhoud"),
                e.GetBoolean("Proef") ?? false,
                e.GetString("Pad"),
                e.GetString("AanleveringId"),
                e.GetDateTimeOffset("OntvangenOp") ?? DateTimeOffset.UnixEpoch),
            e.ETag.ToString());

    private static TableEntity ToEntity(IdempotentRequest request) => new(request.Bestuursnummer.Value, request.KeyHash)
    {
        ["Inhoud"] = request.ContentHash,
        ["Proef"] = request.IsTrial,
        ["Pad"] = request.Path,
        ["AanleveringId"] = request.DeliveryId,
        ["OntvangenOp"] = request.ReceivedAt,
    };
}
