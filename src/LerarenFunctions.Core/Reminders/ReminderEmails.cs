using System.Globalization;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Reminders;

/// <summary>The reminders' e-mails, in Dutch: what is asked, by when, and how to get help. No BSN, no file name.</summary>
public sealed class ReminderEmails(IOptions<ReminderOptions> options, IOptions<SupportOptions> support)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The outbox message of <paramref name="reminder"/>; its address must be known.</summary>
    public OutboxMessage Message(Reminder reminder, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var (subject, body) = Content(reminder, today);
        var (text, html) = body.Render(support.Value);
        return new OutboxMessage
        {
            Id = reminder.OutboxId,
            Bestuursnummer = reminder.Bestuursnummer,
            Soort = reminder.Soort,
            To = reminder.To ?? throw new ArgumentException("A reminder without an address is not sent.", nameof(reminder)),
            ToName = reminder.ToName,
            Subject = subject,
            Text = text,
            Html = html,
            CreatedAt = now,
        };
    }

    /// <summary>The subject alone, for the dry run.</summary>
    public string Subject(Reminder reminder, DateOnly today) => Content(reminder, today).Subject;

    private (string Subject, EmailBody Body) Content(Reminder reminder, DateOnly today)
    {
        var board = reminder.Board;
        var who = $"{board.Naam} (bestuursnummer {board.Bestuursnummer.Value})";
        var greeting = $"Beste {reminder.ToName ?? board.Naam},";
        return reminder switch
        {
            { Rule: ReminderRule.NoContactPerson, Escalation: true } => (
                $"Bestuur {board.Bestuursnummer.Value} heeft geen contactpersoon voor het lerarenregister",
                new EmailBody()
                    .Paragraph("Beste collega's van de helpdesk,")
                    .Paragraph(board.EmailAdres is null
                        ? $"{who} heeft nog geen contactpersoon voor de gegevenslevering opgegeven, en wij hebben geen e-mailadres van het bestuur om het te herinneren."
                        : $"{who} heeft na {options.Value.NoContactPerson.MaxCount} herinneringen nog geen contactpersoon voor de gegevenslevering opgegeven.")
                    .Facts(
                        $"Bestuur: {who}",
                        $"Plaats: {board.Plaatsnaam ?? "onbekend"}",
                        $"Opgenomen in het register van besturen: {Date(AmsterdamDate(board.ImportedAt))}",
                        $"E-mailadres van het bestuur: {board.EmailAdres?.Value ?? "onbekend"}")
                    .Paragraph("Wilt u contact opnemen met het bestuur?")),
            { Rule: ReminderRule.NoContactPerson } => (
                "Herinnering: geef een contactpersoon op voor het lerarenregister",
                new EmailBody()
                    .Paragraph(greeting)
                    .Paragraph($"{who} heeft nog geen contactpersoon opgegeven voor de levering van de basisgegevens van zijn leraren aan het lerarenregister.")
                    .Paragraph("De contactpersoon ontvangt de berichten over de aanleveringen van uw bestuur en de herinneringen. Geef de contactpersoon op via uw administratiesysteem, of neem contact op met de helpdesk hieronder.")
                    .Paragraph($"Dit is herinnering {reminder.Number} van {options.Value.NoContactPerson.MaxCount}.")),
            { Rule: ReminderRule.NoDelivery, Deadline: { } deadline } when today <= deadline => (
                $"Herinnering: lever uiterlijk {Date(deadline)} de gegevens van uw leraren aan",
                new EmailBody()
                    .Paragraph(greeting)
                    .Paragraph($"{who} heeft nog geen gegevens van zijn leraren aan het lerarenregister geleverd. De uiterste datum is {Date(deadline)}; dat is over {deadline.DayNumber - today.DayNumber} dagen.")
                    .Paragraph("Lever het bestand met de basisgegevens van uw leraren aan via uw administratiesysteem of als bestand. Een proeflevering laat eerst zien of het bestand in orde is, zonder iets door te sturen.")),
            { Rule: ReminderRule.NoDelivery, Deadline: { } deadline } => (
                $"Uw bestuur heeft de gegevens van zijn leraren niet voor {Date(deadline)} aangeleverd",
                new EmailBody()
                    .Paragraph(greeting)
                    .Paragraph($"De uiterste datum voor de levering van de basisgegevens van de leraren van {who} was {Date(deadline)}. Wij hebben nog geen levering ontvangen.")
                    .Paragraph("Lever het bestand zo snel mogelijk aan. Lukt dat niet, neem dan contact op met de helpdesk hieronder.")),
            { Rule: ReminderRule.OpenErrors, Delivery: { } delivery } => (
                "Herinnering: de terugmelding van uw aanlevering bevat fouten",
                new EmailBody()
                    .Paragraph(greeting)
                    .Paragraph($"De terugmelding van aanlevering {delivery.Id} van {who} bevat fouten, en er is daarna geen nieuwe aanlevering gekomen.")
                    .Facts(Facts(delivery))
                    .Paragraph("Herstel de gegevens aan de hand van de terugmelding en lever opnieuw aan; alleen de herstelde regels zijn nodig.")
                    .Paragraph($"Dit is herinnering {reminder.Number} van {options.Value.OpenErrors.MaxCount}.")),
            { Rule: ReminderRule.Statuut, Deadline: { } date } => (
                "Herinnering: het professioneel statuut van uw bestuur is nog niet vastgesteld",
                new EmailBody()
                    .Paragraph(greeting)
                    .Paragraph($"Volgens onze gegevens is het professioneel statuut van {who} nog niet vastgesteld (stand: {board.Statuut.ToContract()}). Het moest op {Date(date)} vastgesteld zijn.")
                    .Paragraph("Is het statuut inmiddels vastgesteld? Geef dat dan met de datum door aan de helpdesk hieronder.")),
            _ => throw new ArgumentException($"No e-mail for rule {reminder.Rule}.", nameof(reminder)),
        };
    }

    private static string[] Facts(FinishedDelivery delivery) =>
    [
        $"Aanlevering: {delivery.Id}",
        $"Afgerond op: {Date(AmsterdamDate(delivery.CompletedAt))}",
        $"Uitkomst: {(delivery.Status == DeliveryStatus.Afgewezen ? TerugmeldingStatus.Afgewezen : TerugmeldingStatus.Gedeeltelijk)}",
        $"Regels: {delivery.Counts.Rows}, afgekeurd: {delivery.Counts.Rejected}, afgewezen door het register: {delivery.Counts.RejectedByRegister}, mislukt: {delivery.Counts.Failed}",
    ];

    private static DateOnly AmsterdamDate(DateTimeOffset at) => Domain.AmsterdamTime.Date(at);

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);
}
