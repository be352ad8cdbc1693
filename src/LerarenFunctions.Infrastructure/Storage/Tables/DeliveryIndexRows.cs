using Azure.Data.Tables;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Tables;

/// <summary>
/// The summary of a delivery that both its own row and its completion index row carry, under the same property names:
/// enough for the reminders to read what a board delivered from the index alone. Written and read only here, so the
/// two rows cannot drift apart. Nothing in it names a file or a person.
/// </summary>
internal static class DeliveryIndexRows
{
    private const string Status = "Status";
    private const string CompletedAtProperty = "AfgerondOp";

    /// <summary>Writes the summary of <paramref name="delivery"/> into <paramref name="entity"/>.</summary>
    public static TableEntity WriteSummary(TableEntity entity, Delivery delivery)
    {
        entity["Bestuursnummer"] = delivery.Bestuursnummer.Value;
        entity[Status] = delivery.Status.ToContract();
        entity["OntvangenOp"] = delivery.ReceivedAt;
        entity[CompletedAtProperty] = delivery.CompletedAt;
        entity["AantalRegels"] = delivery.Counts.Rows;
        entity["AantalGoedgekeurd"] = delivery.Counts.Accepted;
        entity["AantalAfgekeurd"] = delivery.Counts.Rejected;
        entity["AantalGeregistreerd"] = delivery.Counts.Registered;
        entity["AantalAfgewezenDoorRegister"] = delivery.Counts.RejectedByRegister;
        entity["AantalMislukt"] = delivery.Counts.Failed;
        return entity;
    }

    /// <summary>
    /// The summary as written by <see cref="WriteSummary"/>. The counts it does not keep (batches, forwarded) are 0,
    /// whichever row it is read from, so a listing gives the same whether it read the index or the delivery.
    /// </summary>
    public static FinishedDelivery ReadSummary(string deliveryId, TableEntity row) => new(
        deliveryId,
        Bestuursnummer.Parse(row.GetString("Bestuursnummer")),
        Enum.Parse<DeliveryStatus>(row.GetString(Status), ignoreCase: true),
        row.GetDateTimeOffset("OntvangenOp") ?? DateTimeOffset.UnixEpoch,
        CompletedAt(row) ?? DateTimeOffset.UnixEpoch,
        new DeliveryCounts
        {
            Rows = row.GetInt32("AantalRegels") ?? 0,
            Accepted = row.GetInt32("AantalGoedgekeurd") ?? 0,
            Rejected = row.GetInt32("AantalAfgekeurd") ?? 0,
            Registered = row.GetInt32("AantalGeregistreerd") ?? 0,
            RejectedByRegister = row.GetInt32("AantalAfgewezenDoorRegister") ?? 0,
            Failed = row.GetInt32("AantalMislukt") ?? 0,
        });

    /// <summary>When the delivery became final; null while it is not.</summary>
    public static DateTimeOffset? CompletedAt(TableEntity row) => row.GetDateTimeOffset(CompletedAtProperty);

    /// <summary>Completion rows written before they kept a summary carry only their key.</summary>
    public static bool HasSummary(TableEntity row) => row.GetString(Status) is not null;

    /// <summary>Whether the two would write the same summary: if so, a completion row written for the one holds for the other.</summary>
    public static bool SameSummary(Delivery a, Delivery b)
    {
        var (x, y) = (WriteSummary(new TableEntity(), a), WriteSummary(new TableEntity(), b));
        return x.Keys.All(name => Equals(x[name], y[name]));
    }
}
