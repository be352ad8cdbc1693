using Azure;
using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>The content claims: partition = bestuursnummer, row = content hash.</summary>
public sealed class TableContentClaims(StorageClients clients) : IContentClaims
{
    private readonly TableClient _table = clients.Tables.GetTableClient(StorageNames.ContentClaimsTable);

    public async Task<Stored<ContentClaim>?> GetAsync(Bestuursnummer bestuursnummer, string contentHash, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(bestuursnummer.Value, contentHash, cancellationToken: cancellationToken);
        return response.HasValue ? ToClaim(bestuursnummer, response.Value!) : null;
    }

    public async Task<IReadOnlyList<Stored<ContentClaim>>> ListHeldByAsync(Bestuursnummer bestuursnummer, string deliveryId, CancellationToken cancellationToken)
    {
        var board = bestuursnummer.Value;
        var held = new List<Stored<ContentClaim>>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == board && e.GetString("AanleveringId") == deliveryId, cancellationToken: cancellationToken))
        {
            held.Add(ToClaim(bestuursnummer, row));
        }

        return held;
    }

    public async Task<bool> TryAddAsync(ContentClaim claim, CancellationToken cancellationToken) =>
        await TableRows.TryAsync(() => _table.AddEntityAsync(ToEntity(claim), cancellationToken)) is not null;

    public async Task<bool> TryReplaceAsync(ContentClaim next, string version, CancellationToken cancellationToken) =>
        await TableRows.TryAsync(() => _table.UpdateEntityAsync(ToEntity(next), new ETag(version), TableUpdateMode.Replace, cancellationToken)) is not null;

    public async Task<bool> TryDeleteAsync(Bestuursnummer bestuursnummer, string contentHash, string version, CancellationToken cancellationToken) =>
        await TableRows.TryAsync(() => _table.DeleteEntityAsync(bestuursnummer.Value, contentHash, new ETag(version), cancellationToken)) is not null;

    private static Stored<ContentClaim> ToClaim(Bestuursnummer bestuursnummer, TableEntity e) => new(
        new ContentClaim(bestuursnummer, e.RowKey, e.GetString("AanleveringId"), e.GetDateTimeOffset("GeclaimdOp") ?? DateTimeOffset.UnixEpoch),
        e.ETag.ToString());

    private static TableEntity ToEntity(ContentClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new TableEntity(claim.Bestuursnummer.Value, claim.ContentHash)
        {
            ["AanleveringId"] = claim.DeliveryId,
            ["GeclaimdOp"] = claim.ClaimedAt,
        };
    }
}
