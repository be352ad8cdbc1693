using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;

namespace LerarenFunctions.Http.Pages;

// The section "Dode letters": what is stuck, and the one control of the page that changes anything.
internal static partial class OperatorHomePage
{
    private static void DeadLetters(StringBuilder html, PageCaller caller, DeadLetterList letters)
    {
        html.Append(Heading("dodeletters"));
        if (letters.Total == 0)
        {
            html.Append("<p>Er zijn geen dode letters.</p>\n");
            return;
        }

        html.Append("<p>").Append(Html.Number(letters.Total)).Append(letters.Total == 1 ? " batch is" : " batches zijn")
            .Append(" opgegeven en wacht").Append(letters.Total == 1 ? "" : "en").Append(" op een beheerder.")
            .Append(letters.Total > letters.Letters.Count ? $" Hieronder de oudste {Html.Number(letters.Letters.Count)}." : "")
            .Append(" Los eerst de oorzaak op (zie de laatste fout), bied de batch dan opnieuw aan.</p>\n")
            .Append(Table("Dode letters, oudste eerst"))
            .Append("<thead><tr><th scope=\"col\">Aanlevering</th><th scope=\"col\" class=\"getal\">Batch</th><th scope=\"col\">Reden</th>")
            .Append("<th scope=\"col\" class=\"getal\">Pogingen</th><th scope=\"col\">Sinds</th><th scope=\"col\">Actie</th><th scope=\"col\">Laatste fout</th></tr></thead>\n<tbody>\n");
        foreach (var letter in letters.Letters)
        {
            // The button's name starts with its visible text (WCAG 2.5.3) and says which batch it replays.
            var which = $"batch {letter.Batch} van aanlevering {letter.DeliveryId}";
            html.Append("<tr data-doodeletter=\"").Append(Html.Text($"{letter.DeliveryId}/{letter.Batch}")).Append("\">")
                .Append("<th scope=\"row\"><code>").Append(Html.Text(letter.DeliveryId)).Append("</code></th>")
                .Append("<td class=\"getal\">").Append(Html.Number(letter.Batch)).Append("</td>")
                .Append("<td><code>").Append(Html.Text(letter.Reason)).Append("</code></td>")
                .Append("<td class=\"getal\">").Append(Html.Text(letter.Attempts.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")))).Append("</td>")
                .Append("<td>").Append(Time(letter.At)).Append("</td><td>");
            if (letter.CanReplay)
            {
                html.Append("<form method=\"post\" action=\"").Append(Html.Text(PageRoutes.ReplayPath(letter.DeliveryId, letter.Batch))).Append("\">")
                    .Append(PageSession.CsrfInput(caller))
                    .Append("<button type=\"submit\" aria-label=\"").Append(Html.Text($"Opnieuw aanbieden: {which}")).Append("\">Opnieuw aanbieden</button></form>");
            }
            else
            {
                html.Append("Regels verwijderd: kan niet opnieuw.");
            }

            // The error last: it can be long, and the button must stay in view on a narrow screen.
            html.Append("</td><td>").Append(Html.Text(Shorten(PersonalData.MaskDigitRunsOrNull(letter.LastError)))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }
}
