using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>A delivery's own terugmelding, as JSON for systems or as CSV for people.</summary>
public sealed class GetTerugmelding(IDeliveryStore deliveries, ITerugmeldingStore reports)
{
    /// <summary>Null when the delivery is unknown or has no terugmelding yet.</summary>
    public async Task<TerugmeldingDocument?> HandleAsync(string deliveryId, bool asCsv, CancellationToken cancellationToken)
    {
        if (await deliveries.GetAsync(deliveryId, cancellationToken) is not { } delivery
            || await reports.ReadAsync(delivery.Value.Terugmelding, cancellationToken) is not { } stored)
        {
            return null;
        }

        return asCsv
            ? new TerugmeldingDocument(TerugmeldingCsv.ToBytes(stored.Report), TerugmeldingCsv.ContentType)
            : new TerugmeldingDocument(TerugmeldingJson.ToBytes(stored.Report), TerugmeldingJson.ContentType);
    }

    /// <summary>Whether an <c>Accept</c> header asks for CSV rather than JSON.</summary>
    public static bool AcceptsCsv(string? accept) =>
        accept is not null && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A terugmelding as served: its bytes and their content type.</summary>
public sealed record TerugmeldingDocument(ReadOnlyMemory<byte> Content, string ContentType);
