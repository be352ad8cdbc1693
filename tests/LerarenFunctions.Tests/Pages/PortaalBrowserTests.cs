using System.Text;
using System.Text.Json.Nodes;
using LerarenFunctions.Tests.Support;
using Microsoft.Playwright;
using static LerarenFunctions.Tests.Support.BrowserPages;
using static Microsoft.Playwright.Assertions;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// The board's page in a real browser (Debian's Chromium through Playwright) against the LocalHost process with the
/// register simulator: what a board does without reading any JSON, that it sees only its own data, and that the
/// session, its antiforgery token and the keyboard behave. Every page is saved as a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortaalBrowserTests(Browser browser, PortaalHost host) : IClassFixture<PortaalHost>
{
    private static readonly TimeSpan Forwarding = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Portal_TakesAFileShowsItsTerugmeldingAndChangesTheContactPerson_WhenUsedInTheBrowser()
    {
        var (_, key) = await host.IssueKeyAsync(PortaalHost.BoardA);
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, key, screenshot: "portaal-aanmelden");

        await page.GetByLabel("Proeflevering").UncheckAsync();
        await page.GetByLabel("Lerarenbestand (CSV of XLSX)").SetInputFilesAsync(new FilePayload
        {
            Name = "leraren.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(PortaalHost.FileWithOneBadRow(PortaalHost.BoardA, valid: 3, seed: 21)),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestand versturen" }).ClickAsync();
        // Back on the board's page, received or with an error: the assertion below tells which.
        await BrowserPages.WaitForAddressAsync(page, "/portaal?", exact: false);
        Assert.True(page.Url.Contains("/portaal?ontvangen=", StringComparison.Ordinal), $"{page.Url}: {await page.Locator("body").InnerTextAsync()}");

        // The status moves on this same page: the marker survives only if the page is never loaded again.
        await page.EvaluateAsync("() => { window.zelfdePagina = true; }");
        var row = page.Locator("#leveringen tr[data-levering]").First;
        await Expect(row.Locator("td.status")).ToHaveTextAsync("afgerond", new() { Timeout = (float)Forwarding.TotalMilliseconds });
        Assert.True(await page.EvaluateAsync<bool>("() => window.zelfdePagina === true"), "The page was loaded again.");
        // Four rows: three accepted and registered, one refused.
        await Expect(row.Locator("td.getal")).ToHaveTextAsync(["4", "3", "1", "3"]);
        await Browser.ScreenshotAsync(page, "portaal");

        var id = await row.GetAttributeAsync("data-levering");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await BrowserPages.WaitForAddressAsync(page, $"/portaal/leveringen/{id}");
        var melding = page.Locator("table tbody tr").Filter(new() { HasText = "BSN_ONGELDIG" });
        await Expect(melding).ToHaveCountAsync(1);
        await Expect(melding).ToContainTextAsync("******789");
        await Expect(melding.Locator("th")).ToHaveTextAsync("5");
        await Expect(page.Locator("main")).ToContainTextAsync("geregistreerd");
        Assert.DoesNotContain(PortaalHost.BadBsn, await page.ContentAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "portaal-levering");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Terugmelding downloaden (CSV)" }).ClickAsync());
        Assert.Equal($"terugmelding-{id}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("BSN_ONGELDIG", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(PortaalHost.BadBsn, csv, StringComparison.Ordinal);

        await page.GotoAsync("/portaal/contactpersoon");
        await page.Locator("#naam").FillAsync("J. de Vries");
        await page.Locator("#functie").FillAsync("Salarisadministratie");
        await page.Locator("#emailadres").FillAsync("geen-e-mailadres");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.Locator("#emailadres-fout")).ToContainTextAsync("e-mailadres is ongeldig");
        await Expect(page.Locator("#emailadres")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#emailadres")).ToHaveValueAsync("geen-e-mailadres");
        await Browser.ScreenshotAsync(page, "portaal-contactpersoon-fout");

        await page.Locator("#emailadres").FillAsync("j.devries@portaal-noord.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De contactpersoon is opgeslagen");
        await Expect(page.Locator("dl.gegevens")).ToContainTextAsync("j.devries@portaal-noord.example");
        await Browser.ScreenshotAsync(page, "portaal-contactpersoon");
        var stored = JsonNode.Parse(await host.Api.GetStringAsync($"api/besturen/{PortaalHost.BoardA}/contactpersoon"))!;
        Assert.Equal("J. de Vries", (string?)stored["contactpersoon"]!["naam"]);
    }

    [Fact]
    public async Task Portal_ShowsAnotherBoardNothing_WhenSignedInWithItsKey()
    {
        var delivered = await host.DeliverAsync(PortaalHost.BoardA, PortaalHost.FileWithOneBadRow(PortaalHost.BoardA, seed: 22));
        var (_, key) = await host.IssueKeyAsync(PortaalHost.BoardB);
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, key);

        await Expect(page.Locator("#leveringen")).ToContainTextAsync("U heeft nog geen bestanden aangeleverd.");
        Assert.DoesNotContain(delivered, await page.ContentAsync(), StringComparison.Ordinal);

        var other = await page.GotoAsync($"/portaal/leveringen/{delivered}");
        var otherText = await page.Locator("main").InnerTextAsync();
        await Browser.ScreenshotAsync(page, "portaal-niet-gevonden");
        var nobody = await page.GotoAsync($"/portaal/leveringen/{PortaalHost.BoardB}-000000000000000000000000");
        Assert.Equal(404, other!.Status);
        Assert.Equal(404, nobody!.Status);
        Assert.Equal(await page.Locator("main").InnerTextAsync(), otherText);

        var csv = await page.APIRequest.GetAsync($"/portaal/leveringen/{delivered}/terugmelding.csv");
        Assert.Equal(404, csv.Status);
    }

    [Fact]
    public async Task Post_IsRefusedWithADutchPage_WhenTheAntiforgeryTokenIsMissingOrWrong()
    {
        var (_, key) = await host.IssueKeyAsync(PortaalHost.BoardB);
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, key);
        var before = await host.Api.GetStringAsync($"api/besturen/{PortaalHost.BoardB}/contactpersoon");

        // The browser's own cookies go along (the same session); only the token is missing or wrong.
        var missing = await page.APIRequest.PostAsync("/portaal/contactpersoon", new()
        {
            Form = FormOf(page.APIRequest, ("naam", "Kwaadwillend"), ("emailadres", "kwaad@voorbeeld.example")),
        });
        var wrong = await page.APIRequest.PostAsync("/portaal/contactpersoon", new()
        {
            Form = FormOf(page.APIRequest, ("_csrf", "niet-het-token"), ("naam", "Kwaadwillend"), ("emailadres", "kwaad@voorbeeld.example")),
        });
        var signOut = await page.APIRequest.PostAsync("/portaal/afmelden", new() { Form = FormOf(page.APIRequest) });

        foreach (var refused in new[] { missing, wrong, signOut })
        {
            Assert.Equal(400, refused.Status);
            Assert.Contains("Dit formulier is niet geaccepteerd", await refused.TextAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await host.Api.GetStringAsync($"api/besturen/{PortaalHost.BoardB}/contactpersoon"));
        await page.GotoAsync("/portaal");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" })).ToBeVisibleAsync();

        await page.SetContentAsync(await missing.TextAsync());
        await Browser.ScreenshotAsync(page, "portaal-formulier-geweigerd");
    }

    [Fact]
    public async Task SignOut_EndsTheSession_EvenForACopyOfItsCookie()
    {
        var (_, key) = await host.IssueKeyAsync(PortaalHost.BoardB);
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, key);
        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "lf-sessie");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/", session.Path);

        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await BrowserPages.WaitForAddressAsync(page, "/portaal/aanmelden?afgemeld=1");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("U bent afgemeld.");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "lf-sessie");
        await Browser.ScreenshotAsync(page, "portaal-afgemeld");

        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = session.Name, Value = session.Value, Domain = session.Domain, Path = session.Path }]);
        await page.GotoAsync("/portaal");
        Assert.EndsWith("/portaal/aanmelden", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_Ends_WhenItsKeyIsRevoked()
    {
        var (id, key) = await host.IssueKeyAsync(PortaalHost.BoardB);
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, key);

        await host.RevokeKeyAsync(PortaalHost.BoardB, id);
        await page.ReloadAsync();

        Assert.EndsWith("/portaal/aanmelden", page.Url, StringComparison.Ordinal);
        await page.Locator("#sleutel").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("onbekend, onjuist of ingetrokken");
        await Browser.ScreenshotAsync(page, "portaal-aanmelden-fout");
    }

    [Fact]
    public async Task Tab_ReachesEveryControlInDocumentOrder_OnEachPortalPage()
    {
        var delivered = await host.DeliverAsync(PortaalHost.BoardA, PortaalHost.FileWithOneBadRow(PortaalHost.BoardA, seed: 23));
        var (_, key) = await host.IssueKeyAsync(PortaalHost.BoardA);
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/portaal/aanmelden");
        await AssertTabReachesEveryControlAsync(page);
        await SignInAsync(page, key);
        foreach (var path in new[] { "/portaal", $"/portaal/leveringen/{delivered}", "/portaal/contactpersoon" })
        {
            await page.GotoAsync(path);
            await AssertTabReachesEveryControlAsync(page);
        }
    }

    /// <summary>Signs in on the sign-in page with <paramref name="key"/>, by keyboard, and lands on the board's page.</summary>
    private static async Task SignInAsync(IPage page, string key, string? screenshot = null)
    {
        await BrowserPages.SignInAsync(page, "portaal", key, screenshot);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Stichting Portaal");
    }

    private static IFormData FormOf(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
