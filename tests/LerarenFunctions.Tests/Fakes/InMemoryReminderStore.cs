using System.Runtime.CompilerServices;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Reminders;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>Core's record of reminders sent, in memory, with the adapter's conditions.</summary>
public sealed class InMemoryReminderStore : IReminderStore
{
    private readonly Dictionary<(string, ReminderRule), Stored<ReminderRecord>> _records = [];
    private readonly Lock _lock = new();
    private ReminderRunSummary? _lastRun;

    /// <summary>Makes conditional writes fail on purpose.</summary>
    public Conflicter Conflicts { get; } = new();

    /// <summary>Every write throws while this is set, as a host that dies before it records.</summary>
    public bool FailWrites { get; set; }

    public IReadOnlyList<ReminderRecord> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _records.Values.Select(r => r.Value)];
            }
        }
    }

    public Task<Stored<ReminderRecord>?> GetAsync(Bestuursnummer bestuursnummer, ReminderRule rule, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.GetValueOrDefault((bestuursnummer.Value, rule)));
        }
    }

    public Task<Stored<ReminderRecord>?> TryAddAsync(ReminderRecord record, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (_lock)
        {
            if (Conflicts.Refuse() || _records.ContainsKey(Key(record)))
            {
                return Task.FromResult<Stored<ReminderRecord>?>(null);
            }

            return Task.FromResult<Stored<ReminderRecord>?>(_records[Key(record)] = new(record, Versions.Next()));
        }
    }

    public Task<Stored<ReminderRecord>?> TryReplaceAsync(Stored<ReminderRecord> current, ReminderRecord next, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (_lock)
        {
            if (Conflicts.Refuse() || !_records.TryGetValue(Key(next), out var stored) || stored.Version != current.Version)
            {
                return Task.FromResult<Stored<ReminderRecord>?>(null);
            }

            return Task.FromResult<Stored<ReminderRecord>?>(_records[Key(next)] = new(next, Versions.Next()));
        }
    }

    public async IAsyncEnumerable<Stored<ReminderRecord>> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        List<Stored<ReminderRecord>> records;
        lock (_lock)
        {
            records = [.. _records.Values.OrderBy(r => r.Value.Bestuursnummer.Value, StringComparer.Ordinal).ThenBy(r => r.Value.Rule)];
        }

        foreach (var record in records)
        {
            yield return record;
        }
    }

    public async IAsyncEnumerable<Stored<ReminderRecord>> ListAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in ListAsync(cancellationToken))
        {
            if (record.Value.Bestuursnummer == bestuursnummer)
            {
                yield return record;
            }
        }
    }

    public Task SaveLastRunAsync(ReminderRunSummary run, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        lock (_lock)
        {
            _lastRun = run;
        }

        return Task.CompletedTask;
    }

    public Task<ReminderRunSummary?> GetLastRunAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_lastRun);
        }
    }

    private void ThrowIfFailing()
    {
        if (FailWrites)
        {
            throw new IOException("Storage could not be reached (test).");
        }
    }

    private static (string, ReminderRule) Key(ReminderRecord record) => (record.Bestuursnummer.Value, record.Rule);
}
