using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Integration;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>POST /api/besturen/{bestuursnummer}/leveringen</c> and the status and terugmelding below it, over real HTTP on
/// the LocalHost (Development: the documented operator key) with its triggers, on an Azurite of its own and the
/// register simulator: an upload over HTTP goes the way of a dropped file.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BoardDeliveryRoutesTests(BoardDeliveryRoutesTests.Host host) : IClassFixture<BoardDeliveryRoutesTests.Host>
{
    private const string Board = "10080";
    private const string OtherBoard = "10065";
    private const string OpgehevenBoard = "10066";
    private const string UnknownBoard = "10069";
    private const string MaxFileBytes = "65536";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Post_ReachesTheRegisterOnceAndServesStatusAndTerugmelding_WhenACsvIsDelivered()
    {
        using var response = await PostAsync(Board, SyntheticData.TeacherCsv(Board, rows: 20, seed: 61));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        var id = (string)answer!["aanleveringId"]!;
        Assert.Equal("ontvangen", (string?)answer["status"]);
        Assert.Equal($"/api/besturen/{Board}/leveringen/{id}", response.Headers.Location?.OriginalString);

        var status = await WaitForStatusAsync(Board, id, "afgerond");
        Assert.Equal(new DeliveryCountsView(20, 20, 0, 20, 20, 0, 0), status.Aantallen);
        Assert.Equal($"/api/besturen/{Board}/leveringen/{id}/terugmelding", status.Terugmelding);
        RegisterAssert.AppliedOnce(host.Simulator.State, SyntheticData.Bsns(seed: 61).Take(20));

        var json = await host.Api.GetFromJsonAsync<JsonObject>(status.Terugmelding!.TrimStart('/'));
        Assert.Equal((id, "goedgekeurd"), ((string?)json!["aanleveringId"], (string?)json["status"]));
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, status.Terugmelding!.TrimStart('/'));
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        using var csv = await host.Api.SendAsync(csvRequest);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetByOperatorRoute_AnswersTheStatusWithTheKeyOnly_WhenTheRouteMovedBelowBeheer()
    {
        var id = await AcceptedIdAsync(await PostAsync(Board, SyntheticData.TeacherCsv(Board, rows: 3, seed: 62)));
        using var anonymous = host.LocalHost.NewClient();

        var withKey = await host.Api.GetAsync($"api/beheer/aanleveringen/{id}");
        var withoutKey = await anonymous.GetAsync($"api/beheer/aanleveringen/{id}");
        var oldRoute = await host.Api.GetAsync($"api/aanleveringen/{id}");

        Assert.Equal(
            (HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound),
            (withKey.StatusCode, withoutKey.StatusCode, oldRoute.StatusCode));
    }

    [Fact]
    public async Task Post_ValidatesAndReportsButNeverForwards_WhenProefIsTrue()
    {
        var before = await UploadsAsync(Board);
        using var response = await PostAsync(Board, SyntheticData.TeacherCsv(Board, rows: 12, seed: 63), query: "?proef=true");
        var id = await AcceptedIdAsync(response);

        var status = await WaitForStatusAsync(Board, id, "proef");

        Assert.Equal(new DeliveryCountsView(12, 12, 0, 0, 0, 0, 0), status.Aantallen);
        var trial = Assert.Single((await UploadsAsync(Board)).Except(before));
        Assert.Matches($"^{Board}/proef/api-[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}-[0-9]{{6}}-[a-z]{{10}}\\.csv$", trial);
        var bsns = SyntheticData.Bsns(seed: 63).Take(12).ToHashSet();
        Assert.DoesNotContain(host.Simulator.State.List(), r => bsns.Contains(r.Bsn));
    }

    [Fact]
    public async Task Post_AnswersTheFirstAnswerAndStoresOnce_WhenRetriedWithTheSameKeyAndBody()
    {
        var key = $"levering-{Guid.NewGuid():N}";
        var body = SyntheticData.TeacherCsv(OtherBoard, rows: 5, seed: 64);
        var before = await UploadsAsync(OtherBoard);

        using var first = await PostAsync(OtherBoard, body, idempotencyKey: key);
        using var retry = await PostAsync(OtherBoard, body, idempotencyKey: key);

        var id = await AcceptedIdAsync(first);
        Assert.Equal(id, await AcceptedIdAsync(retry));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Single((await UploadsAsync(OtherBoard)).Except(before));
        await WaitForStatusAsync(OtherBoard, id, "afgerond");
        RegisterAssert.AppliedOnce(host.Simulator.State, SyntheticData.Bsns(seed: 64).Take(5));
    }

    [Fact]
    public async Task Post_AnswersUnprocessableAndStoresNothing_WhenTheKeyWasUsedForAnotherBody()
    {
        var key = $"levering-{Guid.NewGuid():N}";
        using var first = await PostAsync(OtherBoard, SyntheticData.TeacherCsv(OtherBoard, rows: 2, seed: 65), idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var before = await UploadsAsync(OtherBoard);

        using var other = await PostAsync(OtherBoard, SyntheticData.TeacherCsv(OtherBoard, rows: 3, seed: 65), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        await ProblemAssert.HasTitleAsync(other, "Deze Idempotency-Key is al gebruikt voor een ander verzoek");
        Assert.Equal(before, await UploadsAsync(OtherBoard));
    }

    [Theory]
    [InlineData(101, "")]
    [InlineData(4, "\t")]
    public async Task Post_AnswersBadRequest_WhenTheKeyIsTooLongOrHasAControlCharacter(int length, string inside)
    {
        var key = new string('k', length) + inside + "k";
        using var response = await PostAsync(Board, SyntheticData.TeacherCsv(Board, rows: 1, seed: 66), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Ongeldige Idempotency-Key");
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/vnd.ms-excel")]
    [InlineData(null)]
    public async Task Post_AnswersUnsupportedMediaType_WhenTheBodyIsNeitherCsvNorXlsxNorJson(string? mediaType)
    {
        using var response = await PostAsync(Board, "{\"leraren\": []}", mediaType: mediaType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Dit bestandstype wordt niet ondersteund");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_AnswersPayloadTooLargeAndStoresNothing_WhenTheBodyIsOverMaxFileBytes(bool lengthKnown)
    {
        var before = await UploadsAsync(Board);
        var bytes = Encoding.UTF8.GetBytes(SyntheticData.TeacherCsv(Board, rows: 1000, seed: 67));
        Assert.True(bytes.Length > int.Parse(MaxFileBytes, System.Globalization.CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/besturen/{Board}/leveringen")
        {
            // Without a length the body is sent chunked: the limit is found while it is read.
            Content = lengthKnown ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await host.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Het bestand is te groot");
        Assert.Equal(before, await UploadsAsync(Board));
    }

    [Fact]
    public async Task Post_AnswersNotFound_WhenTheBoardIsUnknown()
    {
        using var response = await PostAsync(UnknownBoard, SyntheticData.TeacherCsv(UnknownBoard, rows: 1, seed: 68));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Onbekend bestuur");
        Assert.Empty(await UploadsAsync(UnknownBoard));
    }

    [Fact]
    public async Task Post_Accepts_WhenTheBoardIsOpgeheven()
    {
        using var response = await PostAsync(OpgehevenBoard, SyntheticData.TeacherCsv(OpgehevenBoard, rows: 1, seed: 69));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("", 70)]
    [InlineData("/terugmelding", 72)]
    public async Task Get_AnswersAsForAnUnknownId_WhenTheDeliveryIsAnotherBoards(string below, int seed)
    {
        var others = await AcceptedIdAsync(await PostAsync(OtherBoard, SyntheticData.TeacherCsv(OtherBoard, rows: 2, seed: seed)));
        await WaitForStatusAsync(OtherBoard, others, "afgerond");

        using var foreign = await host.Api.GetAsync($"api/besturen/{Board}/leveringen/{others}{below}");
        using var unknown = await host.Api.GetAsync($"api/besturen/{Board}/leveringen/{Board}-ffffffffffffffffffffffff{below}");
        using var own = await host.Api.GetAsync($"api/besturen/{OtherBoard}/leveringen/{others}{below}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK), (foreign.StatusCode, unknown.StatusCode, own.StatusCode));
        Assert.Equal(await ProblemWithoutTraceAsync(unknown), await ProblemWithoutTraceAsync(foreign));
    }

    [Theory]
    [InlineData("POST", "api/besturen/10080/leveringen")]
    [InlineData("GET", "api/besturen/10080/leveringen/10080-ffffffffffffffffffffffff")]
    [InlineData("GET", "api/besturen/10080/leveringen/10080-ffffffffffffffffffffffff/terugmelding")]
    [InlineData("GET", "api/beheer/aanleveringen/10080-ffffffffffffffffffffffff/terugmelding")]
    [InlineData("POST", "api/besturen/1008/leveringen")]
    public async Task Routes_AnswerUnauthorizedWithBearerChallenge_WhenNoKeyIsSent(string method, string route)
    {
        using var anonymous = host.LocalHost.NewClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (method == "POST")
        {
            request.Content = new StringContent(SyntheticData.TeacherCsv(Board, rows: 1, seed: 71), Encoding.UTF8, "text/csv");
        }

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        await ProblemAssert.HasTitleAsync(response, "Niet aangemeld");
    }

    private async Task<HttpResponseMessage> PostAsync(string board, string body, string query = "", string? idempotencyKey = null, string? mediaType = "text/csv")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/besturen/{board}/leveringen{query}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        if (mediaType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await host.Api.SendAsync(request);
    }

    private static async Task<string> AcceptedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (string)answer!["aanleveringId"]!;
    }

    private Task<DeliveryStatusView> WaitForStatusAsync(string board, string id, string final) =>
        Eventually.WaitAsync(
            async () =>
            {
                using var response = await host.Api.GetAsync($"api/besturen/{board}/leveringen/{id}");
                return response.StatusCode == HttpStatusCode.OK
                    && await response.Content.ReadFromJsonAsync<DeliveryStatusView>() is { } status
                    && status.Status == final
                        ? status
                        : null;
            },
            Patience,
            () => $"Delivery {id} did not reach '{final}'. LocalHost output:{Environment.NewLine}{host.Process.Output}");

    /// <summary>The files in a board's folder of the uploads container.</summary>
    private async Task<List<string>> UploadsAsync(string board)
    {
        var names = new List<string>();
        await foreach (var blob in host.Azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, board + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task<string> ProblemWithoutTraceAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.ReadAsync(response);
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    /// <summary>The LocalHost with its triggers on an Azurite of its own, the register simulator, and the boards.</summary>
    public sealed class Host : OwnLocalHost
    {
        protected override IEnumerable<(string, string, BoardStatus)> Boards =>
            [(Board, "Levering", BoardStatus.Actief), (OtherBoard, "Levering", BoardStatus.Actief), (OpgehevenBoard, "Levering", BoardStatus.Opgeheven)];

        protected override bool WithRegister => true;

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["TeacherFile__MaxFileBytes"] = MaxFileBytes,
        };
    }

    /// <summary>A body whose length the client does not know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
