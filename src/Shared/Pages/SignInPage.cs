using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Infrastructure.Access;
using CookieOptions = Microsoft.AspNetCore.Http.CookieOptions;
using HttpMethods = Microsoft.AspNetCore.Http.HttpMethods;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using SameSiteMode = Microsoft.AspNetCore.Http.SameSiteMode;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http.Pages;

/// <summary>What differs between the areas' sign-in pages.</summary>
/// <param name="Shell">The area's frame, without a caller.</param>
/// <param name="SignInPath">This page, e.g. <c>/portaal/aanmelden</c>.</param>
/// <param name="Title">The heading, e.g. <c>Aanmelden voor besturen</c>.</param>
/// <param name="Hint">One sentence under the key field: which key, where it comes from.</param>
/// <param name="IsOperator">The operator key (<c>/beheer</c>) rather than a board key (<c>/portaal</c>).</param>
internal sealed record SignInArea(PageShell Shell, string SignInPath, string Title, string Hint, bool IsOperator);

/// <summary>
/// Sign-in and sign-out of an area, alike for <c>/portaal</c> (a board key) and <c>/beheer</c> (the operator key):
/// GET shows the form, POST checks the key and starts a session (a new one every time, so a session id planted before
/// sign-in is worth nothing). The form has no session yet, so its antiforgery token is a cookie of its own that the
/// form must echo (SameSite=Strict keeps another site's form from sending it).
/// </summary>
internal static class SignInPage
{
    /// <summary>The form's key field.</summary>
    public const string KeyField = "sleutel";

    /// <summary>The query parameter of the page shown after sign-out.</summary>
    public const string SignedOutParameter = "afgemeld";

    private const string FormCookie = "lf-aanmelden";

    /// <summary>GET: the form, or home for a caller of this area who is signed in; POST: the key.</summary>
    public static async Task<IResult> HandleAsync(HttpRequest request, SignInArea area, PageSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(sessions);
        if (HttpMethods.IsPost(request.Method))
        {
            return await PostAsync(request, area, sessions, cancellationToken);
        }

        if (await PageSession.ReadAsync(request, sessions, cancellationToken) is { } caller && caller.IsOperator == area.IsOperator)
        {
            return PageSession.SignIn(area.Shell.HomePath);
        }

        var notice = request.Query.ContainsKey(SignedOutParameter) ? "U bent afgemeld." : null;
        return Form(request, area, sessions, notice, error: null, StatusCodes.Status200OK);
    }

    /// <summary>POST: ends the session (its row and its cookie) and shows the sign-in page.</summary>
    public static async Task<IResult> SignOutAsync(HttpRequest request, SignInArea area, PageSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(sessions);
        if (await PageSession.ReadAsync(request, sessions, cancellationToken) is not { } caller)
        {
            PageSession.End(request.HttpContext.Response, sessions);
            return PageSession.SignIn(area.SignInPath);
        }

        if (await PageSession.ReadFormAsync(request, caller, cancellationToken) is null)
        {
            return PageSession.BadForm(request, area.Shell with { Caller = caller });
        }

        await sessions.SignOutAsync(request.Cookies[PageSessions.CookieName], cancellationToken);
        PageSession.End(request.HttpContext.Response, sessions);
        return PageSession.SignIn($"{area.SignInPath}?{SignedOutParameter}=1");
    }

    private static async Task<IResult> PostAsync(HttpRequest request, SignInArea area, PageSessions sessions, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType && request.ContentLength is null or <= 16 * 1024
            ? await request.ReadFormAsync(cancellationToken)
            : null;
        var expected = request.Cookies[FormCookie];
        var given = form is not null && form.TryGetValue(PageSessions.CsrfField, out var token) && token.Count == 1 ? token[0] : null;
        if (expected is null || given is null || !SameToken(expected, given))
        {
            return PageLayout.Error(
                request.HttpContext,
                area.Shell,
                StatusCodes.Status400BadRequest,
                "Aanmelden is niet gelukt",
                "Het aanmeldformulier is verlopen of komt niet van deze site. Open de aanmeldpagina opnieuw en probeer het nog eens.");
        }

        var key = form![KeyField].ToString();
        var signedIn = area.IsOperator
            ? await sessions.SignInOperatorAsync(key, cancellationToken)
            : await sessions.SignInBoardAsync(key, cancellationToken);
        if (signedIn is null)
        {
            return Form(request, area, sessions, notice: null, error: area.IsOperator
                ? "Deze sleutel is onjuist. Gebruik de beheersleutel."
                : "Deze sleutel is onbekend, onjuist of ingetrokken. Controleer de sleutel of vraag een nieuwe aan bij de Helpdesk Lerarenregister.", StatusCodes.Status200OK);
        }

        // A session the browser still had ends here: one browser, one session.
        await sessions.SignOutAsync(request.Cookies[PageSessions.CookieName], cancellationToken);
        request.HttpContext.Response.Cookies.Delete(FormCookie, FormCookieOptions(area, sessions));
        PageSession.Start(request.HttpContext.Response, sessions, signedIn);
        return PageSession.SignIn(area.Shell.HomePath);
    }

    private static IResult Form(HttpRequest request, SignInArea area, PageSessions sessions, string? notice, string? error, int statusCode)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        request.HttpContext.Response.Cookies.Append(FormCookie, token, FormCookieOptions(area, sessions));
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.Text(area.Title)).Append("</h1>\n");
        if (notice is not null)
        {
            html.Append("<p class=\"melding\" role=\"status\">").Append(Html.Text(notice)).Append("</p>\n");
        }

        if (error is not null)
        {
            html.Append("<div class=\"melding fout-blok\" role=\"alert\"><p id=\"sleutel-fout\" class=\"fout\">").Append(Html.Text(error)).Append("</p></div>\n");
        }

        html.Append("<form method=\"post\" action=\"").Append(Html.Text(area.SignInPath)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(PageSessions.CsrfField).Append("\" value=\"").Append(Html.Text(token)).Append("\">\n")
            .Append("<label for=\"sleutel\">Sleutel</label>\n")
            .Append("<p class=\"hint\" id=\"sleutel-hint\">").Append(Html.Text(area.Hint)).Append("</p>\n")
            .Append("<input type=\"password\" id=\"sleutel\" name=\"").Append(KeyField).Append("\" autocomplete=\"off\" required spellcheck=\"false\" ")
            .Append(error is null ? "aria-describedby=\"sleutel-hint\"" : "aria-describedby=\"sleutel-hint sleutel-fout\" aria-invalid=\"true\"").Append(">\n")
            .Append("<div class=\"acties\"><button type=\"submit\">Aanmelden</button></div>\n</form>\n");
        return PageLayout.Page(request.HttpContext, area.Shell, area.Title, html.ToString(), statusCode);
    }

    private static CookieOptions FormCookieOptions(SignInArea area, PageSessions sessions) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = sessions.SecureCookie,
        Path = area.SignInPath,
        IsEssential = true,
    };

    private static bool SameToken(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
