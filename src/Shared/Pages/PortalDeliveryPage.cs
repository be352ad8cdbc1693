using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// One delivery of the board (<c>/portaal/leveringen/{id}</c>): status and counts, the terugmelding's meldingen as a
/// table (regel, regel-id, veld, code, melding, masked waarde), the register's results, and the CSV to download. The
/// terugmelding is already masked; nothing here shows more of a BSN than its last three digits.
/// </summary>
internal static class PortalDeliveryPage
{
    /// <summary>The most rows a table shows; a larger terugmelding is read whole in its CSV.</summary>
    public const int MaxRows = 500;

    public static string Render(DeliveryStatusView status, Terugmelding? report)
    {
        ArgumentNullException.ThrowIfNull(status);
        var html = new StringBuilder();
        html.Append("<p><a href=\"").Append(Html.Text(PageRoutes.Path(PageRoutes.Portal))).Append("\">Terug naar het overzicht</a></p>\n")
            .Append("<h1>Levering ").Append(Html.Text(status.Bestand)).Append("</h1>\n");
        AppendStatus(html, status, report);
        if (report is null)
        {
            html.Append("<p>Er is nog geen terugmelding: die volgt zodra het bestand is gecontroleerd. Vernieuw deze pagina over enkele ogenblikken.</p>\n");
            return html.ToString();
        }

        var csv = PageRoutes.Path(PageRoutes.PortalTerugmelding).Replace("{id}", Uri.EscapeDataString(status.Id), StringComparison.Ordinal);
        html.Append("<p><a class=\"knop\" href=\"").Append(Html.Text(csv)).Append("\" download>Terugmelding downloaden (CSV)</a></p>\n");
        AppendMeldingen(html, report.Meldingen);
        if (report.RegisterResultaten is { } results)
        {
            AppendResults(html, results);
        }

        return html.ToString();
    }

    private static void AppendStatus(StringBuilder html, DeliveryStatusView status, Terugmelding? report)
    {
        var counts = status.Aantallen;
        html.Append("<dl class=\"gegevens\">\n")
            .Append("<dt>Status</dt><dd class=\"status\">").Append(Html.Text(status.Status)).Append("</dd>\n");
        if (PortalDeliveriesFragment.Progress(status) is { Length: > 0 } progress)
        {
            html.Append("<dt>Voortgang</dt><dd>").Append(progress).Append("</dd>\n");
        }

        if (report is not null)
        {
            html.Append("<dt>Uitslag van de controle</dt><dd>").Append(Html.Text(report.Status)).Append("</dd>\n");
        }

        html.Append("<dt>Ontvangen</dt><dd>").Append(Html.Moment(status.OntvangenOp)).Append("</dd>\n");
        if (status.AfgerondOp is { } done)
        {
            html.Append("<dt>Afgerond</dt><dd>").Append(Html.Moment(done)).Append("</dd>\n");
        }

        if (status.Reden is { } reason)
        {
            html.Append("<dt>Reden</dt><dd>").Append(Html.Text(reason)).Append("</dd>\n");
        }

        html.Append("<dt>Regels</dt><dd>").Append(Html.Number(counts.Regels)).Append("</dd>\n")
            .Append("<dt>Goedgekeurd</dt><dd>").Append(Html.Number(counts.Goedgekeurd)).Append("</dd>\n")
            .Append("<dt>Afgekeurd</dt><dd>").Append(Html.Number(counts.Afgekeurd)).Append("</dd>\n")
            .Append("<dt>Geregistreerd</dt><dd>").Append(Html.Number(counts.Geregistreerd)).Append("</dd>\n")
            .Append("<dt>Afgewezen door het register</dt><dd>").Append(Html.Number(counts.AfgewezenDoorRegister)).Append("</dd>\n")
            .Append("<dt>Mislukt</dt><dd>").Append(Html.Number(counts.Mislukt)).Append("</dd>\n")
            .Append("<dt>Nummer</dt><dd><code>").Append(Html.Text(status.Id)).Append("</code></dd>\n</dl>\n");
    }

    private static void AppendMeldingen(StringBuilder html, IReadOnlyList<Melding> meldingen)
    {
        html.Append("<h2 id=\"kop-meldingen\">Meldingen</h2>\n");
        if (meldingen.Count == 0)
        {
            html.Append("<p>Er zijn geen meldingen: elke regel is goedgekeurd.</p>\n");
            return;
        }

        html.Append("<div class=\"tabel\"><table>\n<caption>Meldingen bij het bestand")
            .Append(meldingen.Count > MaxRows ? $" (de eerste {Html.Number(MaxRows)} van {Html.Number(meldingen.Count)}; alle staan in de CSV)" : "")
            .Append("</caption>\n<thead><tr><th scope=\"col\">Regel</th><th scope=\"col\">Regel-id</th><th scope=\"col\">Veld</th>")
            .Append("<th scope=\"col\">Code</th><th scope=\"col\">Soort</th><th scope=\"col\">Melding</th><th scope=\"col\">Waarde</th></tr></thead>\n<tbody>\n");
        foreach (var melding in meldingen.Take(MaxRows))
        {
            html.Append("<tr><th scope=\"row\">").Append(melding.Regel is { } row ? Html.Number(row) : "bestand").Append("</th>")
                .Append("<td>").Append(Html.Text(melding.RegelId)).Append("</td>")
                .Append("<td>").Append(Html.Text(melding.Veld)).Append("</td>")
                .Append("<td><code>").Append(Html.Text(melding.Code)).Append("</code></td>")
                .Append("<td>").Append(Html.Text(melding.Ernst)).Append("</td>")
                .Append("<td>").Append(Html.Text(melding.Tekst)).Append("</td>")
                .Append("<td>").Append(Html.Text(melding.Waarde)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static void AppendResults(StringBuilder html, IReadOnlyList<RegisterResultaat> results)
    {
        html.Append("<h2 id=\"kop-register\">Resultaten van het register</h2>\n");
        if (results.Count == 0)
        {
            html.Append("<p>Er zijn geen regels naar het register gestuurd.</p>\n");
            return;
        }

        html.Append("<div class=\"tabel\"><table>\n<caption>Wat het register met elke doorgestuurde regel deed")
            .Append(results.Count > MaxRows ? $" (de eerste {Html.Number(MaxRows)} van {Html.Number(results.Count)}; alle staan in de CSV)" : "")
            .Append("</caption>\n<thead><tr><th scope=\"col\">Regel</th><th scope=\"col\">Regel-id</th><th scope=\"col\">Resultaat</th>")
            .Append("<th scope=\"col\">Registratie</th><th scope=\"col\">Reden</th></tr></thead>\n<tbody>\n");
        foreach (var result in results.Take(MaxRows))
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Number(result.Regel)).Append("</th>")
                .Append("<td>").Append(Html.Text(result.RegelId)).Append("</td>")
                .Append("<td>").Append(Html.Text(result.Resultaat)).Append("</td>")
                .Append("<td>").Append(Html.Text(result.RegistratieId)).Append("</td>")
                .Append("<td>").Append(Html.Text(result.Reden)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }
}
