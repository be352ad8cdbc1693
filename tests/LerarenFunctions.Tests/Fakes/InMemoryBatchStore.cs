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

    /// <summary>
    /// As the adapter adds them: in transactions of at most 100 batches and about 2 MB of rows, each all or nothing; the
    /// transactions before the one that finds a batch that exists stay added.
    /// </summary>
    public Task<IReadOnlyList<Stored<Batch>>?> TryAddAsync(IReadOnlyList<Batch> batches, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var added = new List<Stored<Batch>>(batches.Count);
            foreach (var transaction in Transactions(batches))
            {
                if (transaction.Any(b => _rows.ContainsKey((b.DeliveryId, b.Number))))
                {
                    return Task.FromResult<IReadOnlyList<Stored<Batch>>?>(null);
                }

                foreach (var batch in transaction)
                {
                    var stored = new Stored<Batch>(batch, Versions.Next());
                    _rows[(batch.DeliveryId, batch.Number)] = stored;
                    added.Add(stored);
                }
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

    /// <summary>The adapter's split: a transaction takes 100 rows, and the rows as base64 up to 2 MB (estimated as it does).</summary>
    private static IEnumerable<List<Batch>> Transactions(IReadOnlyList<Batch> batches)
    {
        const int maxBatches = 100;
        const int maxBytes = 2 * 1024 * 1024;
        var transaction = new List<Batch>();
        var bytes = 0;
        foreach (var batch in batches)
        {
            var size = ((batch.Records?.Bytes.Length ?? 0) * 4 / 3) + 1024;
            if (transaction.Count == maxBatches || (transaction.Count > 0 && bytes + size > maxBytes))
            {
                yield return transaction;
                transaction = [];
                bytes = 0;
            }

            transaction.Add(batch);
            bytes += size;
        }

        if (transaction.Count > 0)
        {
            yield return transaction;
        }
    }

    private List<Stored<Batch>> Of(string deliveryId) =>
        [.. _rows.Where(r => r.Key.DeliveryId == deliveryId).OrderBy(r => r.Key.Number).Select(r => r.Value)];
}
