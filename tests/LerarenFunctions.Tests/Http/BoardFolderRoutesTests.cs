using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// A bestuursnummer in a route is taken exactly, as a folder in the uploads container is: <c>"10058 "</c> is no board,
/// even when <c>10058</c> is one and the key is that board's own, and is answered as a number of four digits is.
/// Over real HTTP on the LocalHost, on Azurite.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class BoardFolderRoutesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Board = "10058";

    private LocalHostApi _host = null!;

    public async Task InitializeAsync()
    {
        await TestBoards.AddAsync(azurite.Clients, Board, TimeSpan.FromDays(2));
        _host = await LocalHostApi.StartAsync(azurite);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

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
