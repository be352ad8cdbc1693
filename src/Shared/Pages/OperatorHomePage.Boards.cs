using System.Text;
using LerarenFunctions.Core.Operations;

namespace LerarenFunctions.Http.Pages;

// The section "Besturen zonder contactpersoon": who gets the reminders on the board's own address.
internal static partial class OperatorHomePage
{
    private static void BoardsWithoutContact(StringBuilder html, BoardsWithoutContact boards)
    {
        html.Append(Heading("contactpersonen"));
        if (boards.Count == 0)
        {
            html.Append("<p>Alle actieve besturen hebben een contactpersoon.</p>\n");
            return;
        }

        html.Append("<p>").Append(boards.AtLeast ? "Minstens " : "").Append(Html.Number(boards.Count))
            .Append(boards.Count == 1 && !boards.AtLeast ? " actief bestuur heeft" : " actieve besturen hebben").Append(" geen contactpersoon.")
            .Append(boards.Count > boards.Boards.Count ? $" Hieronder de {Html.Number(boards.Boards.Count)} met de vroegste deadline." : "")
            .Append(" Zij krijgen de herinneringen op het eigen e-mailadres van het bestuur.</p>\n")
            .Append(Table("Besturen zonder contactpersoon, vroegste deadline eerst"))
            .Append("<thead><tr><th scope=\"col\">Bestuur</th><th scope=\"col\">Naam</th><th scope=\"col\">Plaats</th><th scope=\"col\">Deadline</th>")
            .Append("<th scope=\"col\">In het register sinds</th><th scope=\"col\">Eigen e-mailadres</th></tr></thead>\n<tbody>\n");
        foreach (var board in boards.Boards)
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Text(board.Bestuursnummer)).Append("</th>")
                .Append("<td>").Append(Html.Text(board.Naam)).Append("</td>")
                .Append("<td>").Append(Html.Text(board.Plaatsnaam ?? "–")).Append("</td>")
                .Append("<td>").Append(board.Deadline is { } deadline ? Html.Date(deadline) : "geen").Append("</td>")
                .Append("<td>").Append(Html.Date(board.ImportedOn)).Append("</td>")
                .Append("<td>").Append(board.HasAddress ? "ja" : "<strong>nee</strong>").Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }
}
