using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Tests.Integration;

/// <summary>
/// The timers read only what can need work: no table query of theirs reads every partition (a scan grows with the
/// finished deliveries), and the upload check lists a bounded number of pages per run. The figures at 100,000 finished
/// deliveries are in docs/benchmarks-timers.md.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class TimerCostTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        _host = await WorkerHost.StartAsync(azurite.ConnectionString, _simulator.BaseUrl, [new("Intake:MissedUploadGrace", "00:00:00")]);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Timers_ScanNoTableAndListBoundedPages_WhenFinishedDeliveriesAndForwardingOnesAreStored()
    {
        for (var i = 0; i < 5; i++)
        {
            var (blob, _) = await TestFiles.DropAsync(azurite.Clients, $"10053/klaar-{i}-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 12, seed: 150 + i));
            await _host.Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        }

        await _host.DrainForwardingQueueAsync(azurite.Clients);
        var (open, _) = await TestFiles.DropAsync(azurite.Clients, $"10053/onderweg-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 12, seed: 160));
        await _host.Function<ReceiveDeliveryFunction>().Run(open, open.Name, CancellationToken.None);
        var counter = _host.Function<StorageRequestCounter>();

        foreach (var tick in new Func<Task>[]
        {
            () => _host.Function<CheckDeliveriesFunction>().Run(new TimerInfo(), CancellationToken.None),
            () => _host.Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None),
            () => _host.Function<ApplyRetentionFunction>().Run(new TimerInfo(), CancellationToken.None),
        })
        {
            var before = counter.Snapshot();
            await tick();
            var used = Used(before, counter.Snapshot());

            Assert.DoesNotContain(used.Keys, operation => operation.EndsWith(" scan", StringComparison.Ordinal));
            Assert.True(used.GetValueOrDefault($"blob GET {StorageNames.UploadsContainer} list") <= PickUpMissedUploads.PagesPerRun, string.Join(", ", used));
        }

        await _host.DrainForwardingQueueAsync(azurite.Clients);
    }

    private static Dictionary<string, long> Used(StorageRequestTotals from, StorageRequestTotals to) =>
        to.ByOperation.Where(e => e.Value != from.ByOperation.GetValueOrDefault(e.Key)).ToDictionary(e => e.Key, e => e.Value - from.ByOperation.GetValueOrDefault(e.Key));
}
