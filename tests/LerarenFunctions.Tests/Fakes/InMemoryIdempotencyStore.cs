using System.Collections.Concurrent;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>The requests with an idempotency key in memory, with versions as the table gives them.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<(Bestuursnummer, string), Stored<IdempotentRequest>> _rows = new();

    public Task<Stored<IdempotentRequest>?> GetAsync(Bestuursnummer bestuursnummer, string keyHash, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue((bestuursnummer, keyHash), out var row) ? row : null);

    public Task<Stored<IdempotentRequest>?> TryAddAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        var stored = new Stored<IdempotentRequest>(request, Versions.Next());
        return Task.FromResult(_rows.TryAdd((request.Bestuursnummer, request.KeyHash), stored) ? stored : null);
    }

    public Task<Stored<IdempotentRequest>?> TryReplaceAsync(Stored<IdempotentRequest> current, IdempotentRequest next, CancellationToken cancellationToken)
    {
        var stored = new Stored<IdempotentRequest>(next, Versions.Next());
        return Task.FromResult(_rows.TryUpdate((next.Bestuursnummer, next.KeyHash), stored, current) ? stored : null);
    }

    public IAsyncEnumerable<Stored<IdempotentRequest>> ListReceivedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        _rows.Values.Where(r => r.Value.ReceivedAt < cutoff).ToArray().ToAsyncEnumerable();

    public Task<bool> TryDeleteAsync(Stored<IdempotentRequest> current, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryRemove(new KeyValuePair<(Bestuursnummer, string), Stored<IdempotentRequest>>((current.Value.Bestuursnummer, current.Value.KeyHash), current)));
}
