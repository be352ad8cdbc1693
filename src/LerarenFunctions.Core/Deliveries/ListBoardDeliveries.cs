using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// A board's deliveries, newest first, a page at a time, optionally of one status. A board has tens of deliveries a
/// year and they are kept about thirteen months, so its whole range is read (one request per thousand) and ordered
/// here; the continuation token says where the next page starts in that order.
/// </summary>
public sealed class ListBoardDeliveries(IDeliveryStore deliveries)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Null when <paramref name="continuation"/> is not a token this gave out.</summary>
    public async Task<DeliveryPage?> HandleAsync(Bestuursnummer bestuursnummer, DeliveryStatus? status, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        (long Ticks, string Id)? after = null;
        if (continuation is not null)
        {
            if (Position.TryRead(continuation) is not { } position)
            {
                return null;
            }

            after = position;
        }

        var all = new List<Delivery>();
        await foreach (var delivery in deliveries.ListByBoardAsync(bestuursnummer, cancellationToken))
        {
            if (status is null || delivery.Status == status)
            {
                all.Add(delivery);
            }
        }

        var ordered = all
            .OrderByDescending(d => d.ReceivedAt.UtcTicks)
            .ThenByDescending(d => d.Id, StringComparer.Ordinal)
            .SkipWhile(d => after is { } a && !IsAfter(d, a))
            .Take(pageSize + 1)
            .ToList();
        var page = ordered.Take(pageSize).ToList();
        return new DeliveryPage(
            [.. page.Select(DeliveryStatusView.From)],
            ordered.Count > pageSize ? Position.Write(page[^1]) : null);
    }

    /// <summary>Whether <paramref name="delivery"/> comes after the position in the order (newest first, then id descending).</summary>
    private static bool IsAfter(Delivery delivery, (long Ticks, string Id) position) =>
        delivery.ReceivedAt.UtcTicks < position.Ticks
        || (delivery.ReceivedAt.UtcTicks == position.Ticks && string.CompareOrdinal(delivery.Id, position.Id) < 0);

    /// <summary>The continuation token: the last item's place in the order, opaque to callers.</summary>
    private static class Position
    {
        public static string Write(Delivery last) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{last.ReceivedAt.UtcTicks}|{last.Id}")))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (long Ticks, string Id)? TryRead(string token)
        {
            try
            {
                var base64 = token.Replace('-', '+').Replace('_', '/');
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
                var parts = text.Split('|');
                return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && parts[1].Length > 0
                    ? (ticks, parts[1])
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}

/// <summary>A page of a board's deliveries (the Dutch contract), with the token of the next page when there is one.</summary>
public sealed record DeliveryPage(
    [property: JsonPropertyName("leveringen")] IReadOnlyList<DeliveryStatusView> Leveringen,
    [property: JsonPropertyName("vervolg")] string? Vervolg);
