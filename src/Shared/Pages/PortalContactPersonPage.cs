using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IFormCollection = Microsoft.AspNetCore.Http.IFormCollection;
using IResult = Microsoft.AspNetCore.Http.IResult;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The board's contact person (<c>/portaal/contactpersoon</c>): shown, and changed with a form that goes through
/// <see cref="SetContactPerson"/> as the API's <c>PUT</c> does. Its checks are the use case's; what is wrong is said in
/// Dutch next to each field, and summed up above the form with links to the fields.
/// </summary>
internal static class PortalContactPersonPage
{
    /// <summary>The query parameter of the page shown after a change was saved.</summary>
    public const string SavedParameter = "opgeslagen";

    private const string Title = "Contactpersoon";

    private const string DeputyPrefix = "plaatsvervanger.";

    private static readonly (string Field, string Label, string Type, string Autocomplete, bool Required)[] Fields =
    [
        ("naam", "Naam", "text", "name", true),
        ("functie", "Functie", "text", "organization-title", false),
        ("emailadres", "E-mailadres", "email", "email", true),
        ("telefoonnummer", "Telefoonnummer", "tel", "tel", false),
    ];

    public static async Task<IResult> GetAsync(HttpRequest request, PageCaller caller, GetContactPerson getContactPerson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (await getContactPerson.HandleAsync(caller.Board!.Value, cancellationToken) is not { } view)
        {
            return UnknownBoard(request, caller);
        }

        var notice = request.Query.ContainsKey(SavedParameter) ? "De contactpersoon is opgeslagen. Er is een bevestiging per e-mail verstuurd." : null;
        return Page(request, caller, view, Values(view), [], notice, problem: null, StatusCodes.Status200OK);
    }

    public static async Task<IResult> PostAsync(
        HttpRequest request, PageCaller caller, GetContactPerson getContactPerson, SetContactPerson setContactPerson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(setContactPerson);
        if (await PageSession.ReadFormAsync(request, caller, cancellationToken) is not { } form)
        {
            return PageSession.BadForm(request, PortalPages.Shell(caller));
        }

        var board = caller.Board!.Value;
        var values = Values(form);
        var primary = Input(values, "");
        var deputy = Fields.All(f => string.IsNullOrWhiteSpace(values.GetValueOrDefault(DeputyPrefix + f.Field))) ? null : Input(values, DeputyPrefix);
        var result = await setContactPerson.HandleAsync(board, primary, deputy, caller.ApiCaller.Door, cancellationToken);
        if (result.Outcome is ContactPersonOutcome.Saved or ContactPersonOutcome.Unchanged)
        {
            return PageSession.SeeOtherTo($"{PageRoutes.Path(PageRoutes.PortalContactPerson)}?{SavedParameter}=1");
        }

        if (result.Outcome == ContactPersonOutcome.UnknownBoard || await getContactPerson.HandleAsync(board, cancellationToken) is not { } view)
        {
            return UnknownBoard(request, caller);
        }

        return result.Outcome == ContactPersonOutcome.Invalid
            ? Page(request, caller, view, values, result.Errors, notice: null, problem: null, StatusCodes.Status400BadRequest)
            : Page(request, caller, view, values, [], notice: null,
                "Uw bestuur is opgeheven; er kan geen contactpersoon worden vastgelegd. Klopt dit niet, neem dan contact op met de Helpdesk Lerarenregister.",
                StatusCodes.Status409Conflict);
    }

    private static IResult Page(
        HttpRequest request, PageCaller caller, ContactPersonsView view, Dictionary<string, string> values, IReadOnlyList<FieldError> errors, string? notice, string? problem, int statusCode)
    {
        var html = new StringBuilder();
        html.Append("<p><a href=\"").Append(Html.Text(PageRoutes.Path(PageRoutes.Portal))).Append("\">Terug naar het overzicht</a></p>\n")
            .Append("<h1>").Append(Title).Append("</h1>\n")
            .Append("<p>De contactpersoon krijgt de herinneringen en het nieuws over de leveringen van ").Append(Html.Text(view.Bestuur)).Append(".</p>\n");
        if (notice is not null)
        {
            html.Append("<p class=\"melding\" role=\"status\">").Append(Html.Text(notice)).Append("</p>\n");
        }

        if (problem is not null)
        {
            html.Append("<div class=\"melding fout-blok\" role=\"alert\"><p class=\"fout\">").Append(Html.Text(problem)).Append("</p></div>\n");
        }

        if (errors.Count > 0)
        {
            html.Append("<div class=\"melding fout-blok\" role=\"alert\" aria-labelledby=\"kop-fouten\">\n<h2 id=\"kop-fouten\">De contactpersoon is niet opgeslagen</h2>\n<ul>\n");
            foreach (var error in errors)
            {
                html.Append("<li><a href=\"#").Append(Html.Text(Id(error.Veld))).Append("\">").Append(Html.Text(error.Melding)).Append("</a></li>\n");
            }

            html.Append("</ul>\n</div>\n");
        }

        AppendCurrent(html, view);
        html.Append("<h2 id=\"kop-wijzigen\">Contactpersoon wijzigen</h2>\n")
            .Append("<form method=\"post\" action=\"").Append(Html.Text(PageRoutes.Path(PageRoutes.PortalContactPerson))).Append("\" novalidate>\n")
            .Append(PageSession.CsrfInput(caller)).Append('\n');
        AppendFieldset(html, "Contactpersoon", "", values, errors);
        AppendFieldset(html, "Plaatsvervanger (niet verplicht; laat leeg voor geen plaatsvervanger)", DeputyPrefix, values, errors);
        html.Append("<div class=\"acties\"><button type=\"submit\">Opslaan</button></div>\n</form>\n");
        return PageLayout.Page(request.HttpContext, PortalPages.Shell(caller), errors.Count > 0 ? "Fout: " + Title : Title, html.ToString(), statusCode);
    }

    private static void AppendCurrent(StringBuilder html, ContactPersonsView view)
    {
        html.Append("<h2 id=\"kop-huidig\">Huidige gegevens</h2>\n");
        if (view.Contactpersoon is not { } person)
        {
            html.Append("<p>Uw bestuur heeft nog geen contactpersoon. Vul hieronder de gegevens in.</p>\n");
            return;
        }

        html.Append("<dl class=\"gegevens\">\n");
        AppendPerson(html, "Contactpersoon", person);
        if (view.Plaatsvervanger is { } deputy)
        {
            AppendPerson(html, "Plaatsvervanger", deputy);
        }

        if (view.Sinds is { } since)
        {
            html.Append("<dt>Gewijzigd op</dt><dd>").Append(Html.Moment(since)).Append("</dd>\n");
        }

        html.Append("</dl>\n");
    }

    private static void AppendPerson(StringBuilder html, string role, ContactPersonJson person)
    {
        html.Append("<dt>").Append(Html.Text(role)).Append("</dt><dd>").Append(Html.Text(person.Naam));
        if (!string.IsNullOrEmpty(person.Functie))
        {
            html.Append(" (").Append(Html.Text(person.Functie)).Append(')');
        }

        html.Append("<br>").Append(Html.Text(person.EmailAdres));
        if (!string.IsNullOrEmpty(person.Telefoonnummer))
        {
            html.Append("<br>").Append(Html.Text(person.Telefoonnummer));
        }

        html.Append("</dd>\n");
    }

    private static void AppendFieldset(StringBuilder html, string legend, string prefix, Dictionary<string, string> values, IReadOnlyList<FieldError> errors)
    {
        html.Append("<fieldset>\n<legend>").Append(Html.Text(legend)).Append("</legend>\n");
        foreach (var (field, label, type, autocomplete, required) in Fields)
        {
            var name = prefix + field;
            var id = Id(name);
            var messages = errors.Where(e => e.Veld == name).Select(e => e.Melding).ToList();
            html.Append("<label for=\"").Append(id).Append("\">").Append(Html.Text(label))
                .Append(required && prefix.Length == 0 ? "" : " (niet verplicht)").Append("</label>\n");
            if (messages.Count > 0)
            {
                html.Append("<p class=\"fout\" id=\"").Append(id).Append("-fout\">");
                html.AppendJoin(" ", messages.Select(Html.Text));
                html.Append("</p>\n");
            }

            html.Append("<input type=\"").Append(type).Append("\" id=\"").Append(id).Append("\" name=\"").Append(Html.Text(name))
                .Append("\" value=\"").Append(Html.Text(values.GetValueOrDefault(name))).Append('"')
                .Append(" autocomplete=\"").Append(prefix.Length == 0 ? autocomplete : "off").Append('"');
            if (required && prefix.Length == 0)
            {
                html.Append(" aria-required=\"true\"");
            }

            if (messages.Count > 0)
            {
                html.Append(" aria-invalid=\"true\" aria-describedby=\"").Append(id).Append("-fout\"");
            }

            html.Append(">\n");
        }

        html.Append("</fieldset>\n");
    }

    /// <summary>The id of a field's input: its contract name with <c>.</c> as <c>-</c>.</summary>
    private static string Id(string field) => field.Replace('.', '-');

    private static ContactPersonInput Input(Dictionary<string, string> values, string prefix) => new(
        values.GetValueOrDefault(prefix + "naam"),
        values.GetValueOrDefault(prefix + "functie"),
        values.GetValueOrDefault(prefix + "emailadres"),
        values.GetValueOrDefault(prefix + "telefoonnummer"));

    private static Dictionary<string, string> Values(IFormCollection form) =>
        Fields.SelectMany(f => new[] { f.Field, DeputyPrefix + f.Field })
            .ToDictionary(name => name, name => form[name].ToString(), StringComparer.Ordinal);

    private static Dictionary<string, string> Values(ContactPersonsView view)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (prefix, person) in new[] { ("", view.Contactpersoon), (DeputyPrefix, view.Plaatsvervanger) })
        {
            values[prefix + "naam"] = person?.Naam ?? "";
            values[prefix + "functie"] = person?.Functie ?? "";
            values[prefix + "emailadres"] = person?.EmailAdres ?? "";
            values[prefix + "telefoonnummer"] = person?.Telefoonnummer ?? "";
        }

        return values;
    }

    private static IResult UnknownBoard(HttpRequest request, PageCaller caller) => PageLayout.Error(
        request.HttpContext,
        PortalPages.Shell(caller),
        StatusCodes.Status404NotFound,
        "Bestuur niet gevonden",
        "Uw bestuur staat (nog) niet in het register van besturen. Neem contact op met de Helpdesk Lerarenregister.");
}
