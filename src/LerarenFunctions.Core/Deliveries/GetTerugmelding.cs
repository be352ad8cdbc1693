using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>A delivery's own terugmelding, as JSON for systems or as CSV for people.</summary>
public sealed class GetTerugmelding(IDeliveryStore deliveries, ITerugmeldingStore reports)
{
    /// <summary>Null when the delivery is unknown or has no terugmelding yet.</summary>
    public async Task<TerugmeldingDocument?> HandleAsync(string deliveryId, bool asCsv, CancellationToken cancellationToken) =>
        await deliveries.GetAsync(deliveryId, cancellationToken) is { } delivery ? await ReadAsync(delivery.Value, asCsv, cancellationToken) : null;

    /// <summary>
    /// As <see cref="HandleAsync(string, bool, CancellationToken)"/>, for a board's route: null too when the delivery is
    /// another board's, so its answer cannot be told from that of an id nobody has.
    /// </summary>
    public async Task<TerugmeldingDocument?> HandleAsync(Bestuursnummer bestuursnummer, string deliveryId, bool asCsv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return deliveryId.StartsWith(bestuursnummer.Value + "-", StringComparison.Ordinal)
            && await deliveries.GetAsync(deliveryId, cancellationToken) is { } delivery
            && delivery.Value.Bestuursnummer == bestuursnummer
            ? await ReadAsync(delivery.Value, asCsv, cancellationToken)
            : null;
    }

    private async Task<TerugmeldingDocument?> ReadAsync(Delivery delivery, bool asCsv, CancellationToken cancellationToken)
    {
        if (await reports.ReadAsync(delivery.Terugmelding, cancellationToken) is not { } stored)
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
