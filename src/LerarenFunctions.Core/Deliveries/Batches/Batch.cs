using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// A numbered batch of a delivery's valid rows: one register call, one queue message, one stored row. Its lifecycle:
/// open → completed (the register answered) or dead-lettered (given up), and dead-lettered → open again on a replay.
/// A batch answered after it was given up (a late success) is completed after all: the register applied it. Like
/// <see cref="Delivery"/>, every change returns the next state or null when it does not apply, and is written only
/// while the store still holds the state it was computed from.
/// </summary>
public sealed record Batch
{
    public required string DeliveryId { get; init; }

    public required int Number { get; init; }

    public required Bestuursnummer Bestuursnummer { get; init; }

    public required BatchState State { get; init; }

    /// <summary>How many rows the batch holds.</summary>
    public required int RowCount { get; init; }

    /// <summary>
    /// The rows, while the batch is open or dead-lettered (for a replay), until the retention removes them. Null when
    /// answered: rows with BSNs are kept no longer than needed. Also null when the store was asked for a summary only.
    /// </summary>
    public PackedRecords? Records { get; init; }

    /// <summary>The answer per row once completed or dead-lettered (<c>mislukt</c>); null before, or when not read.</summary>
    public IReadOnlyList<RegisterResultaat>? Results { get; init; }

    public int Registered { get; init; }

    public int RejectedByRegister { get; init; }

    public int Failed { get; init; }

    /// <summary>Attempts that failed so far (the register unavailable or answering outside its contract).</summary>
    public long FailedAttempts { get; init; }

    /// <summary>The last failed attempt's error, without personal data.</summary>
    public string? LastError { get; init; }

    /// <summary>When the next attempt is due, while the batch waits on its back-off: until then it is not stalled.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Why it was given up (a dead-letter reason code), while dead-lettered.</summary>
    public string? DeadLetterReason { get; init; }

    /// <summary>When the retention removed the rows of a dead-lettered batch that was never replayed; it cannot be replayed since.</summary>
    public DateTimeOffset? RecordsRemovedAt { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The last time anything happened or is due to happen: its last change, or its next attempt when later.</summary>
    public DateTimeOffset LastActivity => NextAttemptAt is { } next && next > ChangedAt ? next : ChangedAt;

    public static Batch Open(string deliveryId, int number, Bestuursnummer bestuursnummer, PackedRecords records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new()
        {
            DeliveryId = deliveryId,
            Number = number,
            Bestuursnummer = bestuursnummer,
            State = BatchState.Open,
            RowCount = records.Count,
            Records = records,
            ChangedAt = now,
        };
    }

    /// <summary>
    /// The batch as answered by the register, built from what its queue message carries: written only while the store
    /// holds the version the message was queued with, which is an open batch, so this equals <see cref="Answer"/>.
    /// </summary>
    public static Batch Answered(string deliveryId, int number, Bestuursnummer bestuursnummer, IReadOnlyList<RegisterResultaat> results, long failedAttempts, DateTimeOffset now) =>
        new Batch
        {
            DeliveryId = deliveryId,
            Number = number,
            Bestuursnummer = bestuursnummer,
            State = BatchState.Open,
            RowCount = results.Count,
            FailedAttempts = failedAttempts,
            ChangedAt = now,
        }.Answer(results, now)!;

    /// <summary>
    /// The register answered for every row: completed, the rows go and the answers stay. Also from dead-lettered: the
    /// register applied a batch that was given up (a late success), which is the truth the delivery must show.
    /// </summary>
    public Batch? Answer(IReadOnlyList<RegisterResultaat> results, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (State == BatchState.Completed)
        {
            return null;
        }

        return this with
        {
            State = BatchState.Completed,
            RowCount = results.Count,
            Records = null,
            Results = results,
            Registered = results.Count(r => r.Resultaat == RecordOutcome.Geregistreerd.ToContract()),
            RejectedByRegister = results.Count(r => r.Resultaat == RecordOutcome.Afgewezen.ToContract()),
            Failed = results.Count(r => r.Resultaat == RecordOutcome.Mislukt.ToContract()),
            NextAttemptAt = null,
            DeadLetterReason = null,
            RecordsRemovedAt = null,
            ChangedAt = now,
        };
    }

    /// <summary>
    /// Attempt <paramref name="attempt"/> failed; the next is due at <paramref name="nextAttemptAt"/>. Null when the batch
    /// is not open, or when another chain of attempts got as far already: only one chain goes on.
    /// </summary>
    public Batch? AttemptFailed(long attempt, string error, DateTimeOffset nextAttemptAt, DateTimeOffset now) =>
        State == BatchState.Open && attempt > FailedAttempts
            ? this with { FailedAttempts = attempt, LastError = error, NextAttemptAt = nextAttemptAt, ChangedAt = now }
            : null;

    /// <summary>Given up (attempts used up, or refused for good): every row <c>mislukt</c>, the rows kept for a replay.</summary>
    public Batch? GiveUp(string reason, long attempts, string? lastError, DateTimeOffset now)
    {
        if (State != BatchState.Open || Records is null)
        {
            return null;
        }

        var results = RegisterResults.Failed(Records.Unpack(), reason);
        return this with
        {
            State = BatchState.DeadLettered,
            Results = results,
            Registered = 0,
            RejectedByRegister = 0,
            Failed = results.Count,
            FailedAttempts = Math.Max(FailedAttempts, attempts),
            LastError = lastError ?? LastError,
            NextAttemptAt = null,
            DeadLetterReason = reason,
            ChangedAt = now,
        };
    }

    /// <summary>An operator replays a dead-lettered batch: open again with fresh attempts. Not once its rows are removed.</summary>
    public Batch? Reopen(DateTimeOffset now) =>
        State == BatchState.DeadLettered && Records is not null
            ? this with
            {
                State = BatchState.Open,
                Results = null,
                Failed = 0,
                FailedAttempts = 0,
                NextAttemptAt = null,
                DeadLetterReason = null,
                ChangedAt = now,
            }
            : null;

    /// <summary>An open batch that stopped moving is queued again; this marks it as moving, so it is not queued once more at once.</summary>
    public Batch? Requeued(DateTimeOffset now) =>
        State == BatchState.Open ? this with { NextAttemptAt = null, ChangedAt = now } : null;

    /// <summary>The retention removes the rows of a dead-lettered batch that was not replayed in time; its answers (<c>mislukt</c>) stay.</summary>
    public Batch? RemoveRecords(DateTimeOffset now) =>
        State == BatchState.DeadLettered && Records is not null ? this with { Records = null, RecordsRemovedAt = now, ChangedAt = now } : null;
}
