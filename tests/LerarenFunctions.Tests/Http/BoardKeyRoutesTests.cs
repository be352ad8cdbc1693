using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// Board keys over real HTTP on the LocalHost (Development: the documented operator key), on Azurite: operators issue,
/// list and revoke them at <c>/api/beheer/besturen/{bestuursnummer}/sleutels</c>, and a key opens its own board's
/// contact person routes and no other board's.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class BoardKeyRoutesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Board = "10094";
    private const string Opgeheven = "10095";
    private const string Other = "10096";

    private LocalHostApi _host = null!;

    public async Task InitializeAsync()
    {
        await AddAsync(Board, BoardStatus.Actief);
        await AddAsync(Opgeheven, BoardStatus.Opgeheven);
        await AddAsync(Other, BoardStatus.Actief);
        _host = await LocalHostApi.StartAsync(azurite);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task BoardKey_OpensItsBoardUntilRevokedAndIsNeverListed_WhenIssuedUsedListedAndRevoked()
    {
        var issued = await _host.Client.PostAsync(Keys(Board), null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.True(issued.Headers.CacheControl?.NoStore);
        var body = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!.AsObject();
        var (id, key) = ((string)body["sleutelId"]!, (string)body["sleutel"]!);
        Assert.Equal(["aangemaaktOp", "sleutel", "sleutelId"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.StartsWith($"{Board}.{id}.", key, StringComparison.Ordinal);
        Assert.Equal($"/api/beheer/besturen/{Board}/sleutels/{id}", issued.Headers.Location?.OriginalString);

        using var board = _host.NewClient(key);
        var used = await board.GetAsync(ContactPerson(Board));
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);

        var listing = await _host.Client.GetAsync(Keys(Board));
        var text = await listing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        Assert.DoesNotContain(key.Split('.')[2], text, StringComparison.Ordinal);
        var listed = Assert.Single(JsonNode.Parse(text)!.AsArray(), k => (string?)k!["sleutelId"] == id)!.AsObject();
        Assert.Equal(["aangemaaktOp", "ingetrokkenOp", "laatstGebruiktOp", "sleutelId"], listed.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(listed["laatstGebruiktOp"]);
        Assert.Null(listed["ingetrokkenOp"]);

        var revoked = await _host.Client.DeleteAsync(Key(Board, id));
        var again = await _host.Client.DeleteAsync(Key(Board, id));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (revoked.StatusCode, again.StatusCode));

        var refused = await board.GetAsync(ContactPerson(Board));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
        await ProblemAssert.HasTitleAsync(refused, "Niet aangemeld");
        var after = await _host.Client.GetFromJsonAsync<JsonArray>(Keys(Board));
        Assert.NotNull(Assert.Single(after!, k => (string?)k!["sleutelId"] == id)!["ingetrokkenOp"]);
    }

    [Fact]
    public async Task PutContactPerson_StoresItWithTheKeyInTheHistory_WhenTheBoardsOwnKeyIsSent()
    {
        var (id, key) = await IssueAsync(Board);
        using var board = _host.NewClient(key);

        var put = await PutAsync(board, ContactPerson(Board), """{"naam": "I. Ijzer", "emailadres": "i.ijzer@voorbeeld.example"}""");
        var get = await board.GetFromJsonAsync<JsonObject>(ContactPerson(Board));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("I. Ijzer", (string?)get!["contactpersoon"]!["naam"]);
        var history = await new TableBoardStore(azurite.Clients).ListHistoryAsync(Bestuursnummer.Parse(Board), CancellationToken.None).ToListAsync();
        Assert.Equal($"bestuur {Board} (sleutel {id})", history[0].Door);
    }

    [Fact]
    public async Task GetAndPutContactPerson_AnswerForbidden_WhenAnotherBoardsKeyIsSent()
    {
        var (_, key) = await IssueAsync(Other);
        using var other = _host.NewClient(key);

        var get = await other.GetAsync(ContactPerson(Board));
        var put = await PutAsync(other, ContactPerson(Board), """{"naam": "J. Jansen", "emailadres": "j.jansen@voorbeeld.example"}""");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (get.StatusCode, put.StatusCode));
        await ProblemAssert.HasTitleAsync(get, "Geen toegang tot dit bestuur");
        await ProblemAssert.HasTitleAsync(put, "Geen toegang tot dit bestuur");
    }

    [Fact]
    public async Task BoardKeyRoutes_AnswerUnauthorized_WhenABoardKeyOrNoKeyIsSent()
    {
        var (id, key) = await IssueAsync(Board);
        using var board = _host.NewClient(key);
        using var nobody = _host.NewClient();

        var answers = new[]
        {
            await board.PostAsync(Keys(Board), null),
            await board.GetAsync(Keys(Board)),
            await board.DeleteAsync(Key(Board, id)),
            await nobody.GetAsync(Keys(Board)),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers, a => Assert.Equal("Bearer", a.Headers.WwwAuthenticate.ToString()));
    }

    [Theory]
    [InlineData("10099")]
    [InlineData("1009")]
    public async Task IssueAndList_AnswerNotFound_WhenTheBoardIsUnknown(string bestuursnummer)
    {
        var post = await _host.Client.PostAsync(Keys(bestuursnummer), null);
        var get = await _host.Client.GetAsync(Keys(bestuursnummer));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (post.StatusCode, get.StatusCode));
        await ProblemAssert.HasTitleAsync(post, "Onbekend bestuur");
        await ProblemAssert.HasTitleAsync(get, "Onbekend bestuur");
    }

    [Fact]
    public async Task Issue_AnswersConflict_WhenTheBoardIsOpgeheven()
    {
        var response = await _host.Client.PostAsync(Keys(Opgeheven), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Het bestuur is opgeheven");
    }

    [Theory]
    [InlineData("onbekend23")]
    [InlineData("kort")]
    public async Task Revoke_AnswersNotFound_WhenTheBoardHasNoSuchKey(string id)
    {
        var response = await _host.Client.DeleteAsync(Key(Board, id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Onbekende sleutel");
    }

    private static string Keys(string bestuursnummer) => $"api/beheer/besturen/{bestuursnummer}/sleutels";

    private static string Key(string bestuursnummer, string id) => $"{Keys(bestuursnummer)}/{id}";

    private static string ContactPerson(string bestuursnummer) => $"api/besturen/{bestuursnummer}/contactpersoon";

    private async Task<(string Id, string Key)> IssueAsync(string bestuursnummer)
    {
        var response = await _host.Client.PostAsync(Keys(bestuursnummer), null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)body["sleutelId"]!, (string)body["sleutel"]!);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string route, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PutAsync(route, content);
    }

    private async Task AddAsync(string number, BoardStatus status) =>
        await TestBoards.AddAsync(azurite.Clients, number, name: $"Stichting Sleutel {number}", sector: Sector.Po, status: status, withAddress: false);
}
