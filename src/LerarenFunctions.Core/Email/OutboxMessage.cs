using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Email;

/// <summary>Where an e-mail of the outbox stands.</summary>
public enum OutboxStatus
{
    /// <summary>Written, not yet accepted by the mail server; maybe being sent right now (see the lease).</summary>
    Wachtend,

    /// <summary>Accepted by the mail server. Final.</summary>
    Verzonden,

    /// <summary>Given up after its attempts: a dead letter operators can see. Final.</summary>
    Mislukt,
}

/// <summary>
/// An e-mail in the outbox: written before it is sent, so nothing is lost, and sent by whoever holds its lease, so it
/// is not sent twice. The message owns its transitions; each returns null when it does not apply.
/// </summary>
public sealed record OutboxMessage
{
    /// <summary>The outbox id: deterministic where the sender must be idempotent (a reminder per board, rule and period).</summary>
    public required string Id { get; init; }

    public required Bestuursnummer Bestuursnummer { get; init; }

    /// <summary>What kind of message it is, e.g. <c>contactpersoon-bevestiging</c>: for operators and statistics.</summary>
    public required string Soort { get; init; }

    public required EmailAddress To { get; init; }

    public string? ToName { get; init; }

    public required string Subject { get; init; }

    /// <summary>The plain-text body; emptied once sent (the outbox keeps no more than it needs).</summary>
    public string Text { get; init; } = "";

    /// <summary>The HTML body; emptied once sent.</summary>
    public string Html { get; init; } = "";

    public OutboxStatus Status { get; init; }

    public int Attempts { get; init; }

    /// <summary>Not before then: the back-off after a failed attempt.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>An attempt holds the message until then; after it, another may take it over.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Why the last attempt failed (the mail server's answer, no addresses).</summary>
    public string? LastError { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>When it was given up (<see cref="OutboxStatus.Mislukt"/>): its retention counts from then.</summary>
    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>The delivery this e-mail tells about, when it is about one; its send is a span of that delivery's trace.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the work that queued the e-mail, so its send continues that trace; null for a
    /// message written before it was kept, or when nothing was traced.
    /// </summary>
    public string? TraceParent { get; init; }

    public bool IsFinal => Status != OutboxStatus.Wachtend;

    /// <summary>The e-mail as the sender sends it.</summary>
    public EmailMessage ToEmail() => new(Id, To, ToName, Subject, Text, Html);

    /// <summary>Whether an attempt may start now: waiting, its back-off over, no lease of another attempt running.</summary>
    public bool IsDue(DateTimeOffset now) =>
        Status == OutboxStatus.Wachtend && (NextAttemptAt is null || NextAttemptAt <= now) && (LeaseUntil is null || LeaseUntil <= now);

    /// <summary>An attempt takes the message for <paramref name="lease"/>; null when it is not due.</summary>
    public OutboxMessage? Take(DateTimeOffset now, TimeSpan lease) =>
        IsDue(now) ? this with { Attempts = Attempts + 1, LeaseUntil = now + lease } : null;

    /// <summary>The mail server accepted it: final; the bodies go.</summary>
    public OutboxMessage? Sent(DateTimeOffset now) =>
        Status == OutboxStatus.Wachtend ? this with { Status = OutboxStatus.Verzonden, SentAt = now, LeaseUntil = null, NextAttemptAt = null, Text = "", Html = "" } : null;

    /// <summary>The attempt failed: wait <paramref name="backOff"/>, or give up when it was the last.</summary>
    public OutboxMessage? Failed(string error, DateTimeOffset now, TimeSpan backOff, int maxAttempts) => Status != OutboxStatus.Wachtend
        ? null
        : Attempts >= maxAttempts
            ? this with { Status = OutboxStatus.Mislukt, FailedAt = now, LastError = error, LeaseUntil = null, NextAttemptAt = null }
            : this with { LastError = error, LeaseUntil = null, NextAttemptAt = now + backOff };
}
