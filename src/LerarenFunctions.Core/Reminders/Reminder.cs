using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Reminders;

/// <summary>
/// One reminder that is due: for a board, under a rule, the <paramref name="Number"/>th of its period. Its outbox id
/// is made of exactly that, so however often it is sent (a double fire, two instances, a run that stopped) the outbox
/// takes it once.
/// </summary>
/// <remarks>
/// <para><c>Escalation</c>: Not to the board but to the helpdesk: the board did not answer the reminders.</para>
/// <para><c>To</c>: Null when the board has no address to send it to (the dry run says so; nothing is sent).</para>
/// <para><c>Deadline</c>: For <see cref="ReminderRule.NoDelivery"/>: the deadline it is about.</para>
/// <para><c>Delivery</c>: For <see cref="ReminderRule.OpenErrors"/>: the delivery whose errors are open.</para>
/// <para><c>Previous</c>: The record of the board and rule as read, for the conditional write after sending.</para>
/// </remarks>
public sealed record Reminder(
    Board Board,
    ReminderRule Rule,
    string Period,
    int Number,
    bool Escalation,
    EmailAddress? To,
    string? ToName,
    DateOnly? Deadline,
    FinishedDelivery? Delivery,
    Stored<ReminderRecord>? Previous)
{
    public Bestuursnummer Bestuursnummer => Board.Bestuursnummer;

    /// <summary>The outbox id: board, rule, period and number.</summary>
    public string OutboxId => $"{Bestuursnummer.Value}-herinnering-{Rule.ToContract()}-{Period}-{Number}";

    /// <summary>The kind of e-mail, as the outbox and operators see it.</summary>
    public string Soort => $"herinnering-{Rule.ToContract()}{(Escalation ? "-escalatie" : "")}";

    /// <summary>What is recorded once it is in the outbox.</summary>
    public ReminderRecord Record(DateOnly today) => new(Bestuursnummer, Rule, Period, Number, today);
}
