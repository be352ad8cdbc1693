using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>Closing rules: the report first, one closer wins, a closed delivery is closed again when its batches change.</summary>
public sealed class CloseDeliveryTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_LeavesTheDeliveryForwarding_WhenTheReportCannotBeCompleted()
    {
        var id = await ForwardedButNotClosedAsync();
        _core.Reports.Conflicts.Always = true;

        await _core.Get<CloseDelivery>().HandleAsync(id, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[id].Status);
        Assert.Equal(Conflicts.MaxRetries + 1, _core.Reports.Conflicts.Refused);
    }

    [Fact]
    public async Task HandleAsync_WritesOnce_WhenTwoClosersCloseTheSameDelivery()
    {
        var id = await ForwardedButNotClosedAsync();
        var before = (await _core.Deliveries.GetAsync(id, CancellationToken.None))!.Version;

        await Task.WhenAll(_core.Get<CloseDelivery>().HandleAsync(id, CancellationToken.None), _core.Get<CloseDelivery>().HandleAsync(id, CancellationToken.None));
        var closed = (await _core.Deliveries.GetAsync(id, CancellationToken.None))!;
        await _core.Get<CloseDelivery>().HandleAsync(id, CancellationToken.None);

        Assert.NotEqual(before, closed.Version);
        Assert.Equal(closed, await _core.Deliveries.GetAsync(id, CancellationToken.None));
        Assert.Equal((DeliveryStatus.Afgerond, 25), (closed.Value.Status, closed.Value.Counts.Registered));
    }

    [Fact]
    public async Task HandleAsync_ClosesAgainWithTheNewCounts_WhenABatchOfAClosedDeliveryChanged()
    {
        var id = await ForwardedButNotClosedAsync();
        await _core.Get<CloseDelivery>().HandleAsync(id, CancellationToken.None);
        var batch = (await _core.Batches.GetAsync(id, 2, CancellationToken.None))!;
        var failed = batch.Value with { Registered = 0, Failed = batch.Value.RowCount, Results = [.. batch.Value.Results!.Select(r => r with { Resultaat = "mislukt" })] };
        await _core.Batches.TryReplaceAsync(failed, batch.Version, CancellationToken.None);

        await _core.Get<CloseDelivery>().HandleAsync(id, CancellationToken.None);

        var delivery = _core.Deliveries[id];
        Assert.Equal((15, 10), (delivery.Counts.Registered, delivery.Counts.Failed));
        Assert.Equal(10, _core.Reports[delivery.TerugmeldingPath]!.RegisterResultaten!.Count(r => r.Resultaat == "mislukt"));
    }

    /// <summary>A delivery whose batches are all answered, but that no closer got to yet.</summary>
    private async Task<string> ForwardedButNotClosedAsync()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 101));
        foreach (var message in _core.Queue.TakeVisible())
        {
            var claim = ForwardBatchMessages.TryParse(message)!;
            // Not the last-numbered: none of them looks whether the delivery is done.
            await _core.Get<ForwardBatch>().HandleAsync(ForwardBatchMessages.Serialize(claim with { Batches = 99 }), 1, CancellationToken.None);
        }

        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[id].Status);
        return id;
    }
}
