using System.Text;
using LerarenFunctions.Core.Operations;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure;

namespace LerarenFunctions.Http.Pages;

// The section "Deadlines en herinneringen": from the last run of the reminder timer, not a dry run per view.
internal static partial class OperatorHomePage
{
    private static void Deadlines(StringBuilder html, OperationsOverview overview)
    {
        html.Append(Heading("deadlines"));
        if (overview.SectorDeadlines.Count == 0)
        {
            html.Append("<p>Er is geen deadline per sector ingesteld (<code>Besturen:Deadlines</code>).</p>\n");
        }
        else
        {
            html.Append(Table("Deadlines per sector"))
                .Append("<thead><tr><th scope=\"col\">Sector</th><th scope=\"col\">Deadline</th><th scope=\"col\" class=\"getal\">Dagen te gaan</th></tr></thead>\n<tbody>\n");
            foreach (var sector in overview.SectorDeadlines)
            {
                html.Append("<tr><th scope=\"row\">").Append(Html.Text(sector.Sector)).Append("</th><td>").Append(Html.Date(sector.Deadline)).Append("</td>")
                    .Append("<td class=\"getal\">").Append(sector.DaysLeft < 0 ? "voorbij" : Html.Number(sector.DaysLeft)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table></div>\n");
        }

        html.Append("<h3>Herinneringen</h3>\n");
        if (overview.LastReminderRun is not { } run)
        {
            html.Append("<p>De herinneringstimer heeft nog niet gedraaid.</p>\n");
        }
        else
        {
            html.Append("<p>")
                .Append(run.Date == overview.Today ? "Vandaag" : $"De laatste run was op {Html.Date(run.Date)}; de run van vandaag is er nog niet. Toen")
                .Append(" waren ").Append(Html.Number(run.Due)).Append(" herinneringen verschuldigd: ")
                .Append(Html.Number(run.Queued)).Append(" verstuurd, ")
                .Append(Html.Number(run.QueuedBefore)).Append(" al eerder verstuurd, ")
                .Append(Html.Number(run.WithoutAddress)).Append(" zonder adres, ")
                .Append(run.Failed == 0 ? "0" : $"<strong>{Html.Number(run.Failed)}</strong>").Append(" mislukt (klaar om ")
                .Append(Time(run.At)).Append(").</p>\n")
                .Append(Table("Verschuldigde herinneringen per regel"))
                .Append("<thead><tr><th scope=\"col\">Regel</th><th scope=\"col\" class=\"getal\">Verschuldigd</th></tr></thead>\n<tbody>\n");
            foreach (var rule in ReminderRules.All)
            {
                html.Append("<tr><th scope=\"row\">").Append(RuleName(rule)).Append("</th><td class=\"getal\">")
                    .Append(Html.Number(run.DuePerRule.GetValueOrDefault(rule))).Append("</td></tr>\n");
            }

            html.Append("</tbody></table></div>\n");
            if (run.Deadlines.Count > 0)
            {
                html.Append(Table("Eerstvolgende deadlines: besturen en hoeveel er al leverden"))
                    .Append("<thead><tr><th scope=\"col\">Deadline</th><th scope=\"col\" class=\"getal\">Besturen</th><th scope=\"col\" class=\"getal\">Geleverd</th>")
                    .Append("<th scope=\"col\" class=\"getal\">Nog niet geleverd</th></tr></thead>\n<tbody>\n");
                foreach (var deadline in run.Deadlines)
                {
                    html.Append("<tr><th scope=\"row\">").Append(Html.Date(deadline.Deadline)).Append("</th>")
                        .Append("<td class=\"getal\">").Append(Html.Number(deadline.Boards)).Append("</td>")
                        .Append("<td class=\"getal\">").Append(Html.Number(deadline.Delivered)).Append("</td>")
                        .Append("<td class=\"getal\">").Append(Html.Number(deadline.Boards - deadline.Delivered)).Append("</td></tr>\n");
                }

                html.Append("</tbody></table></div>\n");
            }
        }

        html.Append("<p class=\"hint\">Deze cijfers komen van de laatste run van de herinneringstimer: een proefrun leest alle besturen en is te duur voor elke ")
            .Append("weergave van deze pagina. De proefrun voor een dag naar keuze: <code>GET /")
            .Append(Html.Text(HttpRoutes.PreviewReminders)).Append("?datum=jjjj-mm-dd</code> met de beheersleutel.</p>\n");
    }

    private static string RuleName(ReminderRule rule) => rule switch
    {
        ReminderRule.NoContactPerson => "Geen contactpersoon",
        ReminderRule.NoDelivery => "Geen levering voor de deadline",
        ReminderRule.OpenErrors => "Terugmelding met open fouten",
        _ => "Professioneel statuut niet vastgesteld",
    };
}
