using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Tests.Integration;

/// <summary>
/// The worker's <c>PickUpMissedUploadsFunction</c>, composed by the worker's composition, against Azurite and the simulator: uploads
/// the blob trigger never saw are taken in once, and nothing already taken in is touched again.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class MissedUploadsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string DeliveryLookup = $"table GET {StorageNames.DeliveriesTable} entity";

    private SimulatorServer _simulator = null!;
    private IHost _host = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task PickUpMissedUploads_TakesInAndForwardsOnce_WhenBlobTriggerNeverRanAndGraceHasPassed()
    {
        var grace = TimeSpan.FromSeconds(3);
        _host = await StartHostAsync(grace);
        var path = $"10053/gemist-{Guid.NewGuid():N}.csv";
        var (_, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 150, seed: 31));

        // The blob's last-modified time has whole seconds: it looks at most a second older than it is.
        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        Assert.Null(await Function<IDeliveryStore>().GetAsync(deliveryId, CancellationToken.None));

        await Task.Delay(grace);
        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        await DrainForwardingQueueAsync();

        var status = await StatusAsync(deliveryId);
        Assert.Equal("afgerond", status.Status);
        Assert.Equal(new DeliveryCountsView(150, 150, 0, 150, 150, 0, 0), status.Aantallen);
        RegisterAssert.AppliedOnce(_simulator.State, SyntheticData.Bsns(31).Take(150));
        Assert.Contains("\"goedgekeurd\"", await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PickUpMissedUploads_LooksUpOnceAndHandlesNothingAgain_WhenDeliveryExists()
    {
        _host = await StartHostAsync(TimeSpan.Zero);
        // Settles what earlier tests left in the shared container, so the runs below see only this upload as new.
        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        var path = $"10053/getriggerd-{Guid.NewGuid():N}.csv";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 120, seed: 32));
        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();
        var before = await StatusAsync(deliveryId);
        var requests = _simulator.State.Requests;
        var counter = Function<StorageRequestCounter>();

        var start = counter.Snapshot();
        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        var afterFirst = counter.Snapshot();
        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        var afterSecond = counter.Snapshot();

        Assert.Equal(1, Delta(start, afterFirst, DeliveryLookup));
        Assert.Equal(0, afterFirst.Queue - start.Queue);
        AssertFetchedOnlyListings(afterFirst, afterSecond);
        Assert.Equal(requests, _simulator.State.Requests);
        Assert.Equal(before, await StatusAsync(deliveryId));
    }

    [Fact]
    public async Task PickUpMissedUploads_TakesInTrialOnce_WhenBlobTriggerNeverRan()
    {
        _host = await StartHostAsync(TimeSpan.Zero);
        var path = $"10053/proef/gemist-{Guid.NewGuid():N}.csv";
        var (_, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 20, seed: 33));

        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        var counter = Function<StorageRequestCounter>();
        var start = counter.Snapshot();
        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        AssertFetchedOnlyListings(start, counter.Snapshot());

        var status = await StatusAsync(deliveryId);
        Assert.Equal("proef", status.Status);
        Assert.Equal(new DeliveryCountsView(20, 20, 0, 0, 0, 0, 0), status.Aantallen);
        Assert.Equal(0, _simulator.State.Requests);
    }

    [Fact]
    public async Task PickUpMissedUploads_WritesRejectionOnce_WhenUploadIsOutsideBoardFolder()
    {
        _host = await StartHostAsync(TimeSpan.Zero);
        var path = $"geen-bestuur-{Guid.NewGuid():N}/leraren.csv";
        await azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient(path)
            .UploadAsync(BinaryData.FromString(SyntheticData.TeacherCsv("10053", rows: 5, seed: 34)));
        var report = azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer).GetBlobClient(DeliveryPath.Parse(path).TerugmeldingPath);

        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        var written = (await report.GetPropertiesAsync()).Value.ETag;
        var counter = Function<StorageRequestCounter>();
        var start = counter.Snapshot();
        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        AssertFetchedOnlyListings(start, counter.Snapshot());

        Assert.Contains("BESTUURSNUMMER_ONGELDIG", await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path), StringComparison.Ordinal);
        Assert.Equal(written, (await report.GetPropertiesAsync()).Value.ETag);
    }

    private static long Delta(StorageRequestTotals from, StorageRequestTotals to, string operation) =>
        to.ByOperation.GetValueOrDefault(operation) - from.ByOperation.GetValueOrDefault(operation);

    /// <summary>A run over settled uploads costs the container listing and nothing else.</summary>
    private static void AssertFetchedOnlyListings(StorageRequestTotals from, StorageRequestTotals to)
    {
        var changed = to.ByOperation.Where(e => e.Value != from.ByOperation.GetValueOrDefault(e.Key)).Select(e => e.Key).ToList();
        Assert.Equal([$"blob GET {StorageNames.UploadsContainer} list"], changed);
    }

    private Task<IHost> StartHostAsync(TimeSpan grace) =>
        WorkerHost.StartAsync(azurite.ConnectionString, _simulator.BaseUrl, [new("Intake:MissedUploadGrace", grace.ToString())]);

    private T Function<T>()
        where T : notnull => _host.Function<T>();

    private Task<DeliveryStatusView> StatusAsync(string deliveryId) => _host.StatusAsync(deliveryId);

    private Task DrainForwardingQueueAsync() => _host.DrainForwardingQueueAsync(azurite.Clients);
}
