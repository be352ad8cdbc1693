namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// A value as a store holds it, with the version it had when it was read. Every change of the lifecycle is computed
/// from a stored value and written only while the store still holds that version: a writer that finds it changed reads
/// again and decides again, so two writers never overwrite each other's decision (one closer wins, a late run loses).
/// </summary>
/// <param name="Value">The value as read.</param>
/// <param name="Version">The store's version of it (an ETag), for the conditional write of the next state.</param>
public sealed record Stored<T>(T Value, string Version)
    where T : notnull;

/// <summary>How often a use case reads again and decides again after another writer changed what it read.</summary>
public static class Conflicts
{
    /// <summary>
    /// A handful: the writers of one delivery are few (its batches, a closer, the periodic check, an operator), and
    /// after this many conflicts in a row the work is left to the next trigger or the periodic check instead of looping.
    /// </summary>
    public const int MaxRetries = 5;
}

/// <summary>Another writer kept changing the same row; the work is left to a later run.</summary>
public sealed class WriteConflictException(string message) : Exception(message);
