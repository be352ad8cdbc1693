using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>
/// The upload check, the blob trigger's safety net: it takes in exactly the uploads of its window that have no
/// delivery, walks the container a few pages per tick, and looks each upload up once per process.
/// </summary>
public sealed class PickUpMissedUploadsTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private readonly CoreHarness _core = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_LeavesTheUploadToTheTrigger_WhenItIsYoungerThanTheGrace()
    {
        var (_, id) = Drop("10053/leraren.csv", seed: 121);
        var check = NewCheck();

        _core.Time.Advance(Grace - TimeSpan.FromSeconds(1));
        var early = await check.HandleAsync(CancellationToken.None);
        Assert.Equal(0, early);
        Assert.Empty(_core.Deliveries.All);

        _core.Time.Advance(TimeSpan.FromSeconds(1));
        var due = await check.HandleAsync(CancellationToken.None);
        Assert.Equal(1, due);
        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[id].Status);
    }

    [Fact]
    public async Task HandleAsync_IgnoresTheUpload_WhenItIsOlderThanTheLookback()
    {
        using var core = new CoreHarness(new() { ["Intake:MissedUploadLookback"] = "01:00:00" });
        core.Drop("10053/oud.csv", SyntheticData.TeacherCsv("10053", rows: 3, seed: 122));
        core.Time.Advance(TimeSpan.FromMinutes(50));
        var (_, recent) = core.Drop("10053/recent.csv", SyntheticData.TeacherCsv("10053", rows: 3, seed: 123));
        core.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var pickedUp = await core.Get<PickUpMissedUploads>().HandleAsync(CancellationToken.None);

        Assert.Equal(1, pickedUp);
        Assert.Equal(recent, Assert.Single(core.Deliveries.All).Id);
    }

    [Fact]
    public async Task HandleAsync_ListsPagesPerRunAndGoesOnWhereTheLastTickStopped_WhenUploadsFillMorePages()
    {
        _core.Files.PageSize = 2;
        var ids = Enumerable.Range(0, 9).Select(i => Drop($"10053/bestand-{i}.csv", seed: 130 + i).DeliveryId).ToList();
        _core.Time.Advance(Grace);
        var check = NewCheck();

        var perTick = new List<(int Lists, int PickedUp, int Delivered)>();
        for (var tick = 0; tick < 3; tick++)
        {
            var pickedUp = await check.HandleAsync(CancellationToken.None);
            perTick.Add((Take(nameof(IDeliveryFiles.ListUploadsAsync)), pickedUp, _core.Deliveries.All.Count));
        }

        // Two pages of two uploads per tick; the third tick reaches the end of the container after one page.
        Assert.Equal([(2, 4, 4), (2, 4, 8), (1, 1, 9)], perTick);
        Assert.All(ids, id => Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[id].Status));

        // The walk starts over: an upload on the first page is found by the next tick.
        var (_, first) = Drop("10053/aaa-later.csv", seed: 139);
        _core.Time.Advance(Grace);
        _calls.Clear();
        var again = await check.HandleAsync(CancellationToken.None);

        Assert.Equal(1, again);
        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[first].Status);
        Assert.Equal((2, 1), (Take(nameof(IDeliveryFiles.ListUploadsAsync)), Take(nameof(IDeliveryStore.GetAsync))));
    }

    [Fact]
    public async Task HandleAsync_TakesInOnceAndLooksUpOnce_WhenTheUploadWasSeenBefore()
    {
        var triggered = await _core.DeliverAsync("10053/getriggerd.csv", SyntheticData.TeacherCsv("10053", rows: 4, seed: 141));
        var (_, missed) = Drop("10053/gemist.csv", seed: 142);
        _core.Time.Advance(Grace);
        var check = NewCheck();

        var first = await check.HandleAsync(CancellationToken.None);
        var lookups = Take(nameof(IDeliveryStore.GetAsync));
        var after = (await _core.Deliveries.GetAsync(missed, CancellationToken.None))!.Version;
        _core.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await check.HandleAsync(CancellationToken.None);

        Assert.Equal((1, 2), (first, lookups));
        Assert.Equal((0, 0), (second, Take(nameof(IDeliveryStore.GetAsync))));
        Assert.Equal(after, (await _core.Deliveries.GetAsync(missed, CancellationToken.None))!.Version);
        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[triggered].Status);
        Assert.Single(_core.Logs.Lines, line => line.Contains("the blob trigger missed it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_ForgetsSettledUploads_WhenTheyLeaveTheLookback()
    {
        Drop("10053/een.csv", seed: 143);
        Drop("10053/twee.csv", seed: 144);
        _core.Time.Advance(Grace);
        var check = NewCheck();
        await check.HandleAsync(CancellationToken.None);
        Assert.Equal((2, 2), (check.SettledCount, Take(nameof(IDeliveryStore.GetAsync))));

        _core.Time.Advance(TimeSpan.FromDays(2));
        var pickedUp = await check.HandleAsync(CancellationToken.None);

        Assert.Equal((0, 0, 0), (pickedUp, check.SettledCount, Take(nameof(IDeliveryStore.GetAsync))));
    }

    [Fact]
    public async Task HandleAsync_LeavesTrialRejectedAndMisplacedUploadsAlone_WhenTheyWereTakenInOnce()
    {
        var (_, trial) = Drop("10053/proef/leraren.csv", seed: 145);
        var rejected = _core.Drop("10053/kapot.csv", "dit is geen lerarenbestand").DeliveryId;
        const string misplaced = "geen-bestuur/leraren.csv";
        _core.Files.Upload(misplaced, Encoding.UTF8.GetBytes(SyntheticData.TeacherCsv("10053", rows: 3, seed: 146)));
        var report = DeliveryPath.Parse(misplaced).TerugmeldingPath;
        _core.Time.Advance(Grace);

        var first = await _core.Get<PickUpMissedUploads>().HandleAsync(CancellationToken.None);
        await _core.ForwardVisibleAsync();
        var stored = (await _core.Deliveries.GetAsync(trial, CancellationToken.None), await _core.Deliveries.GetAsync(rejected, CancellationToken.None));
        var written = await _core.Reports.GetInfoAsync(report, CancellationToken.None);

        // The same process again, and a process that just started: neither changes anything.
        _core.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await _core.Get<PickUpMissedUploads>().HandleAsync(CancellationToken.None);
        var fresh = await NewCheck().HandleAsync(CancellationToken.None);

        Assert.Equal((3, 0), (first, again));
        Assert.Equal(1, fresh);
        Assert.Equal((DeliveryStatus.Proef, DeliveryStatus.Afgewezen), (_core.Deliveries[trial].Status, _core.Deliveries[rejected].Status));
        Assert.Equal(stored, (await _core.Deliveries.GetAsync(trial, CancellationToken.None), await _core.Deliveries.GetAsync(rejected, CancellationToken.None)));
        Assert.Equal(written, await _core.Reports.GetInfoAsync(report, CancellationToken.None));
        Assert.Equal((0, 0), (_core.Queue.Count, _core.Register.Calls));
    }

    private (string Path, string DeliveryId) Drop(string path, int seed) =>
        _core.Drop(path, SyntheticData.TeacherCsv("10053", rows: 4, seed: seed));

    /// <summary>A check of a process that just started, whose listings and delivery lookups are counted.</summary>
    private PickUpMissedUploads NewCheck() => ActivatorUtilities.CreateInstance<PickUpMissedUploads>(
        _core.Get<IServiceProvider>(), Counted<IDeliveryFiles>(_core.Files), Counted<IDeliveryStore>(_core.Deliveries));

    /// <summary>The calls of <paramref name="method"/> since it was last taken.</summary>
    private int Take(string method) => _calls.TryRemove(method, out var count) ? count : 0;

    private T Counted<T>(T inner)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, InterceptingProxy>();
        ((InterceptingProxy)(object)proxy).Configure(inner, (method, call) =>
        {
            _calls.AddOrUpdate(method.Name, 1, (_, n) => n + 1);
            return call();
        });
        return proxy;
    }
}
