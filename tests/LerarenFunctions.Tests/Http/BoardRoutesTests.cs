using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>GET /api/besturen/{b}</c> and <c>GET /api/besturen/{b}/leveringen</c> over real HTTP on the LocalHost, on
/// Azurite.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class BoardRoutesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Board = "10087";

    private LocalHostApi _host = null!;

    public async Task InitializeAsync()
    {
        await TestBoards.AddAsync(azurite.Clients, Board, TimeSpan.FromDays(2));
        _host = await LocalHostApi.StartAsync(azurite);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_PagesTheDeliveriesNewestFirstAndTellsTheOpenErrors_WhenTheBoardHasDelivered()
    {
        // Written as the lifecycle writes them, so the routes are tested without waiting for a trigger.
        var store = new TableDeliveryStore(azurite.Clients, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var ids = new List<string>();
        foreach (var (status, ago) in new[] { (DeliveryStatus.Afgerond, 3), (DeliveryStatus.Proef, 2), (DeliveryStatus.Afgewezen, 1) })
        {
            var id = $"{Board}-{Guid.NewGuid():N}"[..30];
            ids.Add(id);
            var at = now.AddHours(-ago);
            await store.TryAddAsync(new Delivery
            {
                Id = id,
                Bestuursnummer = Bestuursnummer.Parse(Board),
                Path = $"{Board}/{(status == DeliveryStatus.Proef ? "proef/" : "")}leraren.csv",
                FileName = $"{(status == DeliveryStatus.Proef ? "proef/" : "")}leraren.csv",
                FileVersion = "v1",
                UploadedAt = at,
                Status = status,
                ReceivedAt = at,
                CompletedAt = at.AddMinutes(1),
                ChangedAt = at.AddMinutes(1),
                Counts = new DeliveryCounts { Rows = 3, Accepted = status == DeliveryStatus.Afgewezen ? 0 : 3, Rejected = status == DeliveryStatus.Afgewezen ? 3 : 0 },
            }, CancellationToken.None);
        }

        var first = JsonNode.Parse(await _host.Client.GetStringAsync($"api/besturen/{Board}/leveringen?aantal=2"))!;
        var second = JsonNode.Parse(await _host.Client.GetStringAsync($"api/besturen/{Board}/leveringen?aantal=2&vervolg={Uri.EscapeDataString((string)first["vervolg"]!)}"))!;
        var trials = JsonNode.Parse(await _host.Client.GetStringAsync($"api/besturen/{Board}/leveringen?status=proef"))!;
        var state = JsonNode.Parse(await _host.Client.GetStringAsync($"api/besturen/{Board}"))!;

        Assert.Equal([ids[2], ids[1]], first["leveringen"]!.AsArray().Select(d => (string?)d!["id"]));
        Assert.Equal([ids[0]], second["leveringen"]!.AsArray().Select(d => (string?)d!["id"]));
        Assert.Null(second["vervolg"]);
        var trial = Assert.Single(trials["leveringen"]!.AsArray())!;
        Assert.Equal((ids[1], "proef", "proef/leraren.csv"), ((string?)trial["id"], (string?)trial["status"], (string?)trial["bestand"]));
        Assert.Equal((ids[2], ids[2]), ((string?)state["laatsteLevering"]!["id"], (string?)state["openFouten"]));
        Assert.Equal((Board, false), ((string?)state["bestuursnummer"], (bool)state["contactpersoonIngesteld"]!));
    }

    [Fact]
    public async Task GetDeliveries_PagesTheFinishedDeliveriesOfTheDaysAcrossBoards_WhenAnOperatorAsks()
    {
        // Long ago, so no other test's deliveries fall on these days; boards of no other test, so no board listing sees them.
        var store = new TableDeliveryStore(azurite.Clients, TimeProvider.System);
        var day = new DateTimeOffset(2001, 3, 5, 9, 0, 0, TimeSpan.FromHours(1));
        var ids = new List<string>();
        foreach (var (board, status, hours) in new[] { ("10089", DeliveryStatus.Afgerond, 0), ("10088", DeliveryStatus.Afgewezen, 1), ("10089", DeliveryStatus.Proef, 2), ("10088", DeliveryStatus.Afgerond, 26) })
        {
            var id = $"{board}-{Guid.NewGuid():N}"[..30];
            ids.Add(id);
            var at = day.AddHours(hours);
            var added = await store.TryAddAsync(new Delivery
            {
                Id = id,
                Bestuursnummer = Bestuursnummer.Parse(board),
                Path = $"{board}/leraren.csv",
                FileName = "leraren.csv",
                FileVersion = "v1",
                UploadedAt = at,
                Status = DeliveryStatus.Doorsturen,
                ReceivedAt = at,
                ChangedAt = at,
            }, CancellationToken.None);
            await store.TryReplaceAsync(added!, added!.Value with { Status = status, CompletedAt = at.AddMinutes(1), ChangedAt = at.AddMinutes(1) }, CancellationToken.None);
        }

        var first = JsonNode.Parse(await _host.Client.GetStringAsync("api/beheer/aanleveringen?van=2001-03-05&tot=2001-03-05&aantal=2"))!;
        var second = JsonNode.Parse(await _host.Client.GetStringAsync($"api/beheer/aanleveringen?van=2001-03-05&tot=2001-03-05&aantal=2&vervolg={Uri.EscapeDataString((string)first["vervolg"]!)}"))!;
        var rejected = JsonNode.Parse(await _host.Client.GetStringAsync("api/beheer/aanleveringen?van=2001-03-01&tot=2001-03-31&status=afgewezen"))!;
        using var withoutKey = _host.NewClient();
        var refused = await withoutKey.GetAsync("api/beheer/aanleveringen");
        var wrongSpan = await _host.Client.GetAsync("api/beheer/aanleveringen?van=2001-03-06&tot=2001-03-05");

        Assert.Equal([ids[0], ids[1]], first["aanleveringen"]!.AsArray().Select(d => (string?)d!["id"]));
        Assert.Equal([ids[2]], second["aanleveringen"]!.AsArray().Select(d => (string?)d!["id"]));
        Assert.Equal([(ids[1], "10088", "afgewezen")], rejected["aanleveringen"]!.AsArray().Select(d => ((string?)d!["id"], (string?)d["bestuursnummer"], (string?)d["status"])));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest), (refused.StatusCode, wrongSpan.StatusCode));
    }

    [Fact]
    public async Task Get_AnswersProblemDetails_WhenTheRequestIsRefused()
    {
        // One host for all cases: starting one is the slow part.
        var cases = new (string Route, bool WithKey, HttpStatusCode Expected)[]
        {
            ($"api/besturen/{Board}", false, HttpStatusCode.Unauthorized),
            ($"api/besturen/{Board}/leveringen", false, HttpStatusCode.Unauthorized),
            ("api/besturen/10089", true, HttpStatusCode.NotFound),
            ("api/besturen/10089/leveringen", true, HttpStatusCode.NotFound),
            ("api/besturen/1008/leveringen", true, HttpStatusCode.NotFound),
            ($"api/besturen/{Board}/leveringen?aantal=0", true, HttpStatusCode.BadRequest),
            ($"api/besturen/{Board}/leveringen?status=klaar", true, HttpStatusCode.BadRequest),
            ($"api/besturen/{Board}/leveringen?vervolg=xyz", true, HttpStatusCode.BadRequest),
        };
        using var client = _host.NewClient();
        foreach (var (route, withKey, expected) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.Authorization = withKey ? new AuthenticationHeaderValue("Bearer", OperatorOptions.DevelopmentKey) : null;

            var response = await client.SendAsync(request);

            Assert.True(expected == response.StatusCode, $"{route}: {response.StatusCode}");
            var problem = await ProblemAssert.ReadAsync(response);
            Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        }
    }

    /// <summary>
    /// A bestuursnummer in a route is taken exactly, as a folder in the uploads container is: <c>"10087 "</c> is no
    /// board, even with that board's own key, and is answered as a number of four digits is.
    /// </summary>
    [Fact]
    public async Task BoardRoutes_AnswerAsForAnUnknownBoard_WhenTheBestuursnummerHasATrailingSpace()
    {
        var (_, boardKey) = await _host.IssueKeyAsync(Board);
        using var boardClient = _host.NewClient(boardKey);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync($"api/besturen/{Board}")).StatusCode);

        foreach (var client in new[] { _host.Client, boardClient })
        {
            foreach (var (method, below) in new[] { ("GET", ""), ("GET", "/leveringen"), ("POST", "/leveringen"), ("POST", "/uploadlinks"), ("GET", "/contactpersoon") })
            {
                var (spaced, spacedBody) = await SendAsync(client, method, $"api/besturen/{Board}%20{below}");
                var (shortNumber, shortBody) = await SendAsync(client, method, $"api/besturen/1008{below}");

                Assert.True(spaced == HttpStatusCode.NotFound, $"{method} {Board}%20{below}: {spaced}");
                Assert.Equal((shortNumber, (string?)shortBody["title"], (string?)shortBody["detail"]), (spaced, (string?)spacedBody["title"], (string?)spacedBody["detail"]));
            }
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode Problem)> SendAsync(HttpClient client, string method, string route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (method == "POST")
        {
            request.Content = new StringContent(SyntheticData.TeacherCsv(Board, rows: 1, seed: 173), Encoding.UTF8, "text/csv");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await ProblemAssert.ReadAsync(response));
    }
}
