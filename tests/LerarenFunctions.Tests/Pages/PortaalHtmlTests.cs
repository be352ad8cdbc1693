using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// The board's pages over plain HTTP on the LocalHost, without a browser: values a board typed are encoded wherever a
/// page shows them, every page carries the headers that keep it out of caches and frames, a page without a session
/// sends the browser to sign in, and the template files pass the validator.
/// </summary>
public sealed partial class PortaalHtmlTests(PortaalHost host) : IClassFixture<PortaalHost>
{
    [Fact]
    public async Task Pages_EncodeAContactName_WhenItHoldsMarkup()
    {
        const string Name = "<script>alert('x')</script> & \"Zn\"";
        var set = await host.Api.PutAsJsonAsync($"api/besturen/{PortaalHost.BoardB}/contactpersoon", new { naam = Name, emailadres = "markup@voorbeeld.example" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var browser = await SignedInAsync(PortaalHost.BoardB);

        foreach (var path in new[] { "portaal", "portaal/contactpersoon" })
        {
            var html = await browser.GetStringAsync(path);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Zn&quot;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_AreNeverCachedFramedOrRunOtherScripts_WhenServed()
    {
        using var browser = await SignedInAsync(PortaalHost.BoardA);

        using var response = await browser.GetAsync("portaal");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'sha256-", policy, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Single(ScriptTag().Matches(html));
    }

    [Fact]
    public async Task Deliveries_ShowAProgressBarAndAskToBeRefreshed_WhileForwarded()
    {
        using var browser = await SignedInAsync(PortaalHost.BoardA);
        string id;
        host.Simulator.State.Faults.ExtraLatency = TimeSpan.FromSeconds(6);
        try
        {
            id = await host.SendCsvAsync(PortaalHost.BoardA, PortaalHost.FileWithOneBadRow(PortaalHost.BoardA, valid: 3, seed: 31));
            var moving = await Eventually.WaitAsync(
                async () =>
                {
                    using var response = await browser.GetAsync("portaal/leveringen");
                    var html = await response.Content.ReadAsStringAsync();
                    return html.Contains("<progress", StringComparison.Ordinal) && !response.Headers.Contains("X-Ververs") ? html : null;
                },
                TimeSpan.FromSeconds(30),
                () => "The delivery was never shown being forwarded.");
            Assert.Contains($"data-levering=\"{id}\"", moving, StringComparison.Ordinal);
            Assert.Contains("<progress max=\"3\" value=\"0\"", moving, StringComparison.Ordinal);
            Assert.Contains("data-ververs=\"/portaal/leveringen\"", await browser.GetStringAsync("portaal"), StringComparison.Ordinal);
        }
        finally
        {
            host.Simulator.State.Faults.ExtraLatency = TimeSpan.Zero;
        }

        var done = await Eventually.WaitAsync(
            async () =>
            {
                using var response = await browser.GetAsync("portaal/leveringen");
                return response.Headers.TryGetValues("X-Ververs", out var values) && values.Single() == "klaar" ? await response.Content.ReadAsStringAsync() : null;
            },
            TimeSpan.FromSeconds(60),
            () => "The delivery never finished.");
        Assert.DoesNotContain("<progress", done, StringComparison.Ordinal);
        Assert.DoesNotContain("data-ververs=\"", await browser.GetStringAsync("portaal"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_SendTheBrowserToSignIn_WhenThereIsNoSession()
    {
        using var anonymous = PageClient.New(host.LocalHost.BaseUrl);

        foreach (var path in new[] { "portaal", "portaal/contactpersoon", $"portaal/leveringen/{PortaalHost.BoardA}-000000000000000000000000", "portaal/sjabloon/csv" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/portaal/aanmelden", response.Headers.Location?.OriginalString);
        }

        using var fragment = await anonymous.GetAsync("portaal/leveringen");
        Assert.Equal(HttpStatusCode.Unauthorized, fragment.StatusCode);
    }

    [Fact]
    public async Task SignIn_IsRefused_WhenTheFormDoesNotEchoItsOwnCookie()
    {
        var (_, key) = await host.IssueKeyAsync(PortaalHost.BoardA);
        using var browser = PageClient.New(host.LocalHost.BaseUrl);

        using var response = await browser.PostAsync("portaal/aanmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_csrf"] = "van-een-andere-site",
            ["sleutel"] = key,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Aanmelden is niet gelukt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("lf-sessie=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Template_PassesTheValidatorWithTheBoardsNumber_WhenDownloaded(string format)
    {
        using var browser = await SignedInAsync(PortaalHost.BoardA);

        using var response = await browser.GetAsync($"portaal/sjabloon/{format}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"leraren-sjabloon.{format}", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var validator = new TeacherFileValidator(Options.Create(new TeacherFileOptions()), new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<TeacherFileValidator>.Instance);
        var records = 0;
        var report = await validator.ValidateAsync(
            new MemoryStream(bytes), $"sjabloon.{format}", Bestuursnummer.Parse(PortaalHost.BoardA), (_, _) => { records++; return ValueTask.CompletedTask; }, CancellationToken.None);
        Assert.Equal(TerugmeldingStatus.Goedgekeurd, report.Status);
        Assert.Empty(report.Meldingen);
        Assert.Equal(1, records);
    }

    [Fact]
    public async Task Upload_TakesTheXlsxTemplateAsATrial_WhenPostedAsTheFormWithItsToken()
    {
        using var browser = await SignedInAsync(PortaalHost.BoardA);
        var token = PageClient.CsrfToken(await browser.GetStringAsync("portaal"));
        var xlsx = await browser.GetByteArrayAsync("portaal/sjabloon/xlsx");

        using var withoutToken = Upload(null, xlsx);
        using var withToken = Upload(token, xlsx);
        using var refused = await browser.PostAsync("portaal/leveringen", withoutToken);
        using var accepted = await browser.PostAsync("portaal/leveringen", withToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        var location = accepted.Headers.Location!.OriginalString;
        Assert.StartsWith("/portaal?ontvangen=", location, StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(location.Split('=', 2)[1].Split('#')[0]);
        var status = await Eventually.WaitAsync(
            async () =>
            {
                var json = System.Text.Json.Nodes.JsonNode.Parse(await host.Api.GetStringAsync($"api/besturen/{PortaalHost.BoardA}/leveringen/{id}"))!;
                return (string?)json["status"] == "proef" ? json : null;
            },
            TimeSpan.FromSeconds(60),
            () => $"Upload {id} was not validated as a trial.");
        Assert.EndsWith(".xlsx", (string?)status["bestand"], StringComparison.Ordinal);
        Assert.Equal(1, (int?)status["aantallen"]!["goedgekeurd"]);
    }

    /// <summary>The board page's upload form as a browser posts it: the token (when given), the trial box, then the file.</summary>
#pragma warning disable CA2000 // The form owns its parts and disposes them with itself.
    private static MultipartFormDataContent Upload(string? token, byte[] file)
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "_csrf");
        }

        form.Add(new StringContent("ja"), "proef");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "bestand", "leraren.xlsx");
        return form;
    }
#pragma warning restore CA2000

    private async Task<HttpClient> SignedInAsync(string board) =>
        await PageClient.SignedInAsync(host.LocalHost.BaseUrl, "portaal", (await host.IssueKeyAsync(board)).Key);

    [GeneratedRegex("<script[ >]")]
    private static partial Regex ScriptTag();
}
