using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>
/// A run that was taken over while it was still alive (a long pause, a slow read) writes nothing destructive when it
/// goes on: not the new run's batches, report or claim.
/// </summary>
public sealed class ReceiveDeliveryTakeOverTests : IDisposable
{
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(10);

    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_LeavesTheNewRunsBatchesReportAndClaim_WhenARunTakenOverWhileAliveFindsTheFileReplaced()
    {
        var path = "10053/leraren.csv";
        var (_, id) = _core.Drop(path, SyntheticData.TeacherCsv("10053", rows: 25, seed: 93));
        using var paused = new PausedRead(_core);
        var (first, taken) = await TakeOverWhileFirstRunPausesAsync(paused, path, id);
        _core.Files.Upload(path, Encoding.UTF8.GetBytes(SyntheticData.TeacherCsv("10053", rows: 5, seed: 94)));
        await paused.ResumeAsync(first);

        Assert.Equal((DeliveryStatus.Doorsturen, 2), (_core.Deliveries[id].Status, _core.Deliveries[id].IntakeAttempt));
        Assert.Equal(3, _core.Batches.Batches(id).Count);
        Assert.DoesNotContain(MeldingCodes.BestandVervangen, _core.Reports[_core.Deliveries[id].TerugmeldingPath]!.Meldingen.Select(m => m.Code));
        Assert.Equal(taken, await Writes(id));
    }

    [Fact]
    public async Task HandleAsync_WritesNoReport_WhenARunTakenOverWhileAliveFinishesItsRead()
    {
        var path = "10053/leeg.csv";
        var (_, id) = _core.Drop(path, SyntheticData.Header + "\r\n");
        using var paused = new PausedRead(_core);
        var (first, taken) = await TakeOverWhileFirstRunPausesAsync(paused, path, id);
        await paused.ResumeAsync(first);

        Assert.Equal((DeliveryStatus.Afgewezen, 2), (_core.Deliveries[id].Status, _core.Deliveries[id].IntakeAttempt));
        Assert.Equal(taken, await Writes(id));
    }

    [Fact]
    public async Task HandleAsync_WritesNothing_WhenALateTriggerFindsTheDeliveryAfgerond()
    {
        var path = "10053/leraren.csv";
        var id = await _core.DeliverAsync(path, SyntheticData.TeacherCsv("10053", rows: 25, seed: 95));
        await _core.ForwardVisibleAsync();
        Assert.Equal(DeliveryStatus.Afgerond, _core.Deliveries[id].Status);
        var finished = await Writes(id);

        _core.Time.Advance(Stall);
        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);

        Assert.Equal(finished, await Writes(id));
        Assert.Equal(0, _core.Queue.Count);
    }

    /// <summary>
    /// Starts a run that pauses in its read, lets the stall time pass and a second run take the intake over; returns the
    /// paused run and what the second one wrote.
    /// </summary>
    private async Task<(Task First, List<string> Taken)> TakeOverWhileFirstRunPausesAsync(PausedRead paused, string path, string deliveryId)
    {
        var first = Task.Run(() => _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None));
        await paused.Reached;

        _core.Time.Advance(Stall);
        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);
        return (first, await Writes(deliveryId));
    }

    /// <summary>The version of everything the intake of <paramref name="deliveryId"/> writes: the same list means nothing was written.</summary>
    private async Task<List<string>> Writes(string deliveryId)
    {
        var writes = new List<string> { "aanlevering " + (await _core.Deliveries.GetAsync(deliveryId, CancellationToken.None))?.Version };
        writes.AddRange((await _core.Batches.ListAsync(deliveryId, withResults: false, CancellationToken.None)).Select(b => $"batch {b.Value.Number} {b.Version}"));
        foreach (var report in _core.Reports.Paths.Order(StringComparer.Ordinal))
        {
            writes.Add($"{report} {(await _core.Reports.GetInfoAsync(report, CancellationToken.None))?.Version}");
        }

        foreach (var claim in _core.Claims.All)
        {
            writes.Add($"claim {claim.DeliveryId} {(await _core.Claims.GetAsync(claim.Bestuursnummer, claim.ContentHash, CancellationToken.None))?.Version}");
        }

        return writes;
    }

    /// <summary>Holds the first read of the file (its run on another thread) until the test lets it go on.</summary>
    private sealed class PausedRead : IDisposable
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _resume = new();

        public PausedRead(CoreHarness core)
        {
            core.Files.WhileReading = (AfterBytes: 0, Change: () =>
            {
                // Only the first run's read pauses; the run that takes over reads on.
                core.Files.WhileReading = null;
                _reached.SetResult();
                _resume.Wait(TimeSpan.FromSeconds(30));
            });
        }

        public Task Reached => _reached.Task;

        public async Task ResumeAsync(Task run)
        {
            _resume.Set();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public void Dispose()
        {
            _resume.Set();
            _resume.Dispose();
        }
    }
}
