using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LerarenFunctions.Core.Boards;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// A LocalHost process on an Azurite of its own, for HTTP tests that need settings of their own (a class fixture):
/// the boards it must know are added before it starts and, with <see cref="WithRegister"/>, it forwards to the
/// register simulator with short back-offs.
/// </summary>
public abstract class OwnLocalHost : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    /// <summary>The register simulator; only with <see cref="WithRegister"/>.</summary>
    public SimulatorServer Simulator { get; private set; } = null!;

    public LocalHostApi LocalHost { get; private set; } = null!;

    public LocalHostProcess Process => LocalHost.Host;

    /// <summary>A client with the Development operator key, which opens every board's routes.</summary>
    public HttpClient Api => LocalHost.Client;

    /// <summary>The boards the registry knows before the host starts, named <c>Stichting {naam} {nummer}</c>.</summary>
    protected abstract IEnumerable<(string Number, string Name, BoardStatus Status)> Boards { get; }

    /// <summary>Whether the host forwards to a register simulator of its own.</summary>
    protected virtual bool WithRegister => false;

    /// <summary>Settings over the LocalHost's test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        foreach (var (number, name, status) in Boards)
        {
            await TestBoards.AddAsync(Azurite.Clients, number, name: $"Stichting {name} {number}", status: status, withAddress: false);
        }

        var settings = new Dictionary<string, string>(Settings);
        if (WithRegister)
        {
            Simulator = await SimulatorServer.StartAsync();
            settings["Register__BaseUrl"] = Simulator.BaseUrl.ToString();
            settings.TryAdd("Forwarding__RetryBaseDelay", "00:00:02");
            settings.TryAdd("Forwarding__RetryMaxDelay", "00:00:10");
        }

        LocalHost = await LocalHostApi.StartAsync(Azurite, settings);
    }

    /// <summary>A new key of <paramref name="board"/>, issued with the operator key: its id and the key itself.</summary>
    public Task<(string Id, string Key)> IssueKeyAsync(string board) => LocalHost.IssueKeyAsync(board);

    /// <summary>Sends <paramref name="csv"/> for <paramref name="board"/> over the API: the id of its delivery.</summary>
    public async Task<string> SendCsvAsync(string board, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await Api.PostAsync($"api/besturen/{board}/leveringen", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["aanleveringId"]!;
    }

    public async Task DisposeAsync()
    {
        if (LocalHost is not null)
        {
            await LocalHost.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}
