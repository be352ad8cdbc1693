using System.Net;
using System.Net.Http.Json;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Integration;

/// <summary>The walking skeleton as a board sees it: a file dropped into storage reaches the register.</summary>
[Collection(StorageCollection.Name)]
public sealed class EndToEndTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task DroppedFile_ReachesRegisterAndCompletes_WhenLocalHostRuns()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var host = await StartLocalHostAsync(simulator);
        using var api = new HttpClient { BaseAddress = host.BaseUrl };

        var path = $"10053/e2e-{Guid.NewGuid():N}.csv";
        var csv = SyntheticData.TeacherCsv("10053", rows: 250, seed: 21, extraLines:
        [
            "R-bsn;10053;123456789;V;1980-01-01;701;2019-08-01;12AB;2019-08-01",
            "R-brin;10053;111222333;V;1980-01-01;701;2019-08-01;1X2Y;2019-08-01",
        ]);
        var (_, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, csv);

        var status = await WaitForFinalStatusAsync(api, deliveryId, host);

        Assert.Equal("afgerond", status.Status);
        Assert.Equal(new DeliveryCountsView(252, 250, 2, 250, 250, 0, 0), status.Aantallen);
        var expected = SyntheticData.Bsns(seed: 21).Take(250).ToHashSet();
        var registered = simulator.State.List().Where(r => expected.Contains(r.Bsn)).ToList();
        Assert.Equal(250, registered.Count);
        Assert.All(registered, r => Assert.Equal(1, r.Toegepast));

        var report = await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path);
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
        using var api = new HttpClient { BaseAddress = host.BaseUrl };

        var path = $"10053/binair-{Guid.NewGuid():N}.csv";
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        var (_, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, bytes);

        var status = await WaitForFinalStatusAsync(api, deliveryId, host);

        Assert.Equal("afgewezen", status.Status);
        Assert.Equal(0, status.Aantallen.Doorgestuurd);
        Assert.NotNull(status.Reden);
        Assert.NotNull(await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path));
        Assert.Equal(0, simulator.State.Requests);
    }

    private async Task<LocalHostProcess> StartLocalHostAsync(SimulatorServer simulator)
    {
        var host = LocalHostProcess.Start(new Dictionary<string, string>
        {
            [StorageNames.Connection] = azurite.ConnectionString,
            ["Register__BaseUrl"] = simulator.BaseUrl.ToString(),
        });
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    private static Task<DeliveryStatusView> WaitForFinalStatusAsync(HttpClient api, string deliveryId, LocalHostProcess host) =>
        Eventually.WaitAsync(
            async () =>
            {
                using var response = await api.GetAsync($"api/aanleveringen/{deliveryId}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                var status = await response.Content.ReadFromJsonAsync<DeliveryStatusView>();
                return status?.Status is "afgerond" or "afgewezen" ? status : null;
            },
            Patience,
            () => $"Delivery {deliveryId} did not reach a final status. LocalHost output:{Environment.NewLine}{host.Output}");
}
