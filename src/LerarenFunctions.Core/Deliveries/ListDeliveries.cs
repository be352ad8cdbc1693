using System.Text.Json.Serialization;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Deliveries across boards, for operators: the finished ones of a span of Dutch days from the completion index (its
/// rows carry each delivery's summary: a page costs one request, never a read per delivery), optionally of one final
/// status, oldest first and paged; or, asked for a status of an unfinished delivery, every delivery under way.
/// </summary>
public sealed class ListDeliveries(IDeliveryStore deliveries)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public async Task<DeliveryOverview> HandleAsync(DateOnly from, DateOnly through, DeliveryStatus? status, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        if (status is { } wanted && !wanted.IsFinal())
        {
            var underWay = new List<DeliveryOverviewItem>();
            await foreach (var stored in deliveries.ListUnfinishedAsync(cancellationToken))
            {
                if (stored.Value.Status == wanted)
                {
                    underWay.Add(DeliveryOverviewItem.From(FinishedDelivery.Of(stored.Value) with { CompletedAt = default }, completed: false));
                }
            }

            return new DeliveryOverview([.. underWay.OrderBy(d => d.OntvangenOp)], null);
        }

        var page = await deliveries.ListFinishedPageAsync(AmsterdamTime.StartOf(from), AmsterdamTime.StartOf(through.AddDays(1)), continuation, pageSize, cancellationToken);
        return new DeliveryOverview(
            [.. page.Items.Where(d => status is null || d.Status == status).Select(d => DeliveryOverviewItem.From(d, completed: true))],
            page.Continuation);
    }
}

/// <summary>A page of the operators' overview (the Dutch contract): <c>vervolg</c> is the next page's token.</summary>
public sealed record DeliveryOverview(
    [property: JsonPropertyName("aanleveringen")] IReadOnlyList<DeliveryOverviewItem> Aanleveringen,
    [property: JsonPropertyName("vervolg")] string? Vervolg);

/// <summary>One delivery in the overview: what the completion index keeps of it (no file name, no person).</summary>
public sealed record DeliveryOverviewItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("bestuursnummer")] string Bestuursnummer,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ontvangenOp")] DateTimeOffset OntvangenOp,
    [property: JsonPropertyName("afgerondOp")] DateTimeOffset? AfgerondOp,
    [property: JsonPropertyName("regels")] int Regels,
    [property: JsonPropertyName("goedgekeurd")] int Goedgekeurd,
    [property: JsonPropertyName("afgekeurd")] int Afgekeurd,
    [property: JsonPropertyName("geregistreerd")] int Geregistreerd,
    [property: JsonPropertyName("afgewezenDoorRegister")] int AfgewezenDoorRegister,
    [property: JsonPropertyName("mislukt")] int Mislukt)
{
    public static DeliveryOverviewItem From(FinishedDelivery d, bool completed)
    {
        ArgumentNullException.ThrowIfNull(d);
        var c = d.Counts;
        return new(d.Id, d.Bestuursnummer.Value, d.Status.ToContract(), d.ReceivedAt, completed ? d.CompletedAt : null,
            c.Rows, c.Accepted, c.Rejected, c.Registered, c.RejectedByRegister, c.Failed);
    }
}
