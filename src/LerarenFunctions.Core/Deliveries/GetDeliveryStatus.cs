using System.Text.Json.Serialization;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>Reads where a delivery stands, for administration systems and operators.</summary>
public sealed class GetDeliveryStatus(IDeliveryStore store)
{
    /// <summary>Null when no delivery has that id.</summary>
    public async Task<DeliveryStatusView?> HandleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await store.FindAsync(deliveryId, cancellationToken);
        return delivery is null ? null : DeliveryStatusView.From(await store.WithForwardingCountsAsync(delivery, cancellationToken));
    }
}

/// <summary>The Dutch JSON contract of a delivery's status.</summary>
public sealed record DeliveryStatusView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("bestuursnummer")] string Bestuursnummer,
    [property: JsonPropertyName("bestand")] string Bestand,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ontvangenOp")] DateTimeOffset OntvangenOp,
    [property: JsonPropertyName("afgerondOp")] DateTimeOffset? AfgerondOp,
    [property: JsonPropertyName("reden")] string? Reden,
    [property: JsonPropertyName("aantallen")] DeliveryCountsView Aantallen)
{
    public static DeliveryStatusView From(Delivery d) => new(
        d.Id,
        d.Bestuursnummer.Value,
        d.FileName,
        d.Status.ToContract(),
        d.ReceivedAt,
        d.CompletedAt,
        d.Reason,
        new DeliveryCountsView(
            d.Counts.Rows,
            d.Counts.Accepted,
            d.Counts.Rejected,
            d.Counts.Forwarded,
            d.Counts.Registered,
            d.Counts.RejectedByRegister,
            d.Counts.Failed));
}

public sealed record DeliveryCountsView(
    [property: JsonPropertyName("regels")] int Regels,
    [property: JsonPropertyName("goedgekeurd")] int Goedgekeurd,
    [property: JsonPropertyName("afgekeurd")] int Afgekeurd,
    [property: JsonPropertyName("doorgestuurd")] int Doorgestuurd,
    [property: JsonPropertyName("geregistreerd")] int Geregistreerd,
    [property: JsonPropertyName("afgewezenDoorRegister")] int AfgewezenDoorRegister,
    [property: JsonPropertyName("mislukt")] int Mislukt);
