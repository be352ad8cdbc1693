using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>GET /api/beheer/herinneringen</c>, the reminder timer's dry run, over real HTTP on the LocalHost (Development:
/// the documented operator key), on Azurite.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class ReminderRoutesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Route = "api/beheer/herinneringen";
    private const string Board = "10076";

    private LocalHostApi _host = null!;

    public async Task InitializeAsync()
    {
        await TestBoards.AddAsync(azurite.Clients, Board, TimeSpan.FromDays(30));
        _host = await LocalHostApi.StartAsync(azurite);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_ListsTheGeenContactpersoonReminder_WhenABoardHasBeenWithoutContactPersonLongEnough()
    {
        var today = AmsterdamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var response = await _host.Client.GetAsync($"{Route}?datum={today}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(today, (string?)preview["datum"]);
        var line = Assert.Single(preview["herinneringen"]!.AsArray(), l => (string?)l!["bestuursnummer"] == Board)!;
        Assert.Equal(
            ($"Stichting Herinnering {Board}", "geen-contactpersoon", 1, false, TestBoards.Address(Board).Value),
            ((string?)line["naam"], (string?)line["regel"], (int)line["nummer"]!, (bool)line["escalatie"]!, (string?)line["aan"]));
        Assert.Equal("Herinnering: geef een contactpersoon op voor het lerarenregister", (string?)line["onderwerp"]);
    }

    [Fact]
    public async Task Get_AnswersForToday_WhenNoDateIsGiven()
    {
        var response = await _host.Client.GetAsync(Route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(AmsterdamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)preview["datum"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer een-verkeerde-sleutel")]
    public async Task Get_AnswersUnauthorizedWithBearerChallenge_WhenTheKeyIsMissingOrWrong(string? authorization)
    {
        using var client = _host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Route);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        await ProblemAssert.HasTitleAsync(response, "Niet aangemeld");
    }

    [Theory]
    [InlineData("1-9-2026")]
    [InlineData("2026-02-30")]
    [InlineData("")]
    [InlineData("2026-09-01&datum=2026-09-02")]
    public async Task Get_AnswersBadRequest_WhenTheDateIsNotOneJjjjMmDd(string datum)
    {
        var response = await _host.Client.GetAsync($"{Route}?datum={datum}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Ongeldige datum");
    }
}
