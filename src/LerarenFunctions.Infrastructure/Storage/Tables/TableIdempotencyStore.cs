using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>The requests sent with an idempotency key: partition = bestuursnummer, row key = SHA-256 of the key.</summary>
public sealed class TableIdempotencyStore(StorageClients clients) : IIdempotencyStore
{
    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.IdempotencyTable);

    public async Task<Stored<IdempotentRequest>?> GetAsync(Bestuursnummer bestuursnummer, string keyHash, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(bestuursnummer.Value, keyHash, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var e = response.Value!;
        return new Stored<IdempotentRequest>(
            new IdempotentRequest(
                bestuursnummer,
                keyHash,
                e.GetString("Inhoud"),
                e.GetBoolean("Proef") ?? false,
                e.GetString("Pad"),
                e.GetString("AanleveringId"),
                e.GetDateTimeOffset("OntvangenOp") ?? DateTimeOffset.UnixEpoch),
            e.ETag.ToString());
    }

    public async Task<Stored<IdempotentRequest>?> TryAddAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(request), cancellationToken)) is { } response
            ? new Stored<IdempotentRequest>(request, TableRows.Version(response))
            : null;
    }

    public async Task<Stored<IdempotentRequest>?> TryReplaceAsync(Stored<IdempotentRequest> current, IdempotentRequest next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        return await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(current.Version), TableUpdateMode.Replace, cancellationToken)) is { } response
            ? new Stored<IdempotentRequest>(next, TableRows.Version(response))
            : null;
    }

    private static TableEntity ToEntity(IdempotentRequest request) => new(request.Bestuursnummer.Value, request.KeyHash)
    {
        ["Inhoud"] = request.ContentHash,
        ["Proef"] = request.IsTrial,
        ["Pad"] = request.Path,
        ["AanleveringId"] = request.DeliveryId,
        ["OntvangenOp"] = request.ReceivedAt,
    };
}
