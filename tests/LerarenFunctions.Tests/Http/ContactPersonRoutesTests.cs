using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>GET</c>/<c>PUT /api/besturen/{bestuursnummer}/contactpersoon</c> over real HTTP on the LocalHost (Development:
/// the documented operator key), on Azurite.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class ContactPersonRoutesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Active = "10081";
    private const string Opgeheven = "10082";

    private LocalHostProcess _host = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        var boards = new TableBoardStore(azurite.Clients);
        await AddAsync(boards, Active, BoardStatus.Actief);
        await AddAsync(boards, Opgeheven, BoardStatus.Opgeheven);
        _host = await LocalHostProcess.StartReadyAsync(
            new Dictionary<string, string> { [StorageNames.Connection] = azurite.ConnectionString, ["Register__BaseUrl"] = "http://127.0.0.1:1/" },
            TimeSpan.FromSeconds(60));
        _api = new HttpClient { BaseAddress = _host.BaseUrl };
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorOptions.DevelopmentKey);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Put_StoresTheContactPersonAndDeputy_WhenTheBoardIsActive()
    {
        var put = await PutAsync(Route(Active), """
            {"naam": "D. de Wit", "functie": "Hoofd P&O", "emailadres": "d.dewit@voorbeeld.example", "telefoonnummer": "+31 (0)10 123 4567",
             "plaatsvervanger": {"naam": "E. Zwart", "emailadres": "e.zwart@voorbeeld.example"}}
            """);
        var get = await _api.GetFromJsonAsync<JsonObject>(Route(Active));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("D. de Wit", (string?)get!["contactpersoon"]!["naam"]);
        Assert.Equal("0101234567", (string?)get["contactpersoon"]!["telefoonnummer"]);
        Assert.Equal("e.zwart@voorbeeld.example", (string?)get["plaatsvervanger"]!["emailadres"]);
        var history = await new TableBoardStore(azurite.Clients).ListHistoryAsync(Bestuursnummer.Parse(Active), CancellationToken.None).ToListAsync();
        Assert.Equal(OperatorKey.Caller, history[0].Door);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer een-verkeerde-sleutel")]
    [InlineData("Basic ZGV2OmRldg==")]
    public async Task Get_AnswersUnauthorizedWithBearerChallenge_WhenTheKeyIsMissingOrWrong(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(Active));
        request.Headers.Authorization = null;
        using var client = new HttpClient { BaseAddress = _host.BaseUrl };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        await AssertProblemAsync(response, "Niet aangemeld");
    }

    [Theory]
    [InlineData("10089")]
    [InlineData("1008")]
    public async Task GetAndPut_AnswerNotFound_WhenTheBoardIsUnknown(string bestuursnummer)
    {
        var get = await _api.GetAsync(Route(bestuursnummer));
        var put = await PutAsync(Route(bestuursnummer), """{"naam": "X", "emailadres": "x@voorbeeld.example"}""");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, put.StatusCode));
        await AssertProblemAsync(get, "Onbekend bestuur");
        await AssertProblemAsync(put, "Onbekend bestuur");
    }

    [Theory]
    [InlineData("{\"naam\": ")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public async Task Put_AnswersBadRequest_WhenTheBodyIsNotJsonOfAContactPerson(string body)
    {
        var response = await PutAsync(Route(Active), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertProblemAsync(response, "Het verzoek is geen geldige JSON");
    }

    [Fact]
    public async Task Put_NamesEachInvalidField_WhenEmailAndTelephoneAreInvalid()
    {
        var response = await PutAsync(Route(Active), """{"naam": "F. Fout", "emailadres": "f.fout@", "telefoonnummer": "bel maar"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await AssertProblemAsync(response, "De contactpersoon is niet opgeslagen: niet alle gegevens zijn geldig");
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["emailadres", "telefoonnummer"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_AnswersConflict_WhenTheBoardIsOpgeheven()
    {
        var response = await PutAsync(Route(Opgeheven), """{"naam": "G. Grijs", "emailadres": "g.grijs@voorbeeld.example"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await AssertProblemAsync(response, "Het bestuur is opgeheven");
    }

    private static string Route(string bestuursnummer) => $"api/besturen/{bestuursnummer}/contactpersoon";

    private async Task<HttpResponseMessage> PutAsync(string route, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _api.PutAsync(route, content);
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, string title)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(title, (string?)problem["title"]);
        return problem;
    }

    private static async Task AddAsync(TableBoardStore boards, string number, BoardStatus status)
    {
        var board = new Board
        {
            Bestuursnummer = Bestuursnummer.Parse(number),
            Naam = $"Stichting Test {number}",
            Sectors = [Sector.Vo],
            Status = status,
            ImportedAt = DateTimeOffset.UtcNow,
            ChangedAt = DateTimeOffset.UtcNow,
        };
        await boards.TryAddAsync(board, new BoardChange(board.Bestuursnummer, board.ImportedAt, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
    }
}
