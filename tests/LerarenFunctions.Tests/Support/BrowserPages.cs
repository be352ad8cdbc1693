using System.Globalization;
using System.Text.RegularExpressions;
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
        await WaitForAddressAsync(page, $"/{area}");
    }

    /// <summary>
    /// Waits until the page's address ends with <paramref name="pathAndQuery"/> (or, not <paramref name="exact"/>, has
    /// it followed by more). The address alone: waiting for the page's load event as well (WaitForURL) raced with a page
    /// that had loaded already and timed out now and then; what the caller checks next waits for its elements itself.
    /// </summary>
    public static Task WaitForAddressAsync(IPage page, string pathAndQuery, bool exact = true) =>
        Assertions.Expect(page).ToHaveURLAsync(
            new Regex(Regex.Escape(pathAndQuery) + (exact ? "$" : "")),
            new PageAssertionsToHaveURLOptions { Timeout = 30_000 });

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

    /// <summary>
    /// Runs axe-core (from the repository's <c>node_modules</c>, installed by <c>npm ci</c>) on the page as it is now
    /// and fails with every violation of WCAG 2.1 A and AA it finds: contrast, labels, names, structure, language.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Evaluated through the debugging protocol, which the pages' Content-Security-Policy does not restrict.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxePath()));
        var violations = await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        Assert.True(violations.Length == 0, $"{page.Url} breaks WCAG 2.1 AA:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    /// <summary>Fails when the page, at the width of a small phone, needs scrolling sideways (a wide table may scroll in its own region).</summary>
    public static async Task AssertFitsAPhoneAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (width, height) = (page.ViewportSize?.Width ?? 1280, page.ViewportSize?.Height ?? 900);
        await page.SetViewportSizeAsync(360, 740);
        try
        {
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{page.Url} is {overflow} px wider than a 360 px phone screen.");
        }
        finally
        {
            await page.SetViewportSizeAsync(width, height);
        }
    }

    private static string AxePath()
    {
        var path = Path.Combine(LocalHost.Development.RepositoryRoot.Find(), "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run 'npm ci' in the repository.");
    }
}
