using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Reads where a delivery stands, for administration systems and operators. Right after an upload the delivery id is
/// known (the upload answer gives it) before the blob trigger has taken the file in: an upload it can see is answered
/// <c>ontvangen</c> rather than unknown, as long as it is recent enough to be taken in still
/// (<see cref="IntakeOptions.MissedUploadLookback"/>).
/// </summary>
public sealed partial class GetDeliveryStatus(IDeliveryStore deliveries, IBatchStore batches, IDeliveryFiles files, IOptions<IntakeOptions> intake, TimeProvider time)
{
    /// <summary>Null when no delivery and no upload has that id.</summary>
    public async Task<DeliveryStatusView?> HandleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (await deliveries.GetAsync(deliveryId, cancellationToken) is not { } stored)
        {
            return await FindUploadAsync(deliveryId, cancellationToken);
        }

        var delivery = stored.Value;
        if (delivery.Status == DeliveryStatus.Doorsturen)
        {
            // While forwarded, the counts live in the batches.
            var all = await batches.ListAsync(delivery.Id, withResults: false, cancellationToken);
            delivery = delivery with { Counts = BatchTally.Of(all.Select(b => b.Value)).ApplyTo(delivery.Counts) };
        }

        return DeliveryStatusView.From(delivery);
    }

    /// <summary>
    /// As <see cref="HandleAsync(string, CancellationToken)"/>, for a board's route: null too when the delivery is another
    /// board's, so its answer cannot be told from that of an id nobody has.
    /// </summary>
    public async Task<DeliveryStatusView?> HandleAsync(Bestuursnummer bestuursnummer, string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        if (!deliveryId.StartsWith(bestuursnummer.Value + "-", StringComparison.Ordinal))
        {
            return null;
        }

        var status = await HandleAsync(deliveryId, cancellationToken);
        return status?.Bestuursnummer == bestuursnummer.Value ? status : null;
    }

    /// <summary>An upload in the board's folder whose path and version give this id: one listing of that folder.</summary>
    private async Task<DeliveryStatusView?> FindUploadAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (!DeliveryIdFormat().IsMatch(deliveryId) || !Bestuursnummer.TryParseExact(deliveryId[..5], out var bestuursnummer))
        {
            return null;
        }

        var since = time.GetUtcNow() - intake.Value.MissedUploadLookback;
        await foreach (var file in files.ListBoardUploadsAsync(bestuursnummer, cancellationToken))
        {
            var path = DeliveryPath.Parse(file.Path);
            if (file.LastModified >= since && path.Problem == PathProblem.None && path.DeliveryId(file.Version) == deliveryId)
            {
                return DeliveryStatusView.Uploaded(deliveryId, bestuursnummer, path.FileName, file.LastModified);
            }
        }

        return null;
    }

    [GeneratedRegex("^[0-9]{5}-[0-9a-f]{24}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeliveryIdFormat();
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
    [property: JsonPropertyName("aantallen")] DeliveryCountsView Aantallen,
    [property: JsonPropertyName("terugmelding")] string? Terugmelding)
{
    /// <summary>Where a board reads this delivery (status and counts), below its own route.</summary>
    public static string StatusLink(Bestuursnummer bestuursnummer, string deliveryId) =>
        $"/api/besturen/{bestuursnummer.Value}/leveringen/{Uri.EscapeDataString(deliveryId)}";

    /// <summary>Where this delivery's own terugmelding is served (JSON, or CSV with <c>Accept: text/csv</c>), below its board's route.</summary>
    public static string TerugmeldingLink(Bestuursnummer bestuursnummer, string deliveryId) => StatusLink(bestuursnummer, deliveryId) + "/terugmelding";

    public static DeliveryStatusView From(Delivery d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Id,
            d.Bestuursnummer.Value,
            PersonalData.MaskDigitRuns(d.FileName),
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
                d.Counts.Failed),
            d.Status == DeliveryStatus.Ontvangen ? null : TerugmeldingLink(d.Bestuursnummer, d.Id));
    }

    /// <summary>An upload that is not taken in yet: <c>ontvangen</c>, nothing counted, no terugmelding yet.</summary>
    public static DeliveryStatusView Uploaded(string deliveryId, Bestuursnummer bestuursnummer, string fileName, DateTimeOffset uploadedAt) => new(
        deliveryId,
        bestuursnummer.Value,
        PersonalData.MaskDigitRuns(fileName),
        DeliveryStatus.Ontvangen.ToContract(),
        uploadedAt,
        null,
        null,
        new DeliveryCountsView(0, 0, 0, 0, 0, 0, 0),
        null);
}

public sealed record DeliveryCountsView(
    [property: JsonPropertyName("regels")] int Regels,
    [property: JsonPropertyName("goedgekeurd")] int Goedgekeurd,
    [property: JsonPropertyName("afgekeurd")] int Afgekeurd,
    [property: JsonPropertyName("doorgestuurd")] int Doorgestuurd,
    [property: JsonPropertyName("geregistreerd")] int Geregistreerd,
    [property: JsonPropertyName("afgewezenDoorRegister")] int AfgewezenDoorRegister,
    [property: JsonPropertyName("mislukt")] int Mislukt);
