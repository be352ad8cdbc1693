using System.Globalization;
using Microsoft.Playwright;

namespace LerarenFunctions.Tests.Support;

/// <summary>What the browser tests of both areas do alike: sign in by keyboard, and walk a page with Tab.</summary>
public static class BrowserPages
{
    /// <summary>
    /// Opens <c>/{area}</c>, is sent to its sign-in page (a screenshot of it when named), signs in with
    /// <paramref name="key"/> by keyboard and lands on <c>/{area}</c>.
    /// </summary>
    public static async Task SignInAsync(IPage page, string area, string key, string? screenshot = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{area}");
        Assert.EndsWith($"/{area}/aanmelden", page.Url, StringComparison.Ordinal);
        if (screenshot is not null)
        {
            await Browser.ScreenshotAsync(page, screenshot);
        }

        await page.GetByLabel("Sleutel").FillAsync(key);
        await page.GetByLabel("Sleutel").PressAsync("Enter");
        await page.WaitForURLAsync($"**/{area}");
    }

    /// <summary>
    /// Tabs through the page from its start and asserts that the focus visits every link, button and input (hidden
    /// ones aside) exactly in document order; a scrollable table region that takes the focus is a stop of its own.
    /// </summary>
    public static async Task AssertTabReachesEveryControlAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var count = await page.EvaluateAsync<int>("""
            () => {
              const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')].filter(e => !e.disabled);
              controls.forEach((e, i) => e.setAttribute('data-tab', String(i)));
              document.activeElement?.blur();
              return controls.length;
            }
            """);
        Assert.True(count > 0, $"{page.Url} has no controls.");

        var visited = new List<int>();
        for (var press = 0; press < (count * 3) + 20; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement === document.body ? 'body' : document.activeElement?.getAttribute('data-tab') ?? null");
            if (focused == "body" || (focused is not null && visited.Count > 0 && int.Parse(focused, CultureInfo.InvariantCulture) == visited[0]))
            {
                break;
            }

            if (focused is not null)
            {
                visited.Add(int.Parse(focused, CultureInfo.InvariantCulture));
            }
        }

        Assert.True(Enumerable.Range(0, count).SequenceEqual(visited), $"{page.Url}: Tab visited [{string.Join(", ", visited)}] of {count} controls.");
    }
}
