using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Tests.Support;
using static LerarenFunctions.Tests.Support.BrowserPages;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// Every page of both areas, with data on it, checked in Chromium with axe-core against WCAG 2.1 AA (the Dutch
/// government's norm) and at the width of a small phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(Browser browser, PortaalHost host) : IClassFixture<PortaalHost>
{
    [Fact]
    public async Task EveryPage_MeetsWcag21AaAndFitsAPhone_WhenItShowsData()
    {
        var (_, key) = await host.IssueKeyAsync(PortaalHost.BoardB);
        var id = await host.DeliverAsync(PortaalHost.BoardB, PortaalHost.FileWithOneBadRow(PortaalHost.BoardB, valid: 2, seed: 61));
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/portaal/aanmelden");
        await CheckAsync(page);
        await SignInAsync(page, "portaal", key);
        foreach (var path in new[] { "/portaal", "/portaal/contactpersoon", $"/portaal/leveringen/{id}" })
        {
            await page.GotoAsync(path);
            await CheckAsync(page);
        }

        await page.GotoAsync("/beheer/aanmelden");
        await CheckAsync(page);
        await SignInAsync(page, "beheer", OperatorOptions.DevelopmentKey);
        await CheckAsync(page);
    }

    [Fact]
    public async Task AssertAccessibleAsync_Fails_WhenAFieldLosesItsLabelAndTextItsContrast()
    {
        await using var context = await browser.NewContextAsync(host.LocalHost.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/portaal/aanmelden");

        await page.EvaluateAsync("""
            () => {
              document.querySelector('label[for=sleutel]').remove();
              document.querySelector('h1').style.color = '#ddd';
            }
            """);

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => AssertAccessibleAsync(page));
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        Assert.Contains("color-contrast", failure.Message, StringComparison.Ordinal);
    }

    private static async Task CheckAsync(Microsoft.Playwright.IPage page)
    {
        await AssertAccessibleAsync(page);
        await AssertFitsAPhoneAsync(page);
    }
}
