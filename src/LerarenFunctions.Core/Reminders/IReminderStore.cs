using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Reminders;

/// <summary>What each board was sent per rule: one record per board and rule. Loads and saves only; writes are conditional.</summary>
public interface IReminderStore
{
    Task<Stored<ReminderRecord>?> GetAsync(Bestuursnummer bestuursnummer, ReminderRule rule, CancellationToken cancellationToken);

    /// <summary>Adds the first record of a board and rule; null when one exists.</summary>
    Task<Stored<ReminderRecord>?> TryAddAsync(ReminderRecord record, CancellationToken cancellationToken);

    /// <summary>Replaces the record while it is still <paramref name="current"/>; null when it changed or is gone.</summary>
    Task<Stored<ReminderRecord>?> TryReplaceAsync(Stored<ReminderRecord> current, ReminderRecord next, CancellationToken cancellationToken);

    /// <summary>The records of one board, one per rule at most: one range query.</summary>
    IAsyncEnumerable<Stored<ReminderRecord>> ListAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken);

    /// <summary>Every record: one range query, a thousand per request.</summary>
    IAsyncEnumerable<Stored<ReminderRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Keeps what the latest run of the reminder timer found, replacing the one before: a run is daily and the latest
    /// one is what operators want to see, so the last writer wins.
    /// </summary>
    Task SaveLastRunAsync(ReminderRunSummary run, CancellationToken cancellationToken);

    /// <summary>What the latest run found; null before the first run. One read.</summary>
    Task<ReminderRunSummary?> GetLastRunAsync(CancellationToken cancellationToken);
}
