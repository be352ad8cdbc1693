using System.Collections.Concurrent;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Core's content claims in memory, with the adapter's conditions.</summary>
public sealed class InMemoryContentClaims : IContentClaims
{
    private readonly ConcurrentDictionary<(string Board, string Hash), Stored<ContentClaim>> _rows = new();
    private readonly Lock _lock = new();

    public IReadOnlyCollection<ContentClaim> All => [.. _rows.Values.Select(r => r.Value)];

    public Task<Stored<ContentClaim>?> GetAsync(Bestuursnummer bestuursnummer, string contentHash, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault((bestuursnummer.Value, contentHash)));

    public Task<IReadOnlyList<Stored<ContentClaim>>> ListHeldByAsync(Bestuursnummer bestuursnummer, string deliveryId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Stored<ContentClaim>>>(
            [.. _rows.Values.Where(r => r.Value.Bestuursnummer == bestuursnummer && r.Value.DeliveryId == deliveryId)]);

    public Task<bool> TryAddAsync(ContentClaim claim, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryAdd((claim.Bestuursnummer.Value, claim.ContentHash), new Stored<ContentClaim>(claim, Versions.Next())));

    public Task<bool> TryReplaceAsync(ContentClaim next, string version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (next.Bestuursnummer.Value, next.ContentHash);
            if (!_rows.TryGetValue(key, out var stored) || stored.Version != version)
            {
                return Task.FromResult(false);
            }

            _rows[key] = new Stored<ContentClaim>(next, Versions.Next());
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryDeleteAsync(Bestuursnummer bestuursnummer, string contentHash, string version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (bestuursnummer.Value, contentHash);
            return Task.FromResult(_rows.TryGetValue(key, out var stored) && stored.Version == version && _rows.TryRemove(key, out _));
        }
    }
}
