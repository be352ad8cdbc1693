using System.Text.Json;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Cli;

/// <summary>Operators replay dead letters with the CLI, against the same storage the service uses.</summary>
[Collection(StorageCollection.Name)]
public sealed class DeadLettersCommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private IHost _service = null!;

    private Dictionary<string, string> Environment => new() { [StorageNames.Connection] = azurite.ConnectionString };

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.Connection] = azurite.ConnectionString,
            ["Register:BaseUrl"] = _simulator.BaseUrl.ToString(),
        });
        builder.AddLerarenFunctions();
        _service = builder.Build();
        await _service.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _service.StopAsync();
        _service.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task DodelettersOpnieuw_AppliesRefusedBatchOnce_WhenCauseIsFixed()
    {
        _simulator.State.Faults.RefuseWithStatus = 422;
        var path = $"10053/cli-{Guid.NewGuid():N}.csv";
        var (_, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 20, seed: 51));
        await _service.Services.GetRequiredService<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);
        await DrainAsync();

        var list = await CliProcess.RunAsync(Environment, "dodeletters", "lijst");
        Assert.Equal(0, list.ExitCode);
        var letters = JsonSerializer.Deserialize<List<DeadLetter>>(list.StandardOutput)!;
        var letter = Assert.Single(letters, l => l.DeliveryId == deliveryId);
        Assert.Equal("REGISTER_WEIGERT_422", letter.Reason);

        _simulator.State.Faults.RefuseWithStatus = null;
        var replay = await CliProcess.RunAsync(Environment, "dodeletters", "opnieuw", deliveryId, "1");
        Assert.Equal(0, replay.ExitCode);
        await DrainAsync();

        var status = await _service.Services.GetRequiredService<GetDeliveryStatus>().HandleAsync(deliveryId, CancellationToken.None);
        Assert.Equal(new DeliveryCountsView(20, 20, 0, 20, 20, 0, 0), status!.Aantallen);
        RegisterAssert.AppliedOnce(_simulator.State, SyntheticData.Bsns(seed: 51).Take(20));

        var again = await CliProcess.RunAsync(Environment, "dodeletters", "opnieuw", deliveryId, "1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("geen dode letter", again.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dodeletters", "opnieuw")]
    [InlineData("dodeletters", "opnieuw", "10053-x")]
    [InlineData("dodeletters", "opnieuw", "10053-x", "1", "--alle")]
    public async Task DodelettersOpnieuw_ExitsWithUsageError_WhenTargetIsUnclear(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(Environment, arguments);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task DodelettersLijst_ExitsWithUsageError_WhenStorageIsNotSet()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string> { [StorageNames.Connection] = "" }, "dodeletters", "lijst");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(StorageNames.Connection, result.StandardError, StringComparison.Ordinal);
    }

    private async Task DrainAsync()
    {
        var queue = azurite.Clients.Queues.GetQueueClient(StorageNames.ForwardingQueue);
        var forward = _service.Services.GetRequiredService<ForwardBatch>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await forward.HandleAsync(message.MessageText, message.DequeueCount, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
