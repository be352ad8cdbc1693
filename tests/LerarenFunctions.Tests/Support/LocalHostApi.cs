using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Storage;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// The LocalHost as its own process on Azurite, ready to answer, with a client that sends the Development operator
/// key. Unless a test's settings say otherwise, the register is a loopback port where nothing listens.
/// </summary>
public sealed class LocalHostApi : IAsyncDisposable
{
    private LocalHostApi(LocalHostProcess host)
    {
        Host = host;
        Client = NewClient(OperatorOptions.DevelopmentKey);
    }

    public LocalHostProcess Host { get; }

    /// <summary>A client with the Development operator key, which opens every board's routes.</summary>
    public HttpClient Client { get; }

    public Uri BaseUrl => Host.BaseUrl;

    /// <summary>Starts the LocalHost on <paramref name="azurite"/>, with <paramref name="settings"/> over the defaults.</summary>
    public static async Task<LocalHostApi> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            [StorageNames.Connection] = azurite.ConnectionString,
            ["Register__BaseUrl"] = "http://127.0.0.1:1/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new LocalHostApi(await LocalHostProcess.StartReadyAsync(all, TimeSpan.FromSeconds(60)));
    }

    /// <summary>A new key of <paramref name="board"/>, issued with the operator key: its id and the key itself.</summary>
    public async Task<(string Id, string Key)> IssueKeyAsync(string board)
    {
        using var response = await Client.PostAsync($"api/beheer/besturen/{board}/sleutels", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)body["sleutelId"]!, (string)body["sleutel"]!);
    }

    /// <summary>A new client of the LocalHost that sends <paramref name="bearer"/> as its key, or no key at all.</summary>
    public HttpClient NewClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
