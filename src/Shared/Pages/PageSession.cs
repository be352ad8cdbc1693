using LerarenFunctions.Infrastructure.Access;
using CookieOptions = Microsoft.AspNetCore.Http.CookieOptions;
using FormOptions = Microsoft.AspNetCore.Http.Features.FormOptions;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using HttpResponse = Microsoft.AspNetCore.Http.HttpResponse;
using IFormCollection = Microsoft.AspNetCore.Http.IFormCollection;
using IResult = Microsoft.AspNetCore.Http.IResult;
using SameSiteMode = Microsoft.AspNetCore.Http.SameSiteMode;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The session of a page request, alike in both hosts: the cookie read and written, and the antiforgery token of every
/// form checked. A page handler asks <see cref="ReadAsync"/> first and sends a request without a session to its
/// area's sign-in (<see cref="SignIn"/>); a POST reads its form with <see cref="ReadFormAsync"/>, which refuses a form
/// without the session's token.
/// </summary>
internal static class PageSession
{
    /// <summary>The longest form of a page (a contact person); anything larger is no form of ours.</summary>
    private const long MaxFormBytes = 64 * 1024;

    /// <summary>Limits for a form read without a length up front: a few dozen short fields at most.</summary>
    private static readonly FormOptions FormLimits = new() { ValueCountLimit = 64, KeyLengthLimit = 128, ValueLengthLimit = 4096 };

    /// <summary>The signed-in session of the request (cookie <see cref="PageSessions.CookieName"/>), or null.</summary>
    public static Task<PageCaller?> ReadAsync(HttpRequest request, PageSessions sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sessions);
        return sessions.ResumeAsync(request.Cookies[PageSessions.CookieName], cancellationToken);
    }

    /// <summary>Hands the browser the cookie of a new session.</summary>
    public static void Start(HttpResponse response, PageSessions sessions, SignedIn signedIn)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(signedIn);
        // No Expires: the cookie goes with the browser; the session row ends after PageSessions.Lifetime regardless.
        response.Cookies.Append(PageSessions.CookieName, signedIn.Cookie, CookieOptions(sessions));
    }

    /// <summary>Removes the session cookie from the browser.</summary>
    public static void End(HttpResponse response, PageSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(PageSessions.CookieName, CookieOptions(sessions));
    }

    /// <summary>The hidden field with the session's antiforgery token: in every form a signed-in page has.</summary>
    public static string CsrfInput(PageCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return $"<input type=\"hidden\" name=\"{PageSessions.CsrfField}\" value=\"{Html.Text(caller.Csrf)}\">";
    }

    /// <summary>
    /// The posted form (<c>application/x-www-form-urlencoded</c>) when it carries the session's antiforgery token; null
    /// for anything else: no form, too large, or without the right token. Answer null with <see cref="BadForm"/>.
    /// </summary>
    public static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, PageCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (!request.HasFormContentType || request.ContentLength > MaxFormBytes)
        {
            return null;
        }

        var form = await Microsoft.AspNetCore.Http.RequestFormReaderExtensions.ReadFormAsync(request, FormLimits, cancellationToken);
        return form.TryGetValue(PageSessions.CsrfField, out var token) && token.Count == 1 && caller.AcceptsToken(token[0]) ? form : null;
    }

    /// <summary>400 with a Dutch page: a POST without the session's antiforgery token (an old tab, or another site's form).</summary>
    public static IResult BadForm(HttpRequest request, PageShell shell) => PageLayout.Error(
        request.HttpContext,
        shell,
        StatusCodes.Status400BadRequest,
        "Dit formulier is niet geaccepteerd",
        "Het formulier hoort niet bij uw huidige sessie. Open de pagina opnieuw en probeer het nog eens. Er is niets opgeslagen.");

    /// <summary>The answer to a request without a session: to the area's sign-in page (303, so a POST becomes a GET).</summary>
    public static IResult SignIn(string signInPath) => new SeeOther(signInPath);

    /// <summary>303 See Other to <paramref name="path"/>: after a POST, the browser asks the next page with GET.</summary>
    public static IResult SeeOtherTo(string path) => new SeeOther(path);

    private static CookieOptions CookieOptions(PageSessions sessions) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = sessions.SecureCookie,
        Path = "/",
        IsEssential = true,
    };

    /// <summary>A redirect that is a 303 whatever the request's method: Results.Redirect answers 302.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(Microsoft.AspNetCore.Http.HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            PageLayout.Protect(httpContext.Response);
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
