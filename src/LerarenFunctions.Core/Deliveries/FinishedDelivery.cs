using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// What the completion index keeps of a final delivery: enough for the reminders to see what a board delivered and
/// whether its terugmelding had errors, without reading the delivery itself. No file name, no BSN.
/// </summary>
public sealed record FinishedDelivery(
    string Id,
    Bestuursnummer Bestuursnummer,
    DeliveryStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset CompletedAt,
    DeliveryCounts Counts)
{
    /// <summary>The summary of a final delivery: the counts per row only (what the index keeps), not the batch counts.</summary>
    public static FinishedDelivery Of(Delivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var c = delivery.Counts;
        return new(delivery.Id, delivery.Bestuursnummer, delivery.Status, delivery.ReceivedAt, delivery.CompletedAt ?? delivery.ChangedAt, new DeliveryCounts
        {
            Rows = c.Rows,
            Accepted = c.Accepted,
            Rejected = c.Rejected,
            Registered = c.Registered,
            RejectedByRegister = c.RejectedByRegister,
            Failed = c.Failed,
        });
    }

    /// <summary>
    /// A real attempt to deliver: forwarded, or rejected as a whole. A trial is never forwarded and a <c>dubbel</c>
    /// repeats an earlier delivery, so neither counts.
    /// </summary>
    public bool IsAttempt => Status is DeliveryStatus.Afgerond or DeliveryStatus.Afgewezen;

    /// <summary>Something reached the register.</summary>
    public bool Forwarded => Status == DeliveryStatus.Afgerond && Counts.Accepted > 0;

    /// <summary>Its terugmelding has errors: rejected as a whole, rows rejected by us or the register, or rows that failed.</summary>
    public bool HasErrors => Status == DeliveryStatus.Afgewezen
        || (Status == DeliveryStatus.Afgerond && (Counts.Rejected > 0 || Counts.RejectedByRegister > 0 || Counts.Failed > 0));
}
