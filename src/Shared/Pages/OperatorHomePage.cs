using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Operations;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The operators' overview as HTML: one section per question an operator asks (what came in, what is moving, what is
/// stuck, who has no contact person, what is due, which e-mails failed), each a table with headers, reachable from the
/// list at the top. Every value goes through <see cref="Html"/>; texts that others wrote (an error, a subject) are
/// masked for digit runs as well, in case one carries a BSN.
/// </summary>
internal static class OperatorHomePage
{
    public const string Title = "Overzicht";

    /// <summary>How much of an error a table shows.</summary>
    private const int MaxErrorLength = 120;

    private static readonly (string Id, string Heading)[] Sections =
    [
        ("leveringen", "Leveringen per dag"),
        ("onderweg", "Onderweg"),
        ("dodeletters", "Dode letters"),
        ("contactpersonen", "Besturen zonder contactpersoon"),
        ("deadlines", "Deadlines en herinneringen"),
        ("emails", "Mislukte e-mails"),
    ];

    /// <summary>The whole overview, below the page's heading.</summary>
    /// <param name="caller">The operator's session: its token goes into every replay form.</param>
    /// <param name="overview">What the page shows.</param>
    /// <param name="replayed">What a replay just did (plain text), or null.</param>
    public static string Render(PageCaller caller, OperationsOverview overview, string? replayed)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(overview);
        var html = new StringBuilder(16 * 1024);
        html.Append("<h1>").Append(Title).Append("</h1>\n")
            .Append("<p>Stand van <time datetime=\"").Append(Html.Iso(overview.At)).Append("\">").Append(Html.Moment(overview.At)).Append("</time>. ")
            .Append("<a href=\"").Append(Html.Text(PageRoutes.Path(PageRoutes.Operator))).Append("\">Opnieuw laden</a></p>\n");
        if (replayed is not null)
        {
            html.Append("<p class=\"melding\" role=\"status\">").Append(Html.Text(replayed)).Append("</p>\n");
        }

        html.Append("<nav aria-labelledby=\"op-deze-pagina\"><h2 id=\"op-deze-pagina\">Op deze pagina</h2><ul>\n");
        foreach (var (id, heading) in Sections)
        {
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(heading).Append("</a></li>\n");
        }

        html.Append("</ul></nav>\n");
        Days(html, overview.Days);
        html.Append(Heading("onderweg"))
            .Append("<p class=\"hint\">Leveringen die nog worden gecontroleerd of doorgestuurd, oudste eerst. Dit deel ververst zichzelf.</p>\n")
            .Append("<div id=\"onderweg-lijst\" aria-live=\"polite\"")
            .Append(overview.UnderWay.None ? "" : $" data-ververs=\"{Html.Text(PageRoutes.Path(PageRoutes.OperatorUnderWay))}\"")
            .Append('>').Append(UnderWay(overview.UnderWay)).Append("</div>\n");
        DeadLetters(html, caller, overview.DeadLetters);
        BoardsWithoutContact(html, overview.BoardsWithoutContact);
        Deadlines(html, overview);
        FailedEmails(html, overview.FailedEmails);
        return html.ToString();
    }

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

    /// <summary>A progress bar while forwarding (batches with a final answer of all batches); words while validating.</summary>
    private static string Progress(DeliveryUnderWay d) => d.Percent is not { } percent
        ? "wordt gecontroleerd"
        : $"<progress max=\"100\" value=\"{percent}\" aria-label=\"{Html.Text($"Voortgang van aanlevering {d.Id}")}\">{percent}%</progress> " +
          $"{Html.Number(d.BatchesCompleted)} van {Html.Number(d.Batches)} batches";

    /// <summary>
    /// An error as the table shows it: its start, enough to see what went wrong, so the row (and its button) stays on the
    /// screen; the whole text is in the API's list of dead letters.
    /// </summary>
    private static string Shorten(string? error) => error is null ? "–" : error.Length <= MaxErrorLength ? error : string.Concat(error.AsSpan(0, MaxErrorLength), "…");

    private static string RuleName(ReminderRule rule) => rule switch
    {
        ReminderRule.NoContactPerson => "Geen contactpersoon",
        ReminderRule.NoDelivery => "Geen levering voor de deadline",
        ReminderRule.OpenErrors => "Terugmelding met open fouten",
        _ => "Professioneel statuut niet vastgesteld",
    };

    private static string Heading(string id) => $"<h2 id=\"{id}\" tabindex=\"-1\">{Sections.Single(s => s.Id == id).Heading}</h2>\n";

    /// <summary>A table in a region that scrolls sideways on a phone, reachable by keyboard so it can be scrolled.</summary>
    private static string Table(string caption) =>
        $"<div class=\"tabel\" role=\"region\" tabindex=\"0\" aria-label=\"{Html.Text(caption)}\"><table>\n<caption>{Html.Text(caption)}</caption>\n";

    private static string Time(DateTimeOffset at) => $"<time datetime=\"{Html.Iso(at)}\">{Html.Moment(at)}</time>";
}
