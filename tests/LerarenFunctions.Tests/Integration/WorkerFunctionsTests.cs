using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Integration;

/// <summary>The worker's own function classes, composed by the worker's composition, against Azurite and the simulator.</summary>
[Collection(StorageCollection.Name)]
public sealed class WorkerFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.Connection] = azurite.ConnectionString,
            ["Register:BaseUrl"] = _simulator.BaseUrl.ToString(),
        });
        builder.AddLerarenFunctions();
        builder.Services.AddTransient<DeliveryUploaded>().AddTransient<BatchQueued>().AddTransient<DeliveryStatusRequested>();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task WorkerFunctions_RegisterEveryValidRowOnce_WhenCalledInTurn()
    {
        var path = $"10053/worker-{Guid.NewGuid():N}.csv";
        var csv = SyntheticData.TeacherCsv("10053", rows: 150, seed: 11, extraLines: ["R-bad;10053;123456789;V;1980-01-01;701;2019-08-01;12AB;2019-08-01"]);
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, csv);

        await _host.Services.GetRequiredService<DeliveryUploaded>().Run(blob, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var result = await _host.Services.GetRequiredService<DeliveryStatusRequested>()
            .Run(new DefaultHttpContext().Request, deliveryId, CancellationToken.None);
        var status = Assert.IsType<Ok<DeliveryStatusView>>(result).Value!;
        Assert.Equal("afgerond", status.Status);
        Assert.Equal(151, status.Aantallen.Regels);
        Assert.Equal(150, status.Aantallen.Goedgekeurd);
        Assert.Equal(1, status.Aantallen.Afgekeurd);
        Assert.Equal(150, status.Aantallen.Doorgestuurd);
        Assert.Equal(150, status.Aantallen.Geregistreerd);

        var expected = SyntheticData.Bsns(seed: 11).Take(150).ToHashSet();
        var registered = _simulator.State.List().Where(r => expected.Contains(r.Bsn)).ToList();
        Assert.Equal(150, registered.Count);
        Assert.All(registered, r => Assert.Equal(1, r.Toegepast));

        var report = await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path);
        Assert.NotNull(report);
        Assert.Contains("BSN_ONGELDIG", report, StringComparison.Ordinal);
        Assert.Contains("******789", report, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerFunctions_ApplyNothingTwice_WhenBlobTriggerAndMessagesRunAgain()
    {
        var path = $"10053/replay-{Guid.NewGuid():N}.csv";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 120, seed: 12));
        var uploaded = _host.Services.GetRequiredService<DeliveryUploaded>();

        await uploaded.Run(blob, CancellationToken.None);
        await DrainForwardingQueueAsync(deleteMessages: false);
        await uploaded.Run(blob, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var status = await _host.Services.GetRequiredService<GetDeliveryStatus>().HandleAsync(deliveryId, CancellationToken.None);
        Assert.Equal("afgerond", status!.Status);
        Assert.Equal(120, status.Aantallen.Geregistreerd);
        var expected = SyntheticData.Bsns(seed: 12).Take(120).ToHashSet();
        Assert.All(_simulator.State.List().Where(r => expected.Contains(r.Bsn)), r => Assert.Equal(1, r.Toegepast));
    }

    /// <summary>Plays the queue trigger: hands every waiting message to the worker's queue function.</summary>
    private async Task DrainForwardingQueueAsync(bool deleteMessages = true)
    {
        var queue = azurite.Clients.Queues.GetQueueClient(StorageNames.ForwardingQueue);
        var function = _host.Services.GetRequiredService<BatchQueued>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(deleteMessages ? 30 : 1))).Value;
            if (messages.Length == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                await function.Run(message.MessageText, CancellationToken.None);
                if (deleteMessages)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            if (!deleteMessages)
            {
                // Left on the queue on purpose: they come back and are handled a second time.
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                return;
            }
        }
    }
}
