using System.Globalization;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Reminders;

/// <summary>
/// The rules as plain decisions: given a board, what it delivered, what it was sent and today's date, which reminders
/// are due. No storage, no clock: the calendar tests walk a school year through these.
/// </summary>
public sealed class DueReminders(ReminderOptions options, IReadOnlyDictionary<Sector, DateOnly> sectorDeadlines, EmailAddress? helpdesk)
{
    /// <summary>The period of rule 1: the board's first invitation (it is imported once).</summary>
    public const string InvitationPeriod = "aanmelding";

    /// <summary>The reminders due for <paramref name="board"/> today, at most one per rule.</summary>
    public IEnumerable<Reminder> For(Board board, BoardDeliveries deliveries, IReadOnlyDictionary<ReminderRule, Stored<ReminderRecord>> records, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(records);
        if (board.Status == BoardStatus.Opgeheven)
        {
            yield break;
        }

        foreach (var reminder in new[]
        {
            NoContactPerson(board, records.GetValueOrDefault(ReminderRule.NoContactPerson), today),
            NoDelivery(board, deliveries, records.GetValueOrDefault(ReminderRule.NoDelivery), today),
            OpenErrors(board, deliveries, records.GetValueOrDefault(ReminderRule.OpenErrors), today),
            Statuut(board, records.GetValueOrDefault(ReminderRule.Statuut), today),
        })
        {
            if (reminder is not null)
            {
                yield return reminder;
            }
        }
    }

    /// <summary>The earliest day a delivery counts for <paramref name="deadline"/>.</summary>
    public DateOnly CountsFrom(DateOnly deadline) => deadline.AddDays(-options.NoDelivery.PeriodDays);

    /// <summary>How far back the completed deliveries must be read for a run today with these deadlines.</summary>
    public DateOnly ReadDeliveriesFrom(DateOnly today, IEnumerable<DateOnly> deadlines)
    {
        var openErrors = today.AddDays(-(options.OpenErrors.AfterDays + (options.OpenErrors.RepeatDays * options.OpenErrors.MaxCount) + 1));
        return deadlines.Select(CountsFrom).Append(openErrors).Min();
    }

    /// <summary>Rule 1: weekly to the board's own address from some days after its import, then once to the helpdesk.</summary>
    private Reminder? NoContactPerson(Board board, Stored<ReminderRecord>? record, DateOnly today)
    {
        var rule = options.NoContactPerson;
        if (!rule.Enabled || board.Contactpersoon is not null || today < AmsterdamTime.Date(board.ImportedAt).AddDays(rule.AfterDays))
        {
            return null;
        }

        var sent = record?.Value.SentIn(InvitationPeriod) ?? 0;
        if (sent > rule.MaxCount || (sent > 0 && today < record!.Value.LastSentOn.AddDays(rule.RepeatDays)))
        {
            return null;
        }

        // A board without an address of its own cannot be reminded: the helpdesk hears of it at once.
        var escalation = sent == rule.MaxCount || board.EmailAdres is null;
        var number = escalation ? rule.MaxCount + 1 : sent + 1;
        var to = escalation ? (EmailAddress.TryParse(rule.EscalationAddress, out var address) ? address : helpdesk) : board.EmailAdres;
        return new Reminder(board, ReminderRule.NoContactPerson, InvitationPeriod, number, escalation, to, escalation ? null : board.Naam, null, null, record);
    }

    /// <summary>Rule 2: no delivery that counts for the deadline: some days before it (the latest step reached), and once after.</summary>
    private Reminder? NoDelivery(Board board, BoardDeliveries deliveries, Stored<ReminderRecord>? record, DateOnly today)
    {
        var rule = options.NoDelivery;
        if (!rule.Enabled || board.Deadline(sectorDeadlines) is not { } deadline || deliveries.InProgress
            || (deliveries.LastForwardedReceivedAt is { } delivered && AmsterdamTime.Date(delivered) >= CountsFrom(deadline)))
        {
            return null;
        }

        var steps = rule.DaysBeforeList.Select(d => deadline.AddDays(-d)).Append(deadline.AddDays(rule.DaysAfter)).ToList();
        var reached = steps.FindLastIndex(step => step <= today) + 1;
        var period = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (reached == 0 || (record?.Value.SentIn(period) ?? 0) >= reached)
        {
            return null;
        }

        var (to, name) = Recipient(board);
        return new Reminder(board, ReminderRule.NoDelivery, period, reached, false, to, name, deadline, null, record);
    }

    /// <summary>Rule 3: the newest delivery's terugmelding has errors and nothing newer came: some days after, repeated a few times.</summary>
    private Reminder? OpenErrors(Board board, BoardDeliveries deliveries, Stored<ReminderRecord>? record, DateOnly today)
    {
        var rule = options.OpenErrors;
        if (!rule.Enabled || deliveries.InProgress || deliveries.Latest is not { HasErrors: true } latest)
        {
            return null;
        }

        var number = Repeated(record, latest.Id, AmsterdamTime.Date(latest.CompletedAt).AddDays(rule.AfterDays), rule.RepeatDays, rule.MaxCount, today);
        if (number is null)
        {
            return null;
        }

        var (to, name) = Recipient(board);
        return new Reminder(board, ReminderRule.OpenErrors, latest.Id, number.Value, false, to, name, null, latest, record);
    }

    /// <summary>Rule 4: from the date on, while the statuut is not <c>vastgesteld</c>, repeated a few times.</summary>
    private Reminder? Statuut(Board board, Stored<ReminderRecord>? record, DateOnly today)
    {
        var rule = options.Statuut;
        if (!rule.Enabled || rule.Date is not { } date || board.Statuut == StatuutState.Vastgesteld)
        {
            return null;
        }

        var period = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var number = Repeated(record, period, date, rule.RepeatDays, rule.MaxCount, today);
        if (number is null)
        {
            return null;
        }

        var (to, name) = Recipient(board);
        return new Reminder(board, ReminderRule.Statuut, period, number.Value, false, to, name, date, null, record);
    }

    /// <summary>The number due of a reminder that starts on <paramref name="first"/> and repeats; null when none is due today.</summary>
    private static int? Repeated(Stored<ReminderRecord>? record, string period, DateOnly first, int repeatDays, int maxCount, DateOnly today)
    {
        var sent = record?.Value.SentIn(period) ?? 0;
        if (today < first || sent >= maxCount || (sent > 0 && today < record!.Value.LastSentOn.AddDays(repeatDays)))
        {
            return null;
        }

        return sent + 1;
    }

    /// <summary>The contact person; without one, the board's own address.</summary>
    private static (EmailAddress? To, string? Name) Recipient(Board board) =>
        board.Contactpersoon is { } person ? (person.EmailAdres, person.Naam) : (board.EmailAdres, board.Naam);
}
