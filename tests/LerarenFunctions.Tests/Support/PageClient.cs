using System.Net;
using System.Text.RegularExpressions;

namespace LerarenFunctions.Tests.Support;

/// <summary>Requests to the pages as a browser sends them: cookies kept, redirects not followed, forms with their token.</summary>
public static partial class PageClient
{
    /// <summary>A client of <paramref name="baseUrl"/> that keeps cookies and follows no redirect.</summary>
    public static HttpClient New(Uri baseUrl)
    {
#pragma warning disable CA2000 // The client owns the handler and disposes it.
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUrl };
    }

    /// <summary>
    /// Signs in at <paramref name="area"/> (<c>portaal</c> or <c>beheer</c>) with <paramref name="key"/> as a browser
    /// would: the form (its token and cookie), then the key; the client keeps the session cookie.
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(Uri baseUrl, string area, string key)
    {
        var browser = New(baseUrl);
        var form = await browser.GetStringAsync($"{area}/aanmelden");
        using var fields = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_csrf"] = CsrfToken(form),
            ["sleutel"] = key,
        });
        using var response = await browser.PostAsync($"{area}/aanmelden", fields);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/{area}", response.Headers.Location?.OriginalString);
        return browser;
    }

    /// <summary>The antiforgery token of the first form on <paramref name="html"/>.</summary>
    public static string CsrfToken(string html) => CsrfField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
