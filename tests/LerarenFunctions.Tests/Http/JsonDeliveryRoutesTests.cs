using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Integration;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>POST /api/besturen/{bestuursnummer}/leveringen</c> with the teachers as JSON, over real HTTP on the LocalHost with
/// its triggers, on an Azurite of its own and the register simulator; <c>TeacherFile:MaxRows</c> is small here.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class JsonDeliveryRoutesTests(JsonDeliveryRoutesTests.Host host) : IClassFixture<JsonDeliveryRoutesTests.Host>
{
    private const string Board = "10067";
    private const int MaxRows = 5;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Post_ReachesTheRegisterOnceAndNumbersABadRecordByItsIndex_WhenJsonIsDelivered()
    {
        var bsns = SyntheticData.Bsns(seed: 81).Take(4).ToList();
        var body = Body(bsns, bad: 3);
        var key = $"json-{Guid.NewGuid():N}";

        using var response = await PostAsync(body, idempotencyKey: key);
        using var retry = await PostAsync(body, idempotencyKey: key);

        var id = await AcceptedIdAsync(response);
        Assert.Equal(id, await AcceptedIdAsync(retry));
        var status = await WaitForStatusAsync(id, "afgerond");
        Assert.Equal(new DeliveryCountsView(4, 3, 1, 3, 3, 0, 0), status.Aantallen);
        RegisterAssert.AppliedOnce(host.Simulator.State, bsns.Where((_, i) => i != 2));
        Assert.DoesNotContain(host.Simulator.State.List(), r => r.Bsn == bsns[2]);

        var terugmelding = await host.Api.GetFromJsonAsync<JsonObject>(status.Terugmelding!.TrimStart('/'));
        var melding = Assert.Single(terugmelding!["meldingen"]!.AsArray());
        Assert.Equal((3, "R3", "geslacht"), ((int?)melding!["regel"], (string?)melding["regelId"], (string?)melding["veld"]));
        Assert.EndsWith(".json.csv", (string?)terugmelding["bestand"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"leraren": [ {"bsn": "1"} """)]
    [InlineData("""{"leraren": [ {"bsn": "1"}, ]}""")]
    [InlineData("niet eens json")]
    public async Task Post_AnswersBadRequestAndStoresNothing_WhenTheJsonIsMalformed(string body)
    {
        var before = await UploadsAsync();

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAssert.HasTitleAsync(response, "Ongeldige JSON");
        Assert.Contains("geen geldige JSON", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(before, await UploadsAsync());
    }

    [Fact]
    public async Task Post_AnswersBadRequestNamingTheIndex_WhenAValueIsNoString()
    {
        var records = Records(SyntheticData.Bsns(seed: 82).Take(2).ToList());
        records[1]["benoemingsgrondslag"] = 701;
        var before = await UploadsAsync();

        using var response = await PostAsync(JsonSerializer.Serialize(new { leraren = records }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAssert.HasTitleAsync(response, "Ongeldige JSON");
        Assert.Contains("Leraar 2 in 'leraren': de waarde van 'benoemingsgrondslag' is geen tekst", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(before, await UploadsAsync());
    }

    [Fact]
    public async Task Post_AnswersPayloadTooLargeAndStoresNothing_WhenThereAreMoreRecordsThanMaxRows()
    {
        var before = await UploadsAsync();

        using var response = await PostAsync(Body(SyntheticData.Bsns(seed: 83).Take(MaxRows + 1).ToList()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemAssert.HasTitleAsync(response, "Te veel leraren");
        Assert.Contains($"hoogstens {MaxRows} leraren", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(before, await UploadsAsync());
    }

    private static List<Dictionary<string, object>> Records(IReadOnlyList<string> bsns, int bad = 0) =>
        [.. bsns.Select((bsn, i) => new Dictionary<string, object>
        {
            ["regel_id"] = $"R{i + 1}",
            ["bestuursnummer"] = Board,
            ["bsn"] = bsn,
            ["geslacht"] = i + 1 == bad ? "Q" : "V",
            ["geboortedatum"] = "1980-05-01",
            ["benoemingsgrondslag"] = "701",
            ["begindatum_benoeming"] = "2019-08-01",
            ["brinnummer"] = "12AB",
            ["begindatum_dienstverband"] = "2019-08-01",
        })];

    private static string Body(IReadOnlyList<string> bsns, int bad = 0) => JsonSerializer.Serialize(new { leraren = Records(bsns, bad) });

    private async Task<HttpResponseMessage> PostAsync(string body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/besturen/{Board}/leveringen")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
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

    private Task<DeliveryStatusView> WaitForStatusAsync(string id, string final) =>
        Eventually.WaitAsync(
            async () =>
            {
                using var response = await host.Api.GetAsync($"api/besturen/{Board}/leveringen/{id}");
                return response.StatusCode == HttpStatusCode.OK
                    && await response.Content.ReadFromJsonAsync<DeliveryStatusView>() is { } status
                    && status.Status == final
                        ? status
                        : null;
            },
            Patience,
            () => $"Delivery {id} did not reach '{final}'. LocalHost output:{Environment.NewLine}{host.LocalHost.Host.Output}");

    private async Task<List<string>> UploadsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in host.Azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Board + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The LocalHost with its triggers on an Azurite of its own, the register simulator, and the board.</summary>
    public sealed class Host : OwnLocalHost
    {
        protected override IEnumerable<(string, string, BoardStatus)> Boards => [(Board, "Levering", BoardStatus.Actief)];

        protected override bool WithRegister => true;

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["TeacherFile__MaxRows"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
