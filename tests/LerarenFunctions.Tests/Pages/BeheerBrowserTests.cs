using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Tests.Support;
using Microsoft.Playwright;
using static LerarenFunctions.Tests.Support.BrowserPages;
using static Microsoft.Playwright.Assertions;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// The operators' page in a real browser (Debian's Chromium through Playwright) against the LocalHost process with the
/// register simulator: an operator sees what is stuck and replays a dead letter with the button, a board key opens
/// nothing here, and the keyboard reaches every control. Every page is saved as a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BeheerBrowserTests(Browser browser, BeheerHost host) : IClassFixture<BeheerHost>
{
    private static readonly TimeSpan Forwarding = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Overview_ReplaysADeadLetterWithTheButton_WhenTheRegisterRefusedABatch()
    {
        var file = SyntheticData.TeacherCsv(BeheerHost.BoardA, rows: 4, seed: 41);
        var id = await host.DeliverRefusedAsync(BeheerHost.BoardA, file);
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();
        await SignInAsync(page, screenshot: "beheer-aanmelden");

        var letter = page.Locator($"tr[data-doodeletter=\"{id}/1\"]");
        await Expect(letter).ToContainTextAsync("REGISTER_WEIGERT_422");
        await Expect(page.Locator("main")).ToContainTextAsync("Stichting Beheer Zuid 10302");
        var html = await page.ContentAsync();
        Assert.All(SyntheticData.Bsns(seed: 41).Take(4), bsn => Assert.DoesNotContain(bsn, html, StringComparison.Ordinal));
        await Browser.ScreenshotAsync(page, "beheer");

        // A replay without the session's token changes nothing.
        var forged = await page.APIRequest.PostAsync($"/beheer/dodeletters/{id}/1/opnieuw", new() { Form = page.APIRequest.CreateFormData() });
        Assert.Equal(400, forged.Status);
        Assert.Contains("Dit formulier is niet geaccepteerd", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal("afgerond", (string?)(await host.StatusAsync(BeheerHost.BoardA, id))["status"]);

        await letter.GetByRole(AriaRole.Button, new() { Name = $"Opnieuw aanbieden: batch 1 van aanlevering {id}" }).ClickAsync();
        await BrowserPages.WaitForAddressAsync(page, "/beheer?opnieuw=aangeboden", exact: false);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Batch 1 van aanlevering {id} is opnieuw aangeboden");
        await Expect(letter).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "beheer-opnieuw-aangeboden");

        await Eventually.WaitAsync(
            async () =>
            {
                var status = await host.StatusAsync(BeheerHost.BoardA, id);
                return (string?)status["status"] == "afgerond" && (int?)status["aantallen"]!["mislukt"] == 0 && (int?)status["aantallen"]!["geregistreerd"] == 4 ? status : null;
            },
            Forwarding,
            () => $"Delivery {id} did not reach afgerond after the replay.{Environment.NewLine}{host.Process.Output}");
        await page.GotoAsync("/beheer");
        await Expect(page.Locator("main")).ToContainTextAsync("Er zijn geen dode letters.");
        await Expect(page.Locator("#onderweg-lijst")).ToContainTextAsync("Er zijn geen leveringen onderweg.");
    }

    [Fact]
    public async Task SignIn_RefusesABoardKey_OnTheOperatorsPage()
    {
        var (_, key) = await host.IssueKeyAsync(BeheerHost.BoardB);
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/beheer/aanmelden");
        await page.GetByLabel("Sleutel").FillAsync(key);
        await page.GetByLabel("Sleutel").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze sleutel is onjuist");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == PageSessions.CookieName);
        await Browser.ScreenshotAsync(page, "beheer-aanmelden-fout");

        // Signed in as the board on its own page, the operators' page still asks for the operator key.
        await page.GotoAsync("/portaal/aanmelden");
        await page.GetByLabel("Sleutel").FillAsync(key);
        await page.GetByLabel("Sleutel").PressAsync("Enter");
        await BrowserPages.WaitForAddressAsync(page, "/portaal");
        await page.GotoAsync("/beheer");
        Assert.EndsWith("/beheer/aanmelden", page.Url, StringComparison.Ordinal);
        var fragment = await page.APIRequest.GetAsync("/beheer/onderweg");
        Assert.Equal(401, fragment.Status);
    }

    [Fact]
    public async Task Tab_ReachesEveryControlInDocumentOrder_OnTheOperatorsPages()
    {
        await host.DeliverRefusedAsync(BeheerHost.BoardB, SyntheticData.TeacherCsv(BeheerHost.BoardB, rows: 2, seed: 42));
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/beheer/aanmelden");
        await AssertTabReachesEveryControlAsync(page);
        await SignInAsync(page);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw aanbieden" }).First).ToBeVisibleAsync();
        await AssertTabReachesEveryControlAsync(page);
    }

    /// <summary>Opens <c>/beheer</c>, is sent to sign in, signs in with the operator key by keyboard and lands on the overview.</summary>
    private static async Task SignInAsync(IPage page, string? screenshot = null)
    {
        await BrowserPages.SignInAsync(page, "beheer", OperatorOptions.DevelopmentKey, screenshot);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
    }
}
