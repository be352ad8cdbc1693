using System.Globalization;
using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The board's page (<c>/portaal</c>): where it stands (deadline, reminders, contact person), the upload form, its
/// deliveries (refreshed while one moves) and how to fill in the file, with the template.
/// </summary>
internal static class PortalHomePage
{
    public static string Render(
        PageCaller caller, BoardStateView state, ContactPersonsView contact, (string Html, bool Finished) deliveries, string? received, string? error, TeacherFileOptions limits)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(limits);
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.Text(state.Naam)).Append("</h1>\n")
            .Append("<p>Bestuursnummer ").Append(Html.Text(state.Bestuursnummer)).Append(". Hier levert u de gegevens van uw leraren aan en ziet u wat ermee gebeurd is.</p>\n");
        if (PortalUpload.Message(error) is { } problem)
        {
            html.Append("<div class=\"melding fout-blok\" role=\"alert\"><p class=\"fout\">").Append(Html.Text(problem)).Append("</p></div>\n");
        }
        else if (!string.IsNullOrEmpty(received))
        {
            html.Append("<p class=\"melding\" role=\"status\">Uw bestand is ontvangen en wordt gecontroleerd. De status hieronder wordt vanzelf bijgewerkt.</p>\n");
        }

        AppendState(html, state, contact);
        AppendUpload(html, caller, limits);
        html.Append("<section aria-labelledby=\"kop-leveringen\">\n<h2 id=\"kop-leveringen\">Uw leveringen</h2>\n")
            .Append("<div id=\"leveringen\" aria-live=\"polite\"");
        if (!deliveries.Finished)
        {
            var refresh = PageRoutes.Path(PageRoutes.PortalDeliveries)
                + (string.IsNullOrEmpty(received) ? "" : $"?{PortalDeliveriesFragment.ReceivedParameter}={Uri.EscapeDataString(received)}");
            html.Append(" data-ververs=\"").Append(Html.Text(refresh)).Append('"');
        }

        html.Append(">\n").Append(deliveries.Html).Append("</div>\n</section>\n");
        AppendInstructions(html);
        return html.ToString();
    }

    private static void AppendState(StringBuilder html, BoardStateView state, ContactPersonsView contact)
    {
        html.Append("<section aria-labelledby=\"kop-stand\">\n<h2 id=\"kop-stand\">Deadline en herinneringen</h2>\n<dl class=\"gegevens\">\n")
            .Append("<dt>Deadline</dt><dd>").Append(Deadline(state)).Append("</dd>\n")
            .Append("<dt>Contactpersoon</dt><dd>");
        if (contact.Contactpersoon is { } person)
        {
            html.Append(Html.Text(person.Naam)).Append(" (").Append(Html.Text(person.EmailAdres)).Append(") ");
        }
        else
        {
            html.Append("<strong>Nog niet ingesteld.</strong> ");
        }

        html.Append("<a href=\"").Append(Html.Text(PageRoutes.Path(PageRoutes.PortalContactPerson))).Append("\">Contactpersoon bekijken of wijzigen</a></dd>\n");
        if (state.OpenFouten is { } open)
        {
            html.Append("<dt>Openstaande fouten</dt><dd>De terugmelding van uw laatste levering bevat fouten. ")
                .Append("<a href=\"").Append(Html.Text(PageRoutes.DeliveryPath(open))).Append("\">Bekijk de terugmelding</a></dd>\n");
        }

        html.Append("</dl>\n");
        if (state.Herinneringen.Count == 0)
        {
            html.Append("<p>Er zijn nog geen herinneringen naar uw bestuur gestuurd.</p>\n");
        }
        else
        {
            html.Append("<div class=\"tabel\"><table>\n<caption>Verstuurde herinneringen</caption>\n<thead><tr>")
                .Append("<th scope=\"col\">Herinnering</th><th scope=\"col\">Periode</th><th scope=\"col\" class=\"getal\">Aantal</th><th scope=\"col\">Laatst verstuurd</th></tr></thead>\n<tbody>\n");
            foreach (var sent in state.Herinneringen)
            {
                html.Append("<tr><th scope=\"row\">").Append(Html.Text(ReminderName(sent.Regel))).Append("</th><td>").Append(Html.Text(sent.Periode))
                    .Append("</td><td class=\"getal\">").Append(Html.Number(sent.Aantal)).Append("</td><td>").Append(Html.Date(sent.LaatstVerzondenOp)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table></div>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendUpload(StringBuilder html, PageCaller caller, TeacherFileOptions limits)
    {
        var megabytes = (limits.MaxFileBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
        // The token and the trial choice come before the file: the upload is read as it streams in, in this order.
        html.Append("<section aria-labelledby=\"kop-aanleveren\">\n<h2 id=\"kop-aanleveren\">Bestand aanleveren</h2>\n")
            .Append("<form method=\"post\" action=\"").Append(Html.Text(PageRoutes.Path(PageRoutes.PortalDeliveries))).Append("\" enctype=\"multipart/form-data\">\n")
            .Append(PageSession.CsrfInput(caller)).Append('\n')
            .Append("<div class=\"keuze\"><input type=\"checkbox\" id=\"proef\" name=\"").Append(PortalUpload.TrialField).Append("\" value=\"ja\">")
            .Append("<label for=\"proef\">Proeflevering: alleen controleren, niet doorsturen naar het register</label></div>\n")
            .Append("<label for=\"bestand\">Lerarenbestand (CSV of XLSX)</label>\n")
            .Append("<p class=\"hint\" id=\"bestand-hint\">Hoogstens ").Append(megabytes).Append(" MB en ").Append(Html.Number(limits.MaxRows))
            .Append(" regels. U krijgt voor elk bestand een terugmelding.</p>\n")
            .Append("<input type=\"file\" id=\"bestand\" name=\"").Append(PortalUpload.FileField).Append("\" accept=\".csv,.xlsx,text/csv,")
            .Append(DeliveryHttp.XlsxMediaType).Append("\" required aria-describedby=\"bestand-hint\">\n")
            .Append("<div class=\"acties\"><button type=\"submit\">Bestand versturen</button></div>\n</form>\n</section>\n");
    }

    private static void AppendInstructions(StringBuilder html)
    {
        var template = PageRoutes.Path(PageRoutes.PortalTemplate);
        html.Append("<section aria-labelledby=\"kop-invullen\">\n<h2 id=\"kop-invullen\">Zo vult u het bestand in</h2>\n<ul>\n")
            .Append("<li>Eén regel per benoeming van een leraar; de eerste regel bevat de kolomnamen.</li>\n")
            .Append("<li>Verplicht: <code>bestuursnummer</code> (uw eigen), <code>bsn</code> (9 cijfers), <code>geslacht</code> (M, V, X of O), ")
            .Append("<code>geboortedatum</code>, <code>benoemingsgrondslag</code> (bijvoorbeeld 701), <code>begindatum_benoeming</code>, ")
            .Append("<code>brinnummer</code> (2 cijfers en 2 letters) en <code>begindatum_dienstverband</code>.</li>\n")
            .Append("<li>Datums als JJJJ-MM-DD (2024-08-01) of D-M-JJJJ (1-8-2024).</li>\n")
            .Append("<li>Woont de leraar buiten Nederland, vul dan <code>woonland</code> (bijvoorbeeld BE) en <code>adres_buitenland</code> in. ")
            .Append("Bij grondslag 708 is <code>onderwijsterrein</code> verplicht.</li>\n")
            .Append("<li>In <code>regel_id</code> kunt u uw eigen kenmerk zetten; het komt terug in de terugmelding. Gebruik daarvoor geen BSN.</li>\n")
            .Append("<li>CSV: gescheiden door puntkomma's, komma's of tabs; XLSX: het eerste werkblad.</li>\n</ul>\n")
            .Append("<p>Sjabloon met de kolommen en één voorbeeldregel (met een verzonnen BSN): ")
            .Append("<a href=\"").Append(Html.Text(template.Replace("{formaat}", TeacherFileTemplate.Csv, StringComparison.Ordinal))).Append("\">sjabloon als CSV</a> of ")
            .Append("<a href=\"").Append(Html.Text(template.Replace("{formaat}", TeacherFileTemplate.Xlsx, StringComparison.Ordinal))).Append("\">sjabloon als XLSX</a>. ")
            .Append("Vervang de voorbeeldregel door uw eigen gegevens.</p>\n</section>\n");
    }

    private static string Deadline(BoardStateView state)
    {
        if (state.Deadline is not { } deadline || state.DagenTotDeadline is not { } days)
        {
            return "Voor uw bestuur geldt (nog) geen deadline.";
        }

        var when = Html.Date(deadline);
        return days switch
        {
            > 1 => $"{when} (nog {days} dagen)",
            1 => $"{when} (morgen)",
            0 => $"{when} (vandaag)",
            _ => $"{when} (verstreken)",
        };
    }

    private static string ReminderName(string rule) => rule switch
    {
        "geen-contactpersoon" => "Geen contactpersoon",
        "geen-levering" => "Geen levering",
        "open-fouten" => "Openstaande fouten",
        "statuut" => "Professioneel statuut",
        _ => rule,
    };
}
