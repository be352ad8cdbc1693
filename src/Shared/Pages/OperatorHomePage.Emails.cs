using System.Text;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Http.Pages;

// The section "Mislukte e-mails": the recipient by domain only.
internal static partial class OperatorHomePage
{
    private static void FailedEmails(StringBuilder html, IReadOnlyList<Core.Email.FailedEmailView> failed)
    {
        html.Append(Heading("emails"));
        if (failed.Count == 0)
        {
            html.Append("<p>Er zijn geen mislukte e-mails.</p>\n");
            return;
        }

        html.Append("<p>E-mails die na alle pogingen niet verstuurd konden worden, nieuwste eerst; de ontvanger alleen met het domein.</p>\n")
            .Append(Table("Mislukte e-mails, nieuwste eerst"))
            .Append("<thead><tr><th scope=\"col\">Aangemaakt</th><th scope=\"col\">Bestuur</th><th scope=\"col\">Soort</th><th scope=\"col\">Domein</th>")
            .Append("<th scope=\"col\">Onderwerp</th><th scope=\"col\" class=\"getal\">Pogingen</th><th scope=\"col\">Laatste fout</th></tr></thead>\n<tbody>\n");
        foreach (var mail in failed)
        {
            html.Append("<tr><th scope=\"row\">").Append(Time(mail.AangemaaktOp)).Append("</th>")
                .Append("<td>").Append(Html.Text(mail.Bestuursnummer)).Append("</td>")
                .Append("<td>").Append(Html.Text(mail.Soort)).Append("</td>")
                .Append("<td>").Append(Html.Text(mail.Domein)).Append("</td>")
                .Append("<td>").Append(Html.Text(PersonalData.MaskDigitRuns(mail.Onderwerp))).Append("</td>")
                .Append("<td class=\"getal\">").Append(Html.Number(mail.Pogingen)).Append("</td>")
                .Append("<td>").Append(Html.Text(Shorten(PersonalData.MaskDigitRunsOrNull(mail.LaatsteFout)))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }
}
