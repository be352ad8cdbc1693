using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Core's batch store in memory, with the adapter's conditions and what each read leaves out.</summary>
public sealed class InMemoryBatchStore : IBatchStore
{
    private readonly ConcurrentDictionary<(string DeliveryId, int Number), Stored<Batch>> _rows = new();
    private readonly Lock _lock = new();

    public Conflicter Conflicts { get; } = new();

    public Task<IReadOnlyList<Stored<Batch>>?> TryAddAsync(IReadOnlyList<Batch> batches, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (batches.Any(b => _rows.ContainsKey((b.DeliveryId, b.Number))))
            {
                return Task.FromResult<IReadOnlyList<Stored<Batch>>?>(null);
            }

            var added = batches.Select(b => new Stored<Batch>(b, Versions.Next())).ToList();
            foreach (var stored in added)
            {
                _rows[(stored.Value.DeliveryId, stored.Value.Number)] = stored;
            }

            return Task.FromResult<IReadOnlyList<Stored<Batch>>?>(added);
        }
    }

    public Task<Stored<Batch>?> GetAsync(string deliveryId, int number, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault((deliveryId, number)));

    public Task<Stored<Batch>?> TryReplaceAsync(Batch next, string version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (next.DeliveryId, next.Number);
            if (Conflicts.Refuse() || !_rows.TryGetValue(key, out var stored) || stored.Version != version)
            {
                return Task.FromResult<Stored<Batch>?>(null);
            }

            var written = new Stored<Batch>(next, Versions.Next());
            _rows[key] = written;
            return Task.FromResult<Stored<Batch>?>(written);
        }
    }

    public Task<IReadOnlyList<Stored<Batch>>> ListAsync(string deliveryId, bool withResults, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Stored<Batch>>>(
        [
            .. Of(deliveryId).Select(s => withResults ? s : s with { Value = s.Value with { Records = null, Results = null } }),
        ]);

    public async IAsyncEnumerable<Stored<Batch>> ListOpenAsync(string deliveryId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var stored in Of(deliveryId).Where(s => s.Value.State == BatchState.Open))
        {
            yield return stored;
        }
    }

    public Task<bool> AnyOpenAsync(string deliveryId, CancellationToken cancellationToken) =>
        Task.FromResult(Of(deliveryId).Any(s => s.Value.State == BatchState.Open));

    public Task DeleteAllAsync(string deliveryId, CancellationToken cancellationToken)
    {
        foreach (var stored in Of(deliveryId))
        {
            _rows.TryRemove((deliveryId, stored.Value.Number), out _);
        }

        return Task.CompletedTask;
    }

    /// <summary>The batches of a delivery as stored now (test helper).</summary>
    public IReadOnlyList<Batch> Batches(string deliveryId) =>
        [.. _rows.Where(r => r.Key.DeliveryId == deliveryId).OrderBy(r => r.Key.Number).Select(r => r.Value.Value)];

    private List<Stored<Batch>> Of(string deliveryId) =>
        [.. _rows.Where(r => r.Key.DeliveryId == deliveryId).OrderBy(r => r.Key.Number).Select(r => r.Value)];
}
