using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Tests.Integration;

/// <summary>
/// The timers read only what can need work: no table query of theirs reads every partition, the upload check lists a
/// bounded number of pages per tick, and a tick costs the same however many finished deliveries there are. On an
/// Azurite of its own, so the requests counted are this test's alone; the listing pages hold two uploads, so a few
/// dozen uploads are many pages. The figures at 100,000 finished deliveries are in docs/benchmarks-timers.md.
/// </summary>
public sealed partial class TimerCostTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const int UploadsPerPage = 2;
    private const string UploadListing = $"blob GET {StorageNames.UploadsContainer} list";

    private IHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await WorkerHost.StartAsync(
            azurite.ConnectionString,
            new Uri("http://127.0.0.1:1/"),
            [new("Intake:MissedUploadGrace", "00:00:00")],
            services => services.Replace(ServiceDescriptor.Singleton<AzureComponentFactory>(new SmallUploadPages(UploadsPerPage))));

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Timers_CostTheSameAndScanNoTable_WhenFinishedDeliveriesGrowFromTenToFiveHundred()
    {
        await AddFinishedAsync(0, 10);
        var (open, _) = await TestFiles.DropAsync(azurite.Clients, "10053/onderweg.csv", SyntheticData.TeacherCsv("10053", rows: 12, seed: 160));
        await _host.Function<ReceiveDeliveryFunction>().Run(open, open.Name, CancellationToken.None);

        // The process's own check walks on where it stopped: its first ticks list a bounded number of pages.
        var walk = new List<long>();
        for (var tick = 0; tick < 2; tick++)
        {
            walk.Add((await TickAsync(() => _host.Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None))).GetValueOrDefault(UploadListing));
        }

        Assert.Equal([PickUpMissedUploads.PagesPerRun, PickUpMissedUploads.PagesPerRun], walk);

        var few = await MeasureTicksAsync();
        await AddFinishedAsync(10, 490);
        var many = await MeasureTicksAsync();

        foreach (var (timer, used) in many)
        {
            Assert.Equal(few[timer], used);
            Assert.DoesNotContain(used.Keys, operation => operation.EndsWith(" scan", StringComparison.Ordinal));
            Assert.True(used.GetValueOrDefault(UploadListing) <= PickUpMissedUploads.PagesPerRun, $"{timer}: {string.Join(", ", used)}");
        }

        Assert.Equal(PickUpMissedUploads.PagesPerRun, many[nameof(PickUpMissedUploads)][UploadListing]);
    }

    /// <summary>
    /// One tick of each timer, with the storage requests it sent per operation. The upload check is a new process's
    /// first tick, its dearest: it looks up every upload of its pages, and starts at the first page each time.
    /// </summary>
    private async Task<Dictionary<string, Dictionary<string, long>>> MeasureTicksAsync() => new()
    {
        [nameof(CheckDeliveries)] = await TickAsync(() => _host.Function<CheckDeliveriesFunction>().Run(new TimerInfo(), CancellationToken.None)),
        [nameof(PickUpMissedUploads)] = await TickAsync(() => ActivatorUtilities.CreateInstance<PickUpMissedUploads>(_host.Services).HandleAsync(CancellationToken.None)),
        [nameof(ApplyRetention)] = await TickAsync(() => _host.Function<ApplyRetentionFunction>().Run(new TimerInfo(), CancellationToken.None)),
    };

    private async Task<Dictionary<string, long>> TickAsync(Func<Task> tick)
    {
        var counter = _host.Function<StorageRequestCounter>();
        var before = counter.Snapshot();
        await tick();
        var after = counter.Snapshot();
        return after.ByOperation.Where(e => e.Value != before.ByOperation.GetValueOrDefault(e.Key))
            .ToDictionary(e => e.Key, e => e.Value - before.ByOperation.GetValueOrDefault(e.Key), StringComparer.Ordinal);
    }

    /// <summary>
    /// Final deliveries as the lifecycle leaves them, with their uploads, written straight through the store: a few
    /// requests each instead of a whole intake and forwarding. Numbered so later ones list after the first pages.
    /// </summary>
    private async Task AddFinishedAsync(int first, int count)
    {
        var store = _host.Function<IDeliveryStore>();
        var uploads = azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, ct) =>
        {
            var path = DeliveryPath.Parse($"10053/klaar-{n:D4}.csv");
            var uploaded = (await uploads.GetBlobClient(path.Value).UploadAsync(BinaryData.FromString($"klaar {n}"), ct)).Value;
            var file = new DeliveryFileInfo(path.Value, uploaded.ETag.ToString(), 8, uploaded.LastModified);
            var at = DateTimeOffset.UtcNow;
            var finished = Delivery.Receive(path.DeliveryId(file.Version), path, file, at) with
            {
                Status = DeliveryStatus.Afgerond,
                CompletedAt = at,
                ChangedAt = at,
                Counts = new DeliveryCounts { Rows = 1, Accepted = 1, Batches = 1, BatchesCompleted = 1, Forwarded = 1, Registered = 1 },
            };
            Assert.NotNull(await store.TryAddAsync(finished, ct));
        });
    }

    /// <summary>
    /// The app's own client factory, with listings of the uploads container asking for small pages: the app's page of
    /// 5,000 would need thousands of uploads before a tick could list a second page.
    /// </summary>
    private sealed class SmallUploadPages(int uploadsPerPage) : AzureComponentFactory
    {
        private static readonly AzureComponentFactory Real = RealFactory();

        public override TokenCredential CreateTokenCredential(IConfiguration configuration) => Real.CreateTokenCredential(configuration);

        public override object CreateClientOptions(Type optionsType, object serviceVersion, IConfiguration configuration) =>
            Real.CreateClientOptions(optionsType, serviceVersion, configuration);

        public override object CreateClient(Type clientType, IConfiguration configuration, TokenCredential credential, object clientOptions)
        {
            if (clientOptions is BlobClientOptions blobs)
            {
                blobs.AddPolicy(new PageSize(uploadsPerPage), HttpPipelinePosition.PerCall);
            }

            return Real.CreateClient(clientType, configuration, credential, clientOptions);
        }

        private static AzureComponentFactory RealFactory()
        {
            var services = new ServiceCollection();
            services.AddAzureClientsCore();
            return services.BuildServiceProvider().GetRequiredService<AzureComponentFactory>();
        }
    }

    private sealed partial class PageSize(int size) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            var uri = message.Request.Uri;
            if (uri.Path.EndsWith("/" + StorageNames.UploadsContainer, StringComparison.Ordinal) && uri.Query.Contains("comp=list", StringComparison.Ordinal))
            {
                uri.Query = MaxResults().Replace(uri.Query, $"maxresults={size}");
            }
        }

        [GeneratedRegex("maxresults=[0-9]+")]
        private static partial Regex MaxResults();
    }
}
