using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Infrastructure.Access;
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

    private LocalHostApi _host = null!;

    public async Task InitializeAsync()
    {
        await TestBoards.AddAsync(azurite.Clients, Active, name: $"Stichting Test {Active}", withAddress: false);
        await TestBoards.AddAsync(azurite.Clients, Opgeheven, name: $"Stichting Test {Opgeheven}", status: BoardStatus.Opgeheven, withAddress: false);
        _host = await LocalHostApi.StartAsync(azurite);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Put_StoresTheContactPersonAndDeputy_WhenTheBoardIsActive()
    {
        var put = await PutAsync(Route(Active), """
            {"naam": "D. de Wit", "functie": "Hoofd P&O", "emailadres": "d.dewit@voorbeeld.example", "telefoonnummer": "+31 (0)10 123 4567",
             "plaatsvervanger": {"naam": "E. Zwart", "emailadres": "e.zwart@voorbeeld.example"}}
            """);
        var get = await _host.Client.GetFromJsonAsync<JsonObject>(Route(Active));

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
        using var client = _host.NewClient();
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
    [InlineData("10089")]
    [InlineData("1008")]
    public async Task GetAndPut_AnswerNotFound_WhenTheBoardIsUnknown(string bestuursnummer)
    {
        var get = await _host.Client.GetAsync(Route(bestuursnummer));
        var put = await PutAsync(Route(bestuursnummer), """{"naam": "X", "emailadres": "x@voorbeeld.example"}""");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, put.StatusCode));
        await ProblemAssert.HasTitleAsync(get, "Onbekend bestuur");
        await ProblemAssert.HasTitleAsync(put, "Onbekend bestuur");
    }

    [Theory]
    [InlineData("{\"naam\": ")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public async Task Put_AnswersBadRequest_WhenTheBodyIsNotJsonOfAContactPerson(string body)
    {
        var response = await PutAsync(Route(Active), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Het verzoek is geen geldige JSON");
    }

    [Fact]
    public async Task Put_NamesEachInvalidField_WhenEmailAndTelephoneAreInvalid()
    {
        var response = await PutAsync(Route(Active), """{"naam": "F. Fout", "emailadres": "f.fout@", "telefoonnummer": "bel maar"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAssert.HasTitleAsync(response, "De contactpersoon is niet opgeslagen: niet alle gegevens zijn geldig");
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["emailadres", "telefoonnummer"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_AnswersConflict_WhenTheBoardIsOpgeheven()
    {
        var response = await PutAsync(Route(Opgeheven), """{"naam": "G. Grijs", "emailadres": "g.grijs@voorbeeld.example"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Het bestuur is opgeheven");
    }

    private static string Route(string bestuursnummer) => $"api/besturen/{bestuursnummer}/contactpersoon";

    private async Task<HttpResponseMessage> PutAsync(string route, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _host.Client.PutAsync(route, content);
    }
}
