using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Reminders;

/// <summary>The reminder timer's dry run: who would get what on a day (today unless given), without sending or recording.</summary>
public sealed class PreviewReminders(ReminderPlan plan, ReminderEmails emails, TimeProvider time)
{
    public async Task<ReminderPreview> HandleAsync(DateOnly? date, CancellationToken cancellationToken)
    {
        var day = date ?? AmsterdamTime.Today(time);
        var due = await plan.DueAsync(day, cancellationToken);
        return new ReminderPreview(day, [.. due
            .OrderBy(r => r.Bestuursnummer.Value, StringComparer.Ordinal)
            .ThenBy(r => r.Rule)
            .Select(r => new ReminderPreviewLine(
                r.Bestuursnummer.Value,
                r.Board.Naam,
                r.Rule.ToContract(),
                r.Number,
                r.Escalation,
                r.To?.Value,
                emails.Subject(r, day)))]);
    }
}

/// <summary>The dry run's answer (the contract's words: it is read by operators).</summary>
public sealed record ReminderPreview(DateOnly Datum, IReadOnlyList<ReminderPreviewLine> Herinneringen);

/// <remarks>
/// <para><c>Aan</c>: The address it would go to; null: none known, it would not be sent.</para>
/// </remarks>
public sealed record ReminderPreviewLine(string Bestuursnummer, string Naam, string Regel, int Nummer, bool Escalatie, string? Aan, string Onderwerp);
