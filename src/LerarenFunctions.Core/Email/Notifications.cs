using System.Globalization;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Email;

/// <summary>
/// The e-mails that follow from what happens to a board: a new contact person is told so (and the previous one that
/// they are not any more), and the contact person hears when a delivery's terugmelding is ready — after validation,
/// and again when forwarding is done. Each is queued in the outbox under an id made of what it is about, so an event
/// handled twice sends once. No BSN ever goes in: counts and a masked file name only.
/// </summary>
public sealed partial class Notifications(Outbox outbox, BoardLookup boards, IOptions<SupportOptions> support, TimeProvider time, ILogger<Notifications> logger)
{
    public const string ContactPersonConfirmed = "contactpersoon-bevestiging";
    public const string ContactPersonReplaced = "contactpersoon-afgemeld";
    public const string DeliveryValidated = "terugmelding-gevalideerd";
    public const string DeliveryCompleted = "terugmelding-afgerond";

    public async Task ContactPersonChangedAsync(Board before, Board after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (after.Contactpersoon is not { } person || person == before.Contactpersoon)
        {
            return;
        }

        var since = after.ContactpersoonSince ?? time.GetUtcNow();
        var stamp = since.UtcTicks.ToString(CultureInfo.InvariantCulture);
        var date = AmsterdamTime.Date(since).ToString("d MMMM yyyy", Dutch);
        await QueueAsync(after, person, $"{after.Bestuursnummer.Value}-{ContactPersonConfirmed}-{stamp}", ContactPersonConfirmed,
            "U bent contactpersoon voor de gegevenslevering aan het lerarenregister",
            new EmailBody()
                .Paragraph($"Beste {person.Naam},")
                .Paragraph($"{after.Naam} (bestuursnummer {after.Bestuursnummer.Value}) heeft u op {date} vastgelegd als contactpersoon voor de levering van de basisgegevens van zijn leraren aan het lerarenregister.")
                .Paragraph("U ontvangt voortaan de berichten over de aanleveringen van uw bestuur, en herinneringen als er iets van uw bestuur nodig is.")
                .Paragraph("Klopt dit niet? Neem dan contact op met de helpdesk hieronder."),
            cancellationToken);

        if (before.Contactpersoon is { } previous && previous.EmailAdres != person.EmailAdres)
        {
            await QueueAsync(after, previous, $"{after.Bestuursnummer.Value}-{ContactPersonReplaced}-{stamp}", ContactPersonReplaced,
                "U bent niet langer contactpersoon voor het lerarenregister",
                new EmailBody()
                    .Paragraph($"Beste {previous.Naam},")
                    .Paragraph($"{after.Naam} (bestuursnummer {after.Bestuursnummer.Value}) heeft op {date} een andere contactpersoon vastgelegd voor de gegevenslevering aan het lerarenregister. U ontvangt hierover geen berichten meer.")
                    .Paragraph("Klopt dit niet? Neem dan contact op met de helpdesk hieronder."),
                cancellationToken);
        }
    }

    /// <summary>The terugmelding of the validation is ready (trials included).</summary>
    public Task DeliveryValidatedAsync(Delivery delivery, Terugmelding report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(report);
        var c = delivery.Counts;
        var next = delivery.Status switch
        {
            DeliveryStatus.Proef => "Dit was een proeflevering: er is niets doorgestuurd naar het lerarenregister.",
            DeliveryStatus.Afgewezen => "Er is niets doorgestuurd naar het lerarenregister. Herstel het bestand aan de hand van de terugmelding en lever het opnieuw aan.",
            _ => "De goedgekeurde regels worden nu doorgestuurd naar het lerarenregister; u krijgt nog een bericht als dat klaar is.",
        };
        return DeliveryAsync(delivery, DeliveryValidated, DeliveryValidated, $"Terugmelding van uw aanlevering: {report.Status}", next,
            [$"Bestand: {PersonalData.MaskDigitRuns(delivery.FileName)}", $"Uitkomst: {report.Status}", $"Regels: {c.Rows}, goedgekeurd: {c.Accepted}, afgekeurd: {c.Rejected}"],
            cancellationToken);
    }

    /// <summary>
    /// Forwarding is done: the terugmelding has the register's answer for every row. A delivery closed again with fewer
    /// failed rows (a replay, a late success) tells it again, so the board never keeps an e-mail that says rows failed
    /// which were registered after all; the same close twice tells it once (the outbox id holds the failed count).
    /// </summary>
    public Task DeliveryCompletedAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var c = delivery.Counts;
        return DeliveryAsync(delivery, DeliveryCompleted, c.Failed == 0 ? DeliveryCompleted : $"{DeliveryCompleted}-{c.Failed}", "Uw aanlevering is verwerkt door het lerarenregister",
            c.Failed > 0
                ? "Een deel van de regels kon het lerarenregister niet bereiken; de beheerders bieden die opnieuw aan. De terugmelding zegt per regel wat er is gebeurd."
                : "De terugmelding zegt per regel wat het lerarenregister ermee heeft gedaan.",
            [$"Bestand: {PersonalData.MaskDigitRuns(delivery.FileName)}", $"Geregistreerd: {c.Registered}", $"Afgewezen door het register: {c.RejectedByRegister}", $"Mislukt: {c.Failed}"],
            cancellationToken);
    }

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    // The occasion names this e-mail among the delivery's (its outbox id): one e-mail per occasion.
    private async Task DeliveryAsync(Delivery delivery, string soort, string occasion, string subject, string next, string[] facts, CancellationToken cancellationToken)
    {
        if (await boards.GetAsync(delivery.Bestuursnummer, cancellationToken) is not { Contactpersoon: { } person } board)
        {
            // No contact person, nobody to tell: the reminders ask the board for one.
            return;
        }

        await QueueAsync(board, person, $"{delivery.Id}-{occasion}", soort, subject, delivery.Id,
            new EmailBody()
                .Paragraph($"Beste {person.Naam},")
                .Paragraph($"De terugmelding van aanlevering {delivery.Id} van {board.Naam} staat klaar.")
                .Facts(facts)
                .Paragraph(next)
                .Paragraph($"U leest de terugmelding via uw administratiesysteem of de beheerders (aanlevering {delivery.Id}); daarin staan per regel de meldingen, zonder burgerservicenummers."),
            cancellationToken);
    }

    /// <summary>
    /// Queues one e-mail. A failure to queue is logged, not thrown: the event it tells of (a validated delivery, a new
    /// contact person) has happened and is stored; its e-mail must not undo or repeat it.
    /// </summary>
    private Task QueueAsync(Board board, ContactPerson to, string id, string soort, string subject, EmailBody body, CancellationToken cancellationToken) =>
        QueueAsync(board, to, id, soort, subject, deliveryId: null, body, cancellationToken);

    private async Task QueueAsync(Board board, ContactPerson to, string id, string soort, string subject, string? deliveryId, EmailBody body, CancellationToken cancellationToken)
    {
        var (text, html) = body.Render(support.Value);
        try
        {
            await QueueAsync(board, to, id, soort, subject, text, html, deliveryId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotQueued(logger, ex, soort, board.Bestuursnummer.Value);
        }
    }

    private async Task QueueAsync(Board board, ContactPerson to, string id, string soort, string subject, string text, string html, string? deliveryId, CancellationToken cancellationToken) =>
        await outbox.QueueAsync(new OutboxMessage
        {
            Id = id,
            Bestuursnummer = board.Bestuursnummer,
            Soort = soort,
            To = to.EmailAdres,
            ToName = to.Naam,
            Subject = subject,
            Text = text,
            Html = html,
            CreatedAt = time.GetUtcNow(),
            DeliveryId = deliveryId,
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The e-mail {Soort} to the contact person of board {Bestuursnummer} could not be queued")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, string soort, string bestuursnummer);
}
