using System.Runtime.CompilerServices;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Core's board keys in memory, with the adapter's conditions.</summary>
public sealed class InMemoryBoardKeyStore : IBoardKeyStore
{
    private readonly Dictionary<(string, string), Stored<BoardKey>> _keys = [];
    private readonly Lock _lock = new();

    /// <summary>Makes conditional writes fail on purpose.</summary>
    public Conflicter Conflicts { get; } = new();

    /// <summary>Every write so far, adds and replaces: to show how often a key's use is written.</summary>
    public int Writes { get; private set; }

    public IReadOnlyList<BoardKey> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _keys.Values.Select(k => k.Value)];
            }
        }
    }

    public Task<Stored<BoardKey>?> GetAsync(Bestuursnummer bestuursnummer, string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.GetValueOrDefault((bestuursnummer.Value, id)));
        }
    }

    public Task<Stored<BoardKey>?> TryAddAsync(BoardKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Conflicts.Refuse() || _keys.ContainsKey(Key(key)))
            {
                return Task.FromResult<Stored<BoardKey>?>(null);
            }

            Writes++;
            return Task.FromResult<Stored<BoardKey>?>(_keys[Key(key)] = new(key, Versions.Next()));
        }
    }

    public Task<Stored<BoardKey>?> TryReplaceAsync(Stored<BoardKey> current, BoardKey next, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Conflicts.Refuse() || !_keys.TryGetValue(Key(next), out var stored) || stored.Version != current.Version)
            {
                return Task.FromResult<Stored<BoardKey>?>(null);
            }

            Writes++;
            return Task.FromResult<Stored<BoardKey>?>(_keys[Key(next)] = new(next, Versions.Next()));
        }
    }

    public async IAsyncEnumerable<Stored<BoardKey>> ListAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        List<Stored<BoardKey>> keys;
        lock (_lock)
        {
            keys = [.. _keys.Values.Where(k => k.Value.Bestuursnummer == bestuursnummer).OrderBy(k => k.Value.Id, StringComparer.Ordinal)];
        }

        foreach (var key in keys)
        {
            yield return key;
        }
    }

    private static (string, string) Key(BoardKey key) => (key.Bestuursnummer.Value, key.Id);
}
