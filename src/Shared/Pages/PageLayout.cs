using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Infrastructure.Access;
using HttpContext = Microsoft.AspNetCore.Http.HttpContext;
using HttpResponse = Microsoft.AspNetCore.Http.HttpResponse;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The frame of a page: the area's service name and home, and who is signed in (null on a sign-in page) with where
/// that session signs out.
/// </summary>
/// <param name="ServiceName">Shown in the header and the title, e.g. <c>Lerarenregister – portaal voor besturen</c>.</param>
/// <param name="HomePath">Where the service name links to, e.g. <c>/portaal</c>.</param>
/// <param name="Caller">The signed-in session; null shows no sign-out.</param>
/// <param name="SignOutPath">Where the sign-out form posts, e.g. <c>/portaal/afmelden</c>.</param>
/// <param name="SignedInAs">Who the header says is signed in (plain text, encoded here), e.g. <c>Bestuur 10053</c>.</param>
internal sealed record PageShell(string ServiceName, string HomePath, PageCaller? Caller = null, string? SignOutPath = null, string? SignedInAs = null);

/// <summary>
/// The common HTML of every page, in one place: <c>&lt;html lang="nl"&gt;</c>, a skip link, a header with the service
/// name and sign-out, <c>&lt;main&gt;</c>, the one stylesheet and the one script (inline, allowed by their hashes in
/// the Content-Security-Policy, so nothing else can run), and the headers that keep personal data out of caches.
/// </summary>
internal static class PageLayout
{
    /// <summary>
    /// The page's only script: every element with <c>data-ververs="{url}"</c> gets that URL's HTML fragment every few
    /// seconds, until the answer says <c>X-Ververs: klaar</c> or is no success (signed out). A focused link inside keeps
    /// its focus. Without it the page works the same, only without the refresh.
    /// </summary>
    public const string Script = """
        (function () {
          if (!window.fetch) { return; }
          document.querySelectorAll('[data-ververs]').forEach(function (area) {
            var last = area.innerHTML;
            var timer = setInterval(function () {
              fetch(area.getAttribute('data-ververs'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
                .then(function (r) {
                  if (!r.ok) { clearInterval(timer); return null; }
                  if (r.headers.get('X-Ververs') === 'klaar') { clearInterval(timer); }
                  return r.text();
                })
                .then(function (html) {
                  if (html === null || html === last) { return; }
                  var focused = area.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
                  area.innerHTML = html;
                  last = area.innerHTML;
                  if (focused) { var again = area.querySelector('[href="' + CSS.escape(focused) + '"]'); if (again) { again.focus(); } }
                })
                .catch(function () { });
            }, 3000);
          });
        })();
        """;

    /// <summary>
    /// The one stylesheet: system fonts, text at least 4.5:1 against its background, a focus ring that is always
    /// visible (3px, black on a yellow halo), tables that scroll sideways on a phone instead of breaking the page.
    /// </summary>
    public const string Style = """
        *,*::before,*::after{box-sizing:border-box}
        html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#fff}
        body{margin:0}
        a{color:#01598a;text-decoration:underline}
        a:hover{color:#154273}
        :focus-visible{outline:3px solid #000;outline-offset:2px;box-shadow:0 0 0 6px #ffd23f}
        .overslaan{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem}
        .overslaan:focus{left:1rem;z-index:10}
        header{background:#154273;color:#fff}
        header .balk{max-width:64rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
        header a{color:#fff;font-weight:600;font-size:1.15rem;text-decoration:none}
        header a:hover{text-decoration:underline;color:#fff}
        header .wie{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
        header form{margin:0}
        header button{background:#fff;color:#154273;border:2px solid #fff}
        main{display:block;max-width:64rem;margin:0 auto;padding:1rem 1rem 3rem}
        main:focus{outline:none}
        h1{font-size:1.75rem;line-height:1.25;margin:1rem 0}
        h2{font-size:1.35rem;margin:2rem 0 .75rem;border-bottom:1px solid #b3b3b3;padding-bottom:.25rem}
        h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
        label{display:block;font-weight:600;margin:.75rem 0 .25rem}
        .keuze label{display:inline;font-weight:400;margin-left:.4rem}
        .hint{color:#4d4d4d;margin:.1rem 0 .3rem;font-size:.95rem}
        input[type=text],input[type=email],input[type=tel],input[type=password],input[type=file]{font:inherit;width:100%;max-width:32rem;padding:.5rem;border:2px solid #4d4d4d;border-radius:2px;background:#fff;color:#1a1a1a}
        input[type=checkbox]{width:1.25rem;height:1.25rem;vertical-align:middle}
        input[aria-invalid=true]{border-color:#b00020}
        button,.knop{display:inline-block;font:inherit;font-weight:600;padding:.55rem 1.1rem;border:2px solid #154273;border-radius:2px;background:#154273;color:#fff;cursor:pointer;text-decoration:none}
        button:hover,.knop:hover{background:#0b2a4a;color:#fff}
        button.secundair{background:#fff;color:#154273}
        .acties{margin-top:1rem;display:flex;flex-wrap:wrap;gap:.75rem}
        .fout{color:#b00020;font-weight:600;margin:.25rem 0}
        .melding{border-left:6px solid #154273;background:#eef3f8;padding:.75rem 1rem;margin:1rem 0}
        .melding.fout-blok{border-color:#b00020;background:#fdf0f2;color:#1a1a1a;font-weight:400}
        .tabel{overflow-x:auto;margin:.5rem 0 1rem}
        table{border-collapse:collapse;width:100%;font-size:.95rem}
        caption{text-align:left;font-weight:600;padding:.25rem 0}
        th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid #b3b3b3}
        th{background:#f2f2f2}
        td.getal,th.getal{text-align:right}
        progress{width:8rem;height:1rem;vertical-align:middle}
        dl.gegevens{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
        dl.gegevens dt{font-weight:600}
        dl.gegevens dd{margin:0}
        fieldset{border:1px solid #b3b3b3;padding:.5rem 1rem 1rem;margin:1rem 0}
        legend{font-weight:600;padding:0 .25rem}
        code{background:#f2f2f2;padding:0 .2rem}
        @media (max-width:40rem){h1{font-size:1.4rem}dl.gegevens{grid-template-columns:1fr}dl.gegevens dd{margin-bottom:.5rem}}
        """;

    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src '{Sha256(Style)}'; script-src '{Sha256(Script)}'; connect-src 'self'; img-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A whole page: <paramref name="title"/> is plain text (encoded here), <paramref name="main"/> is HTML built with <see cref="Html"/>.</summary>
    public static IResult Page(HttpContext context, PageShell shell, string title, string main, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(shell);
        Protect(context.Response);
        var html = new StringBuilder(main.Length + Style.Length + Script.Length + 2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Html.Text(title)).Append(" – ").Append(Html.Text(shell.ServiceName)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<a class=\"overslaan\" href=\"#inhoud\">Naar de inhoud</a>\n")
            .Append("<header><div class=\"balk\">")
            .Append("<a href=\"").Append(Html.Text(shell.HomePath)).Append("\">").Append(Html.Text(shell.ServiceName)).Append("</a>");
        if (shell.Caller is { } caller && shell.SignOutPath is { } signOut)
        {
            html.Append("<div class=\"wie\"><span>Aangemeld als ").Append(Html.Text(shell.SignedInAs ?? caller.Who)).Append("</span>")
                .Append("<form method=\"post\" action=\"").Append(Html.Text(signOut)).Append("\">")
                .Append(PageSession.CsrfInput(caller))
                .Append("<button type=\"submit\">Afmelden</button></form></div>");
        }

        html.Append("</div></header>\n<main id=\"inhoud\" tabindex=\"-1\">\n")
            .Append(main)
            .Append("\n</main>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    /// <summary>A part of a page, fetched by the script: the same headers, no frame.</summary>
    public static IResult Fragment(HttpContext context, string html, bool finished)
    {
        ArgumentNullException.ThrowIfNull(context);
        Protect(context.Response);
        if (finished)
        {
            context.Response.Headers["X-Ververs"] = "klaar";
        }

        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>A page that only says what went wrong (plain text, encoded here), with a link back to the area's home.</summary>
    public static IResult Error(HttpContext context, PageShell shell, int statusCode, string title, string message)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var main = $"<h1>{Html.Text(title)}</h1>\n<p>{Html.Text(message)}</p>\n<p><a href=\"{Html.Text(shell.HomePath)}\">Terug naar het overzicht</a></p>";
        return Page(context, shell, title, main, statusCode);
    }

    /// <summary>
    /// The headers of every answer that may hold a board's data: never cached or stored, never sniffed or framed, and
    /// only the page's own style and script run.
    /// </summary>
    public static void Protect(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
