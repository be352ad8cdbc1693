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

    private static void AppendMeldingen(StringBuilder html, IReadOnlyList<Melding> meldingen) =>
        AppendTable(html, "kop-meldingen", "Meldingen", "Er zijn geen meldingen: elke regel is goedgekeurd.", "Meldingen bij het bestand",
            ["Regel", "Regel-id", "Veld", "Code", "Soort", "Melding", "Waarde"], meldingen, (row, melding) => row
                .Append(melding.Regel is { } regel ? Html.Number(regel) : "bestand").Append("</th>")
                .Append("<td>").Append(Html.Text(melding.RegelId)).Append("</td>")
                .Append("<td>").Append(Html.Text(melding.Veld)).Append("</td>")
                .Append("<td><code>").Append(Html.Text(melding.Code)).Append("</code></td>")
                .Append("<td>").Append(Html.Text(melding.Ernst)).Append("</td>")
                .Append("<td>").Append(Html.Text(melding.Tekst)).Append("</td>")
                .Append("<td>").Append(Html.Text(melding.Waarde)).Append("</td>"));

    private static void AppendResults(StringBuilder html, IReadOnlyList<RegisterResultaat> results) =>
        AppendTable(html, "kop-register", "Resultaten van het register", "Er zijn geen regels naar het register gestuurd.", "Wat het register met elke doorgestuurde regel deed",
            ["Regel", "Regel-id", "Resultaat", "Registratie", "Reden"], results, (row, result) => row
                .Append(Html.Number(result.Regel)).Append("</th>")
                .Append("<td>").Append(Html.Text(result.RegelId)).Append("</td>")
                .Append("<td>").Append(Html.Text(result.Resultaat)).Append("</td>")
                .Append("<td>").Append(Html.Text(result.RegistratieId)).Append("</td>")
                .Append("<td>").Append(Html.Text(result.Reden)).Append("</td>"));

    /// <summary>
    /// A headed table of the terugmelding, at most <see cref="MaxRows"/> rows (the caption says so; the CSV has all):
    /// <paramref name="row"/> writes a row's cells after the opening of its row header, which it closes.
    /// </summary>
    private static void AppendTable<T>(
        StringBuilder html, string headingId, string heading, string empty, string caption, string[] columns, IReadOnlyList<T> items, Action<StringBuilder, T> row)
    {
        html.Append("<h2 id=\"").Append(headingId).Append("\">").Append(heading).Append("</h2>\n");
        if (items.Count == 0)
        {
            html.Append("<p>").Append(empty).Append("</p>\n");
            return;
        }

        html.Append("<div class=\"tabel\"><table>\n<caption>").Append(caption)
            .Append(items.Count > MaxRows ? $" (de eerste {Html.Number(MaxRows)} van {Html.Number(items.Count)}; alle staan in de CSV)" : "")
            .Append("</caption>\n<thead><tr>");
        foreach (var column in columns)
        {
            html.Append("<th scope=\"col\">").Append(column).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var item in items.Take(MaxRows))
        {
            html.Append("<tr><th scope=\"row\">");
            row(html, item);
            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }
}
