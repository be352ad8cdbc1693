using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Integration;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>POST /api/besturen/{bestuursnummer}/uploadlinks</c> over real HTTP on the LocalHost (Development: the documented
/// operator key) with its triggers, on an Azurite of its own: the link writes its one file, which is taken in as any
/// dropped file, and does nothing else (read, list, delete, another name, after its validity).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UploadLinkRoutesTests(UploadLinkRoutesTests.Host host) : IClassFixture<UploadLinkRoutesTests.Host>
{
    private const string Board = "10063";
    private const string OtherBoard = "10064";
    private const string UnknownBoard = "10069";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Post_AnswersALinkThatWritesItsFileForTheTrigger_WhenATrialIsAsked()
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await host.Api.PostAsync($"api/besturen/{Board}/uploadlinks?proef=true", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Null(response.Headers.Location);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["pad", "url", "verlooptOp"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        var link = body.Deserialize();
        Assert.Matches($"^{Board}/proef/api-[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}-[0-9]{{6}}-[a-z]{{10}}\\.csv$", link.Pad);
        Assert.InRange(link.VerlooptOp, before + TimeSpan.FromMinutes(14), before + TimeSpan.FromMinutes(16));
        Assert.EndsWith($"/{StorageNames.UploadsContainer}/{link.Pad}", new Uri(link.Url).AbsolutePath, StringComparison.Ordinal);

        await new BlockBlobClient(new Uri(link.Url)).UploadAsync(new BinaryData(SyntheticData.TeacherCsv(Board, rows: 4, seed: 91)).ToStream());

        Assert.True(await Uploads.GetBlobClient(link.Pad).ExistsAsync());
        var fileName = link.Pad[(Board.Length + 1)..];
        var delivery = await Eventually.WaitAsync(
            async () =>
            {
                var page = await host.Api.GetFromJsonAsync<DeliveryPage>($"api/besturen/{Board}/leveringen");
                return page!.Leveringen.FirstOrDefault(d => d.Bestand == fileName && d.Status == "proef");
            },
            Patience,
            () => $"The file {link.Pad} was not taken in as a trial. LocalHost output:{Environment.NewLine}{host.Process.Output}");
        Assert.Equal(new DeliveryCountsView(4, 4, 0, 0, 0, 0, 0), delivery.Aantallen);
    }

    [Fact]
    public async Task Link_IsRefusedForAnythingButWritingItsOwnFile_WhenUsedToReadListDeleteOrWriteAnotherName()
    {
        var link = await CreateAsync(Board);
        var url = new Uri(link.Url);
        var content = new BinaryData(SyntheticData.TeacherCsv(Board, rows: 1, seed: 92));
        await new BlockBlobClient(url).UploadAsync(content.ToStream());

        var read = await StatusOfAsync(() => new BlobClient(url).DownloadContentAsync());
        var properties = await StatusOfAsync(() => new BlobClient(url).GetPropertiesAsync());
        var delete = await StatusOfAsync(() => new BlobClient(url).DeleteAsync());
        var container = new BlobUriBuilder(url) { BlobName = "" }.ToUri();
        var list = await StatusOfAsync(() => new BlobContainerClient(container).GetBlobsAsync().AsPages().GetAsyncEnumerator().MoveNextAsync().AsTask());
        var otherName = new BlobUriBuilder(url) { BlobName = $"{Board}/api-2025-01-01-120000-anothername.csv" }.ToUri();
        var writeOther = await StatusOfAsync(() => new BlockBlobClient(otherName).UploadAsync(content.ToStream()));
        var otherFolder = new BlobUriBuilder(url) { BlobName = $"{OtherBoard}/{link.Pad[(Board.Length + 1)..]}" }.ToUri();
        var writeOtherBoard = await StatusOfAsync(() => new BlockBlobClient(otherFolder).UploadAsync(content.ToStream()));

        Assert.Equal([403, 403, 403, 403, 403, 403], new[] { read, properties, delete, list, writeOther, writeOtherBoard });
        Assert.True(await Uploads.GetBlobClient(link.Pad).ExistsAsync());
        Assert.False(await Uploads.GetBlobClient($"{Board}/api-2025-01-01-120000-anothername.csv").ExistsAsync());
        Assert.False(await Uploads.GetBlobClient($"{OtherBoard}/{link.Pad[(Board.Length + 1)..]}").ExistsAsync());
    }

    [Fact]
    public async Task Link_IsRefused_WhenUsedAfterItsValidity()
    {
        await using var shortLived = await LocalHostApi.StartAsync(host.Azurite, new Dictionary<string, string> { ["Uploadlinks__Geldigheid"] = "00:00:02" });
        using var response = await shortLived.Client.PostAsync($"api/besturen/{Board}/uploadlinks", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = (await response.Content.ReadFromJsonAsync<JsonObject>())!.Deserialize();
        Assert.True(link.VerlooptOp <= DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3));

        // Past the expiry, with a second for the storage service's clock.
        await Task.Delay(link.VerlooptOp - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2));
        var write = await StatusOfAsync(() => new BlockBlobClient(new Uri(link.Url)).UploadAsync(new BinaryData(SyntheticData.TeacherCsv(Board, rows: 1, seed: 93)).ToStream()));

        Assert.Equal(403, write);
        Assert.False(await Uploads.GetBlobClient(link.Pad).ExistsAsync());
    }

    [Fact]
    public async Task Post_NamesAnXlsxOutsideTheTrialFolder_WhenFormaatIsXlsx()
    {
        var link = await CreateAsync(Board, "?formaat=xlsx");

        Assert.Matches($"^{Board}/api-[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}-[0-9]{{6}}-[a-z]{{10}}\\.xlsx$", link.Pad);
    }

    [Theory]
    [InlineData("?formaat=json", "Ongeldig formaat")]
    [InlineData("?formaat=csv&formaat=xlsx", "Ongeldig formaat")]
    [InlineData("?proef=ja", "Ongeldige waarde voor proef")]
    public async Task Post_AnswersBadRequest_WhenAParameterIsNotKnown(string query, string title)
    {
        using var response = await host.Api.PostAsync($"api/besturen/{Board}/uploadlinks{query}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, title);
    }

    [Theory]
    [InlineData(UnknownBoard)]
    [InlineData("1006")]
    public async Task Post_AnswersNotFound_WhenTheBoardIsUnknown(string board)
    {
        using var response = await host.Api.PostAsync($"api/besturen/{board}/uploadlinks", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAssert.HasTitleAsync(response, "Onbekend bestuur");
    }

    [Fact]
    public async Task Post_AnswersUnauthorizedOrForbidden_WhenNoKeyOrAnotherBoardsKeyIsSent()
    {
        var (_, otherKey) = await host.IssueKeyAsync(OtherBoard);
        using var anonymous = host.LocalHost.NewClient();
        using var other = host.LocalHost.NewClient(otherKey);

        using var withoutKey = await anonymous.PostAsync($"api/besturen/{Board}/uploadlinks", null);
        using var foreign = await other.PostAsync($"api/besturen/{Board}/uploadlinks", null);
        using var own = await other.PostAsync($"api/besturen/{OtherBoard}/uploadlinks", null);

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Created),
            (withoutKey.StatusCode, foreign.StatusCode, own.StatusCode));
        Assert.Equal("Bearer", withoutKey.Headers.WwwAuthenticate.ToString());
        await ProblemAssert.HasTitleAsync(foreign, "Geen toegang tot dit bestuur");
    }

    private BlobContainerClient Uploads => host.Azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);

    private async Task<UploadLinkView> CreateAsync(string board, string query = "")
    {
        using var response = await host.Api.PostAsync($"api/besturen/{board}/uploadlinks{query}", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!.Deserialize();
    }

    /// <summary>The status the storage service answered, 0 when it did the work.</summary>
    private static async Task<int> StatusOfAsync(Func<Task> request)
    {
        try
        {
            await request();
            return 0;
        }
        catch (RequestFailedException ex)
        {
            return ex.Status;
        }
    }

    /// <summary>The LocalHost with its triggers on an Azurite of its own, and the boards.</summary>
    public sealed class Host : OwnLocalHost
    {
        protected override IEnumerable<(string, string, BoardStatus)> Boards =>
            [(Board, "Uploadlink", BoardStatus.Actief), (OtherBoard, "Uploadlink", BoardStatus.Actief)];
    }
}

/// <summary>The answer of the upload link route, read back as its contract.</summary>
internal static class UploadLinkAnswer
{
    public static UploadLinkView Deserialize(this JsonObject body) =>
        new((string)body["url"]!, DateTimeOffset.Parse((string)body["verlooptOp"]!, System.Globalization.CultureInfo.InvariantCulture), (string)body["pad"]!);
}
