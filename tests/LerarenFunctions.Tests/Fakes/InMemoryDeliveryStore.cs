using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Core's delivery store in memory, with the adapter's conditions (the contract tests hold both to them).</summary>
public sealed class InMemoryDeliveryStore : IDeliveryStore
{
    private readonly ConcurrentDictionary<string, Stored<Delivery>> _rows = new();
    private readonly Lock _lock = new();

    public Conflicter Conflicts { get; } = new();

    public IReadOnlyCollection<Delivery> All => [.. _rows.Values.Select(r => r.Value)];

    public Task<Stored<Delivery>?> GetAsync(string deliveryId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault(deliveryId));

    public Task<Stored<Delivery>?> TryAddAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var stored = new Stored<Delivery>(delivery, Versions.Next());
        return Task.FromResult(_rows.TryAdd(delivery.Id, stored) ? stored : null);
    }

    public Task<Stored<Delivery>?> TryReplaceAsync(Stored<Delivery> current, Delivery next, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Conflicts.Refuse() || !_rows.TryGetValue(next.Id, out var stored) || stored.Version != current.Version)
            {
                return Task.FromResult<Stored<Delivery>?>(null);
            }

            var written = new Stored<Delivery>(next, Versions.Next());
            _rows[next.Id] = written;
            return Task.FromResult<Stored<Delivery>?>(written);
        }
    }

    public Task<bool> TryDeleteAsync(Stored<Delivery> current, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue(current.Value.Id, out var stored) && stored.Version == current.Version && _rows.TryRemove(current.Value.Id, out _));
        }
    }

    /// <summary>In id order, as the adapter's index lists them.</summary>
    public async IAsyncEnumerable<Stored<Delivery>> ListUnfinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var stored in _rows.Values.Where(r => !r.Value.Status.IsFinal()).OrderBy(r => r.Value.Id, StringComparer.Ordinal).ToList())
        {
            yield return stored;
        }
    }

    /// <summary>As the adapter's completion index gives them: completed at or before the cutoff's second, oldest first.</summary>
    public async IAsyncEnumerable<Stored<Delivery>> ListCompletedBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var cutoff = Second(before);
        var listed = _rows.Values
            .Where(r => r.Value.Status.IsFinal() && r.Value.CompletedAt is { } completed && Second(completed) <= cutoff)
            .OrderBy(r => Second(r.Value.CompletedAt!.Value))
            .ThenBy(r => r.Value.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var stored in listed)
        {
            yield return stored;
        }
    }

    /// <summary>As the adapter's completion index gives them: completed at or after the cutoff's second, oldest first.</summary>
    public async IAsyncEnumerable<FinishedDelivery> ListFinishedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var cutoff = Second(since);
        var listed = _rows.Values
            .Where(r => r.Value.Status.IsFinal() && r.Value.CompletedAt is { } completed && Second(completed) >= cutoff)
            .OrderBy(r => Second(r.Value.CompletedAt!.Value))
            .ThenBy(r => r.Value.Id, StringComparer.Ordinal)
            .Select(r => FinishedDelivery.Of(r.Value))
            .ToList();
        foreach (var delivery in listed)
        {
            yield return delivery;
        }
    }

    /// <summary>As the adapter's completion index pages them: oldest first; the token is where the next page starts.</summary>
    public async Task<FinishedPage> ListFinishedPageAsync(DateTimeOffset from, DateTimeOffset before, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var all = new List<FinishedDelivery>();
        await foreach (var delivery in ListFinishedSinceAsync(from, cancellationToken))
        {
            if (Second(delivery.CompletedAt) < Second(before))
            {
                all.Add(delivery);
            }
        }

        var skip = continuation is null ? 0 : int.Parse(continuation, System.Globalization.CultureInfo.InvariantCulture);
        var next = skip + pageSize;
        return new FinishedPage([.. all.Skip(skip).Take(pageSize)], next < all.Count ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>As the adapter's range of the board's partitions gives them: in id order.</summary>
    public async IAsyncEnumerable<Delivery> ListByBoardAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var row in _rows.Values.Where(r => r.Value.Bestuursnummer == bestuursnummer).OrderBy(r => r.Value.Id, StringComparer.Ordinal).ToList())
        {
            yield return row.Value;
        }
    }

    /// <summary>Adds a delivery as it stands (test helper: a history made up for the reminders).</summary>
    public void Put(Delivery delivery) => _rows[delivery.Id] = new Stored<Delivery>(delivery, Versions.Next());

    /// <summary>The delivery as stored now (test helper).</summary>
    public Delivery this[string deliveryId] => _rows[deliveryId].Value;

    /// <summary>The moment to the second, as the adapter's index keeps it.</summary>
    private static long Second(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerSecond;
}
