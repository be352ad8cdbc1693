using System.Text;
using LerarenFunctions.Core.Operations;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The operators' overview as HTML: one section per question an operator asks (what came in, what is moving, what is
/// stuck, who has no contact person, what is due, which e-mails failed), each a table with headers, reachable from the
/// list at the top. Every value goes through <see cref="Html"/>; texts that others wrote (an error, a subject) are
/// masked for digit runs as well, in case one carries a BSN.
/// </summary>
internal static partial class OperatorHomePage
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

    /// <summary>
    /// An error as the table shows it: its start, enough to see what went wrong, so the row (and its button) stays on the
    /// screen; the whole text is in the API's list of dead letters.
    /// </summary>
    private static string Shorten(string? error) => error is null ? "–" : error.Length <= MaxErrorLength ? error : string.Concat(error.AsSpan(0, MaxErrorLength), "…");

    private static string Heading(string id) => $"<h2 id=\"{id}\" tabindex=\"-1\">{Sections.Single(s => s.Id == id).Heading}</h2>\n";

    /// <summary>A table in a region that scrolls sideways on a phone, reachable by keyboard so it can be scrolled.</summary>
    private static string Table(string caption) =>
        $"<div class=\"tabel\" role=\"region\" tabindex=\"0\" aria-label=\"{Html.Text(caption)}\"><table>\n<caption>{Html.Text(caption)}</caption>\n";

    private static string Time(DateTimeOffset at) => $"<time datetime=\"{Html.Iso(at)}\">{Html.Moment(at)}</time>";
}
