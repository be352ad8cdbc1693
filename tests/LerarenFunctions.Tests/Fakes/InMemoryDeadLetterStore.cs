using System.Collections.Concurrent;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Core's dead letters in memory.</summary>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly ConcurrentDictionary<(string DeliveryId, int Batch), DeadLetter> _rows = new();

    public Task SaveAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        _rows[(letter.DeliveryId, letter.Batch)] = letter;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string deliveryId, int batch, CancellationToken cancellationToken)
    {
        _rows.TryRemove((deliveryId, batch), out _);
        return Task.CompletedTask;
    }

    public Task DeleteAllAsync(string deliveryId, CancellationToken cancellationToken)
    {
        foreach (var key in _rows.Keys.Where(k => k.DeliveryId == deliveryId))
        {
            _rows.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>([.. _rows.Values.OrderBy(l => l.At)]);
}
