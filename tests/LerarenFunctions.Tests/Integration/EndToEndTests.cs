using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Integration;

/// <summary>
/// The system as a board sees it: a file dropped into storage reaches the register. Every test has an Azurite of
/// its own: a new LocalHost scans the whole uploads container, and other tests' files would only slow it down.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EndToEndTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task DroppedFile_ReachesRegisterAndCompletes_WhenLocalHostRuns()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var host = await StartLocalHostAsync(simulator);
        using var api = Api(host);

        var path = $"10053/e2e-{Guid.NewGuid():N}.csv";
        var csv = SyntheticData.TeacherCsv("10053", rows: 250, seed: 21, extraLines:
        [
            "R-bsn;10053;123456789;V;1980-01-01;701;2019-08-01;12AB;2019-08-01",
            "R-brin;10053;111222333;V;1980-01-01;701;2019-08-01;1X2Y;2019-08-01",
        ]);
        var (_, deliveryId) = await TestFiles.DropAsync(_azurite.Clients, path, csv);

        var status = await WaitForFinalStatusAsync(api, deliveryId, host);

        Assert.Equal("afgerond", status.Status);
        Assert.Equal(new DeliveryCountsView(252, 250, 2, 250, 250, 0, 0), status.Aantallen);
        RegisterAssert.AppliedOnce(simulator.State, SyntheticData.Bsns(seed: 21).Take(250));

        var report = await TestFiles.ReadTerugmeldingAsync(_azurite.Clients, path);
        Assert.NotNull(report);
        Assert.Contains("\"status\": \"gedeeltelijk\"", report, StringComparison.Ordinal);
        Assert.Contains("BRIN_ONGELDIG", report, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedBinaryFile_GetsFinalRejection_WhenLocalHostRuns()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var host = await StartLocalHostAsync(simulator);
        using var api = Api(host);

        var path = $"10053/binair-{Guid.NewGuid():N}.csv";
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        var (_, deliveryId) = await TestFiles.DropAsync(_azurite.Clients, path, bytes);

        var status = await WaitForFinalStatusAsync(api, deliveryId, host);

        Assert.Equal("afgewezen", status.Status);
        Assert.Equal(0, status.Aantallen.Doorgestuurd);
        Assert.NotNull(status.Reden);
        Assert.NotNull(await TestFiles.ReadTerugmeldingAsync(_azurite.Clients, path));
        Assert.Equal(0, simulator.State.Requests);
    }

    [Fact]
    public async Task DroppedFile_IsAppliedExactlyOnce_WhenRegisterFailsHangsThrottlesAndGoesDown()
    {
        var unknown = SyntheticData.Bsns(seed: 31).Skip(100).Take(3).ToList();
        await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["RegisterSimulator:UnknownBsns:0"] = unknown[0],
            ["RegisterSimulator:UnknownBsns:1"] = unknown[1],
            ["RegisterSimulator:UnknownBsns:2"] = unknown[2],
            ["RegisterSimulator:Faults:ServiceUnavailableRate"] = "0.2",
            ["RegisterSimulator:Faults:TooManyRequestsRate"] = "0.1",
            ["RegisterSimulator:Faults:RetryAfterSeconds"] = "1",
            ["RegisterSimulator:Faults:HangRate"] = "0.05",
            ["RegisterSimulator:Faults:HangDuration"] = "00:00:05",
            ["RegisterSimulator:Faults:Seed"] = "31",
        });
        await using var host = await StartLocalHostAsync(simulator, new()
        {
            ["Register__AttemptTimeout"] = "00:00:02",
            ["Register__TotalTimeout"] = "00:00:15",
            ["Register__RetryDelay"] = "00:00:00.250",
            // Batches that failed in the outage come back after seconds instead of minutes: the same path, sooner.
            ["Forwarding__RetryBaseDelay"] = "00:00:01",
            ["Forwarding__RetryMaxDelay"] = "00:00:05",
        });
        using var api = Api(host);

        var path = $"10053/storingen-{Guid.NewGuid():N}.csv";
        var (_, deliveryId) = await TestFiles.DropAsync(_azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 1000, seed: 31));
        // The outage starts with the first call, so it surely falls in the middle of the forwarding.
        await Eventually.WaitAsync(() => Task.FromResult(simulator.State.Requests > 0 ? "started" : null), Patience, () => host.Output);
        simulator.State.Faults.OutageStart = DateTimeOffset.UtcNow;
        simulator.State.Faults.OutageDuration = TimeSpan.FromSeconds(20);

        var status = await WaitForFinalStatusAsync(api, deliveryId, host, TimeSpan.FromSeconds(180));

        Assert.Equal("afgerond", status.Status);
        Assert.Equal(new DeliveryCountsView(1000, 1000, 0, 1000, 997, 3, 0), status.Aantallen);
        RegisterAssert.AppliedOnce(simulator.State, SyntheticData.Bsns(seed: 31).Take(1000).Except(unknown));
        Assert.True(simulator.State.Requests > 20, $"Only {simulator.State.Requests} calls: the faults did not bite.");
    }

    [Fact]
    public async Task Forwarding_CompletesWithEveryRecordAppliedOnce_WhenLocalHostIsKilledMidwayAndStartedAgain()
    {
        await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["RegisterSimulator:Faults:ExtraLatency"] = "00:00:01",
        });
        var settings = new Dictionary<string, string>
        {
            // Few batches in flight at a time, so the kill surely lands in the middle of the forwarding.
            ["AzureFunctionsJobHost__extensions__queues__batchSize"] = "2",
            ["AzureFunctionsJobHost__extensions__queues__newBatchThreshold"] = "1",
            // The dead host's messages stay invisible for ten minutes; the stall check queues them again sooner.
            ["Forwarding__StallAfter"] = "00:00:05",
        };
        var path = $"10053/onderbroken-{Guid.NewGuid():N}.csv";
        string deliveryId;
        await using (var first = await StartLocalHostAsync(simulator, settings))
        {
            (_, deliveryId) = await TestFiles.DropAsync(_azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 2000, seed: 41));
            await Eventually.WaitAsync(() => Task.FromResult(simulator.State.List().Count >= 300 ? "halfway" : null), Patience, () => first.Output);
        }

        var registeredAtKill = simulator.State.List().Count;
        Assert.True(registeredAtKill < 2000, "The forwarding was done before the kill; the test proves nothing.");

        await using var second = await StartLocalHostAsync(simulator, settings);
        using var api = Api(second);
        var status = await WaitForFinalStatusAsync(api, deliveryId, second, TimeSpan.FromSeconds(150));

        Assert.Equal("afgerond", status.Status);
        Assert.Equal(new DeliveryCountsView(2000, 2000, 0, 2000, 2000, 0, 0), status.Aantallen);
        RegisterAssert.AppliedOnce(simulator.State, SyntheticData.Bsns(seed: 41).Take(2000));
    }

    [Fact]
    public async Task DevelopmentUpload_IsValidatedAsTrialAndServesItsOwnTerugmelding_WhenUploadedBelowProef()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var host = await StartLocalHostAsync(simulator);
        using var api = Api(host);

        using var content = new StringContent(SyntheticData.TeacherCsv("10053", rows: 12, seed: 51));
        using var upload = await api.PutAsync($"dev/aanleveringen/10053/proef/proef-{Guid.NewGuid():N}.csv", content);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var answer = await upload.Content.ReadFromJsonAsync<Dictionary<string, string?>>();
        var deliveryId = answer!["aanleveringId"]!;

        // At once: the upload is visible before the trigger has taken it in.
        var statusRoute = answer["status"]!.TrimStart('/');
        Assert.Equal($"api/besturen/10053/leveringen/{deliveryId}", statusRoute);
        var early = await api.GetFromJsonAsync<DeliveryStatusView>(statusRoute);
        Assert.Contains(early!.Status, new[] { "ontvangen", "proef" });
        var status = await Eventually.WaitAsync(
            async () => await api.GetFromJsonAsync<DeliveryStatusView>(statusRoute) is { Status: "proef" } done ? done : null,
            Patience,
            () => host.Output);

        Assert.Equal(new DeliveryCountsView(12, 12, 0, 0, 0, 0, 0), status.Aantallen);
        Assert.Equal(answer["terugmelding"], status.Terugmelding);
        using var csv = new HttpRequestMessage(HttpMethod.Get, status.Terugmelding!.TrimStart('/'));
        csv.Headers.Accept.ParseAdd("text/csv");
        using var report = await api.SendAsync(csv);
        Assert.Equal("text/csv", report.Content.Headers.ContentType?.MediaType);
        Assert.Contains("goedgekeurd", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, simulator.State.Requests);
    }

    /// <summary>A client of the host with the Development operator key, which opens every board's routes and <c>/beheer</c>.</summary>
    private static HttpClient Api(LocalHostProcess host)
    {
        var api = new HttpClient { BaseAddress = host.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorOptions.DevelopmentKey);
        return api;
    }

    private async Task<LocalHostProcess> StartLocalHostAsync(SimulatorServer simulator, Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            [StorageNames.Connection] = _azurite.ConnectionString,
            ["Register__BaseUrl"] = simulator.BaseUrl.ToString(),
            // A batch that fails on a busy machine is tried again after seconds, not the production half minute.
            ["Forwarding__RetryBaseDelay"] = "00:00:02",
            ["Forwarding__RetryMaxDelay"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return await LocalHostProcess.StartReadyAsync(all, TimeSpan.FromSeconds(60));
    }

    private static Task<DeliveryStatusView> WaitForFinalStatusAsync(HttpClient api, string deliveryId, LocalHostProcess host, TimeSpan? patience = null) =>
        Eventually.WaitAsync(
            async () =>
            {
                using var response = await api.GetAsync($"api/beheer/aanleveringen/{deliveryId}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                var status = await response.Content.ReadFromJsonAsync<DeliveryStatusView>();
                return status?.Status is "afgerond" or "afgewezen" ? status : null;
            },
            patience ?? Patience,
            () => $"Delivery {deliveryId} did not reach a final status. LocalHost output:{Environment.NewLine}{host.Output}");
}

/// <summary>The end-to-end tests run one at a time (each starts LocalHost processes), beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "EndToEnd";
}
