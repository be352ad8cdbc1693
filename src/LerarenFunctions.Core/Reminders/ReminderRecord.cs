using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Reminders;

/// <summary>
/// What a board was sent under one rule: the period the reminders are about (a deadline, a delivery, a date) and the
/// number of the last one sent in it. Written after the e-mail is in the outbox, under the outbox id the number makes:
/// a run that stops in between finds the e-mail there and only writes this.
/// </summary>
/// <remarks>
/// <para><c>Period</c>: What the reminders of this period are about, e.g. <c>2027-08-01</c> or a delivery id.</para>
/// <para><c>Count</c>: The number of the last reminder sent in <paramref name="Period"/> (the escalation counts too).</para>
/// </remarks>
public sealed record ReminderRecord(Bestuursnummer Bestuursnummer, ReminderRule Rule, string Period, int Count, DateOnly LastSentOn)
{
    /// <summary>How many of <paramref name="period"/> were sent: 0 when the record is of another period.</summary>
    public int SentIn(string period) => Period == period ? Count : 0;
}
