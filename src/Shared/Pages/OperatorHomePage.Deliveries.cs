using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Operations;

namespace LerarenFunctions.Http.Pages;

// The sections "Leveringen per dag" and "Onderweg": what came in, and what is still moving.
internal static partial class OperatorHomePage
{
    /// <summary>The deliveries under way: the page's part that refreshes (<c>GET /beheer/onderweg</c>).</summary>
    public static string UnderWay(DeliveriesUnderWay underWay)
    {
        ArgumentNullException.ThrowIfNull(underWay);
        if (underWay.None)
        {
            return "<p>Er zijn geen leveringen onderweg.</p>";
        }

        var html = new StringBuilder();
        html.Append(Table("Leveringen onderweg, oudste eerst"))
            .Append("<thead><tr><th scope=\"col\">Aanlevering</th><th scope=\"col\">Bestuur</th><th scope=\"col\">Status</th><th scope=\"col\">Ontvangen</th>")
            .Append("<th scope=\"col\">Voortgang</th><th scope=\"col\" class=\"getal\">Wacht op nieuwe poging</th><th scope=\"col\" class=\"getal\">Geregistreerd</th>")
            .Append("<th scope=\"col\" class=\"getal\">Mislukt</th></tr></thead>\n<tbody>\n");
        foreach (var d in underWay.Deliveries)
        {
            html.Append("<tr data-levering=\"").Append(Html.Text(d.Id)).Append("\"><th scope=\"row\"><code>").Append(Html.Text(d.Id)).Append("</code></th>")
                .Append("<td>").Append(Html.Text(d.Bestuursnummer)).Append("</td>")
                .Append("<td>").Append(Html.Text(d.Status.ToContract())).Append("</td>")
                .Append("<td>").Append(Time(d.ReceivedAt)).Append("</td>")
                .Append("<td>").Append(Progress(d)).Append("</td>")
                .Append("<td class=\"getal\">").Append(d.BatchesRetrying == 0 ? "0" : $"<strong>{Html.Number(d.BatchesRetrying)}</strong>").Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(d.Registered)).Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(d.Failed)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        var others = underWay.Total - underWay.Deliveries.Count;
        if (others > 0)
        {
            html.Append("<p>En nog ").Append(Html.Number(others)).Append(" andere leveringen onderweg.</p>\n");
        }

        return html.ToString();
    }

    private static void Days(StringBuilder html, IReadOnlyList<DeliveryDay> days)
    {
        html.Append(Heading("leveringen"))
            .Append("<p class=\"hint\">Leveringen die de afgelopen ").Append(GetOperationsOverview.Days)
            .Append(" dagen klaar kwamen, per dag en per eindstatus (Nederlandse tijd).</p>\n")
            .Append(Table("Afgeronde leveringen per dag, nieuwste eerst"))
            .Append("<thead><tr><th scope=\"col\">Dag</th>");
        foreach (var status in DeliveryDay.Statuses)
        {
            html.Append("<th scope=\"col\" class=\"getal\">").Append(Html.Text(status.ToContract())).Append("</th>");
        }

        html.Append("<th scope=\"col\" class=\"getal\">Totaal</th><th scope=\"col\" class=\"getal\">Regels</th><th scope=\"col\" class=\"getal\">Geregistreerd</th></tr></thead>\n<tbody>\n");
        foreach (var day in days)
        {
            html.Append("<tr><th scope=\"row\"><time datetime=\"").Append(day.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append("\">")
                .Append(Html.Date(day.Date)).Append("</time></th>");
            foreach (var status in DeliveryDay.Statuses)
            {
                html.Append("<td class=\"getal\">").Append(Html.Number(day.Of(status))).Append("</td>");
            }

            html.Append("<td class=\"getal\">").Append(Html.Number(day.Total)).Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(day.Rows)).Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(day.Registered)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>A progress bar while forwarding (batches with a final answer of all batches); words while validating.</summary>
    private static string Progress(DeliveryUnderWay d) => d.Percent is not { } percent
        ? "wordt gecontroleerd"
        : $"<progress max=\"100\" value=\"{percent}\" aria-label=\"{Html.Text($"Voortgang van aanlevering {d.Id}")}\">{percent}%</progress> " +
          $"{Html.Number(d.BatchesCompleted)} van {Html.Number(d.Batches)} batches";
}
