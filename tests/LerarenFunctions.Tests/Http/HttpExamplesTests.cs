using System.Net;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.Tests.Integration;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>docs/lerarenfunctions.http</c> works as written: every request, top to bottom, against the LocalHost with its
/// triggers and the register simulator, as someone who opens the file in an editor would run it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HttpExamplesTests(HttpExamplesTests.Host host) : IClassFixture<HttpExamplesTests.Host>
{
    /// <summary>The board the examples use; the file says to import it first.</summary>
    private const string Board = "10001";

    /// <summary>How long a request that waits on the triggers (a terugmelding) may answer 404 before it counts as failed.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryRequest_AnswersSuccess_WhenTheFileIsRunTopToBottom()
    {
        var file = HttpFile.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "lerarenfunctions.http")));
        file.Set("host", host.LocalHost.BaseUrl.ToString().TrimEnd('/'));
        using var client = new HttpClient();
        var answered = new List<string>();

        foreach (var request in file.Requests)
        {
            var (status, body) = await SendAsync(client, file, request);
            Assert.True((int)status is >= 200 and < 300, $"{request} answered {(int)status}: {body}");
            file.Remember(request, body);
            answered.Add($"{request.Method} {(int)status}");
        }

        Assert.Contains("POST 202", answered);
        Assert.Equal("DELETE 204", answered[^1]);
        Assert.True(file.Requests.Count >= 15, $"Only {file.Requests.Count} requests were read from the file.");
        var registered = await Eventually.WaitAsync(
            () => Task.FromResult(host.Simulator.State.List() is { Count: 3 } all ? all : null),
            Patience,
            () => $"The register holds {host.Simulator.State.List().Count} registrations, not the file's 3 teachers.");
        Assert.All(registered, r => Assert.Equal(Board, r.Bestuursnummer));
    }

    /// <summary>Sends the request; a GET that answers 404 is the triggers not being done yet, and is sent again.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpFile file, HttpFileRequest request)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            using var message = file.ToMessage(request);
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || request.Method != "GET" || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }

            await Task.Delay(250);
        }
    }

    public sealed class Host : OwnLocalHost
    {
        protected override IEnumerable<(string, string, BoardStatus)> Boards => [(Board, "Voorbeeld", BoardStatus.Actief)];

        protected override bool WithRegister => true;
    }
}
