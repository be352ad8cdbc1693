using System.Text.Json.Serialization;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Reminders;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Boards;

/// <summary>
/// Where a board stands, for the board itself and the support desk: whether it named a contact person, its newest
/// delivery, whether its terugmelding has errors still open, the deadline that applies and the reminders it was sent.
/// Three reads: the board, its deliveries (one range), its reminder records (one range).
/// </summary>
public sealed class GetBoardState(IBoardStore boards, IDeliveryStore deliveries, IReminderStore reminders, IOptions<BoardOptions> options, TimeProvider time)
{
    /// <summary>Null when the registry does not know the board.</summary>
    public async Task<BoardStateView?> HandleAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken)
    {
        if (await boards.GetAsync(bestuursnummer, cancellationToken) is not { Value: var board })
        {
            return null;
        }

        var all = new List<Delivery>();
        await foreach (var delivery in deliveries.ListByBoardAsync(bestuursnummer, cancellationToken))
        {
            all.Add(delivery);
        }

        var newest = all.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id, StringComparer.Ordinal).FirstOrDefault();
        var summary = BoardDeliveries.Of(
            all.Where(d => d.Status.IsFinal()).Select(FinishedDelivery.Of),
            all.Where(d => !d.Status.IsFinal() && !d.IsTrial).Select(d => d.Bestuursnummer));
        var openErrors = summary.TryGetValue(bestuursnummer, out var known) && !known.InProgress && known.Latest is { HasErrors: true } latest ? latest.Id : null;

        var sent = new List<ReminderSentView>();
        await foreach (var record in reminders.ListAsync(bestuursnummer, cancellationToken))
        {
            sent.Add(new ReminderSentView(record.Value.Rule.ToContract(), record.Value.Period, record.Value.Count, record.Value.LastSentOn));
        }

        var deadline = board.Deadline(options.Value.SectorDeadlines);
        return new BoardStateView(
            board.Bestuursnummer.Value,
            board.Naam,
            board.Status.ToContract(),
            board.Contactpersoon is not null,
            deadline,
            deadline is { } d ? d.DayNumber - AmsterdamTime.Today(time).DayNumber : null,
            newest is null ? null : DeliveryStatusView.From(newest),
            openErrors,
            [.. sent.OrderBy(s => s.Regel, StringComparer.Ordinal)]);
    }
}

/// <summary>A board's state (the Dutch contract).</summary>
/// <remarks>
/// <para><c>DagenTotDeadline</c>: negative once the deadline has passed.</para>
/// <para><c>OpenFouten</c>: the id of the newest delivery when its terugmelding has errors and nothing newer came.</para>
/// </remarks>
public sealed record BoardStateView(
    [property: JsonPropertyName("bestuursnummer")] string Bestuursnummer,
    [property: JsonPropertyName("naam")] string Naam,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("contactpersoonIngesteld")] bool ContactpersoonIngesteld,
    [property: JsonPropertyName("deadline")] DateOnly? Deadline,
    [property: JsonPropertyName("dagenTotDeadline")] int? DagenTotDeadline,
    [property: JsonPropertyName("laatsteLevering")] DeliveryStatusView? LaatsteLevering,
    [property: JsonPropertyName("openFouten")] string? OpenFouten,
    [property: JsonPropertyName("herinneringen")] IReadOnlyList<ReminderSentView> Herinneringen);

/// <summary>What a board was sent under one rule: the period, how many, the last one's date.</summary>
public sealed record ReminderSentView(
    [property: JsonPropertyName("regel")] string Regel,
    [property: JsonPropertyName("periode")] string Periode,
    [property: JsonPropertyName("aantal")] int Aantal,
    [property: JsonPropertyName("laatstVerzondenOp")] DateOnly LaatstVerzondenOp);
