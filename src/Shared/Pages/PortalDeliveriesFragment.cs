using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The board's deliveries, newest first, with status and counts and a progress bar while one is forwarded: part of
/// the board's page and, on its own, what the page's script fetches to refresh it (<c>GET /portaal/leveringen</c>).
/// </summary>
internal static class PortalDeliveriesFragment
{
    /// <summary>The query parameter with the id of a file just uploaded, shown before the trigger has taken it in.</summary>
    public const string ReceivedParameter = "ontvangen";

    /// <summary>
    /// The table's HTML, and whether nothing in it moves any more (the script then stops). Reads one range of the
    /// board's deliveries, and the batches of each one being forwarded for its live counts.
    /// </summary>
    public static async Task<(string Html, bool Finished)> RenderAsync(
        Bestuursnummer board, string? received, ListBoardDeliveries listBoardDeliveries, GetDeliveryStatus getDeliveryStatus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listBoardDeliveries);
        ArgumentNullException.ThrowIfNull(getDeliveryStatus);
        var page = await listBoardDeliveries.HandleAsync(board, null, null, ListBoardDeliveries.DefaultPageSize, cancellationToken)
            ?? new DeliveryPage([], null);
        var rows = new List<DeliveryStatusView>(page.Leveringen.Count + 1);
        foreach (var delivery in page.Leveringen)
        {
            // The list has the counts of the delivery row; while forwarded, the live counts are in its batches.
            rows.Add(delivery.Status == DeliveryStatus.Doorsturen.ToContract()
                ? await getDeliveryStatus.HandleAsync(board, delivery.Id, cancellationToken) ?? delivery
                : delivery);
        }

        if (!string.IsNullOrEmpty(received)
            && rows.TrueForAll(r => r.Id != received)
            && await getDeliveryStatus.HandleAsync(board, received, cancellationToken) is { } uploaded)
        {
            rows.Insert(0, uploaded);
        }

        return (Render(rows, page.Vervolg is not null), rows.TrueForAll(r => IsFinal(r.Status)));
    }

    private static string Render(List<DeliveryStatusView> rows, bool more)
    {
        if (rows.Count == 0)
        {
            return "<p>U heeft nog geen bestanden aangeleverd.</p>";
        }

        var html = new StringBuilder();
        html.Append("<div class=\"tabel\"><table>\n<caption>Uw leveringen, nieuwste eerst</caption>\n<thead><tr>")
            .Append("<th scope=\"col\">Ontvangen</th><th scope=\"col\">Bestand</th><th scope=\"col\">Status</th>")
            .Append("<th scope=\"col\" class=\"getal\">Regels</th><th scope=\"col\" class=\"getal\">Goedgekeurd</th><th scope=\"col\" class=\"getal\">Afgekeurd</th>")
            .Append("<th scope=\"col\" class=\"getal\">Geregistreerd</th><th scope=\"col\">Voortgang</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            var counts = row.Aantallen;
            html.Append("<tr data-levering=\"").Append(Html.Text(row.Id)).Append("\">")
                .Append("<td><time datetime=\"").Append(Html.Iso(row.OntvangenOp)).Append("\">").Append(Html.Moment(row.OntvangenOp)).Append("</time></td>")
                .Append("<th scope=\"row\"><a href=\"").Append(Html.Text(PageRoutes.DeliveryPath(row.Id))).Append("\">").Append(Html.Text(row.Bestand)).Append("</a></th>")
                .Append("<td class=\"status\">").Append(Html.Text(row.Status)).Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(counts.Regels)).Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(counts.Goedgekeurd)).Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(counts.Afgekeurd)).Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(counts.Geregistreerd)).Append("</td>")
                .Append("<td>").Append(Progress(row)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        if (more)
        {
            html.Append("<p>Hier staan de ").Append(ListBoardDeliveries.DefaultPageSize).Append(" nieuwste leveringen.</p>\n");
        }

        return html.ToString();
    }

    /// <summary>A progress bar while the delivery is forwarded: rows answered (or given up) of the rows accepted.</summary>
    public static string Progress(DeliveryStatusView row)
    {
        if (row.Status != DeliveryStatus.Doorsturen.ToContract())
        {
            return "";
        }

        var counts = row.Aantallen;
        var done = Math.Min(counts.Doorgestuurd + counts.Mislukt, counts.Goedgekeurd);
        return $"<progress max=\"{Math.Max(counts.Goedgekeurd, 1)}\" value=\"{done}\" aria-label=\"Doorsturen van {Html.Text(row.Bestand)}\"></progress> " +
            $"{Html.Number(done)} van {Html.Number(counts.Goedgekeurd)}";
    }

    private static bool IsFinal(string status) =>
        Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) && parsed.IsFinal();
}
