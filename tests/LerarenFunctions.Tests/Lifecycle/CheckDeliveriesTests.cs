using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>The periodic check: nothing hangs, and a batch that waits on its back-off is left to wait.</summary>
public sealed class CheckDeliveriesTests : IDisposable
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(15);

    private readonly CoreHarness _core = new(new() { ["Forwarding:RetryBaseDelay"] = "00:15:00", ["Forwarding:RetryMaxDelay"] = "00:15:00" });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_QueuesNoSecondChain_WhenTheOnlyOpenBatchWaitsOnItsBackOff()
    {
        // A back-off (15-18 minutes) longer than the stall time, as with the defaults at the longest back-off.
        using var core = new CoreHarness(new()
        {
            ["Forwarding:StallAfter"] = "00:05:00",
            ["Forwarding:RetryBaseDelay"] = "00:15:00",
            ["Forwarding:RetryMaxDelay"] = "00:15:00",
        });
        core.Register.Answer = _ => throw new RegisterUnavailableException("503", null);
        var id = await core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 111));
        await core.ForwardVisibleAsync();

        // Past the stall time, before the next attempt is due.
        core.Time.Advance(TimeSpan.FromMinutes(6));
        await core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);
        core.Time.Advance(TimeSpan.FromMinutes(6));
        await core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);

        Assert.Single(core.Queue.Waiting);
        Assert.Equal(0, core.Queue.VisibleFor(id));
    }

    [Fact]
    public async Task HandleAsync_QueuesAStalledBatchOnceAndForwardsIt_WhenItsMessageWasLost()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 112));
        var lost = _core.Queue.TakeVisible();
        Assert.Equal(3, lost.Count);

        _core.Time.Advance(StallAfter);
        await _core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);
        await _core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);

        Assert.Equal(3, _core.Queue.Count);
        await _core.ForwardVisibleAsync();
        await _core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);
        Assert.Equal((DeliveryStatus.Afgerond, 25), (_core.Deliveries[id].Status, _core.Deliveries[id].Counts.Registered));
    }

    [Fact]
    public async Task HandleAsync_LeavesMovingForwardingAlone_WhenABatchChangedWithinTheStallTime()
    {
        await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 113));
        var messages = _core.Queue.TakeVisible();
        _core.Time.Advance(StallAfter - TimeSpan.FromMinutes(1));
        await _core.Get<ForwardBatch>().HandleAsync(messages[0], 1, CancellationToken.None);

        _core.Time.Advance(TimeSpan.FromMinutes(2));
        await _core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);

        Assert.Equal(0, _core.Queue.Count);
    }

    [Fact]
    public async Task HandleAsync_FinishesAnIntakeThatStopped_WhenNoTriggerComesBack()
    {
        var (path, id) = _core.Drop("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 114));
        var file = (await _core.Files.GetInfoAsync(path, CancellationToken.None))!;
        await _core.Deliveries.TryAddAsync(Delivery.Receive(id, DeliveryPath.Parse(path), file, _core.Time.GetUtcNow()), CancellationToken.None);

        _core.Time.Advance(TimeSpan.FromMinutes(10));
        await _core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);
        await _core.ForwardVisibleAsync();

        Assert.Equal((DeliveryStatus.Afgerond, 25), (_core.Deliveries[id].Status, _core.Deliveries[id].Counts.Registered));
    }

    [Fact]
    public async Task HandleAsync_ForwardsAValidatedDelivery_WhenItsRunStoppedBeforeQueueing()
    {
        var (path, id) = _core.Drop("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 115));
        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);
        _core.Queue.TakeVisible();
        var stored = (await _core.Deliveries.GetAsync(id, CancellationToken.None))!;
        // Back to gevalideerd, as a run that stopped after validating leaves it.
        await _core.Deliveries.TryReplaceAsync(stored, stored.Value with { Status = DeliveryStatus.Gevalideerd }, CancellationToken.None);

        _core.Time.Advance(TimeSpan.FromMinutes(10));
        await _core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);
        await _core.ForwardVisibleAsync();

        Assert.Equal(DeliveryStatus.Afgerond, _core.Deliveries[id].Status);
    }

    [Fact]
    public async Task HandleAsync_ChecksTheOthers_WhenOneDeliveryFailsItsCheck()
    {
        var (path, broken) = _core.Drop("10053/kapot.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 116));
        var file = (await _core.Files.GetInfoAsync(path, CancellationToken.None))!;
        await _core.Deliveries.TryAddAsync(Delivery.Receive(broken, DeliveryPath.Parse(path), file, _core.Time.GetUtcNow()), CancellationToken.None);
        var (otherPath, other) = _core.Drop("10053/heel.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 117));
        var otherFile = (await _core.Files.GetInfoAsync(otherPath, CancellationToken.None))!;
        await _core.Deliveries.TryAddAsync(Delivery.Receive(other, DeliveryPath.Parse(otherPath), otherFile, _core.Time.GetUtcNow()), CancellationToken.None);
        _core.Reports.FailWrites = 1;

        _core.Time.Advance(TimeSpan.FromMinutes(10));
        await _core.Get<CheckDeliveries>().HandleAsync(CancellationToken.None);

        Assert.Equal(1, _core.Deliveries.All.Count(d => d.Status == DeliveryStatus.Doorsturen));
        Assert.Equal(1, _core.Deliveries.All.Count(d => d.Status == DeliveryStatus.Ontvangen));
        Assert.Contains(_core.Logs.Lines, l => l.Contains("check of delivery", StringComparison.Ordinal));
    }
}
