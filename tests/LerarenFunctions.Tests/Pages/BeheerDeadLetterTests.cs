using System.Net;
using System.Text.RegularExpressions;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// The dead letters on the operators' page over plain HTTP, for the ones that cannot be replayed: the page says why
/// and what to do, and offers no button that cannot work.
/// </summary>
[Collection(DeadLetterCollection.Name)]
public sealed partial class BeheerDeadLetterTests(DeadLetterHost host)
{
    [Fact]
    public async Task Replay_SaysTryAgainShortlyAndKeepsTheButton_WhenTheDeliveryKeepsChanging()
    {
        var id = await host.DeliverRefusedAsync(BeheerHost.BoardB, SyntheticData.TeacherCsv(BeheerHost.BoardB, rows: 3, seed: 63));
        using var browser = await PageClient.SignedInAsync(host.LocalHost.BaseUrl, "beheer", OperatorOptions.DevelopmentKey);

        host.Conflicts.ConflictDelivery(id);
        string html;
        try
        {
            html = await ReplayWithTheButtonAsync(browser, id);
        }
        finally
        {
            host.Conflicts.ResolveDelivery(id);
        }

        Assert.Contains("probeer het zo opnieuw", Notice(html), StringComparison.Ordinal);
        Assert.Contains($"Batch 1 van aanlevering {id}", Notice(html), StringComparison.Ordinal);
        Assert.Contains("<button", Row(html, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_SaysTheRowsAreGoneWithoutAButton_WhenTheRetentionRemovedThem()
    {
        var id = await host.DeliverRefusedAsync(BeheerHost.BoardB, SyntheticData.TeacherCsv(BeheerHost.BoardB, rows: 3, seed: 64));
        using var browser = await PageClient.SignedInAsync(host.LocalHost.BaseUrl, "beheer", OperatorOptions.DevelopmentKey);
        // A page opened before the retention still has the button.
        var before = await browser.GetStringAsync("beheer");

        await host.ApplyRetentionAsync(TimeSpan.FromDays(31));

        var row = Row(await browser.GetStringAsync("beheer"), id);
        Assert.Contains("Regels verwijderd: kan niet opnieuw.", row, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", row, StringComparison.Ordinal);
        var replayed = await ReplayWithTheButtonAsync(browser, id, before);
        Assert.Contains("de regels zijn na de bewaartermijn verwijderd", Notice(replayed), StringComparison.Ordinal);
    }

    /// <summary>Posts the replay form of the letter as the button would; the page the browser is sent to after it.</summary>
    private static async Task<string> ReplayWithTheButtonAsync(HttpClient browser, string id, string? page = null)
    {
        page ??= await browser.GetStringAsync("beheer");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = PageClient.CsrfToken(page) });
        using var replay = await browser.PostAsync($"beheer/dodeletters/{id}/1/opnieuw", form);
        Assert.Equal(HttpStatusCode.SeeOther, replay.StatusCode);
        return await browser.GetStringAsync(replay.Headers.Location);
    }

    private static string Notice(string html) => StatusNotice().Match(html) is { Success: true } notice ? WebUtility.HtmlDecode(notice.Groups[1].Value) : "";

    private static string Row(string html, string id) =>
        Regex.Match(html, $"<tr data-doodeletter=\"{Regex.Escape(id)}/1\">(.*?)</tr>", RegexOptions.Singleline, TimeSpan.FromSeconds(1)) is { Success: true } row
            ? row.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"The page lists no dead letter for batch 1 of delivery {id}.");

    [GeneratedRegex("<p class=\"melding\" role=\"status\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex StatusNotice();
}
