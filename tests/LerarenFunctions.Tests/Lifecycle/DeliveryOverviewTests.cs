using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Fakes;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>The operators' overview of deliveries across boards: finished ones by Dutch day, unfinished ones all.</summary>
public sealed class DeliveryOverviewTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_ListsTheFinishedDeliveriesOfTheDutchDaysOnly_WhenOthersFinishedJustOutside()
    {
        // 23:30 UTC on 30 November is 1 December in the Netherlands.
        var inside = Put("10071", DeliveryStatus.Afgerond, new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero));
        Put("10072", DeliveryStatus.Afgerond, new DateTimeOffset(2026, 11, 30, 22, 30, 0, TimeSpan.Zero));
        var rejected = Put("10072", DeliveryStatus.Afgewezen, new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        Put("10073", DeliveryStatus.Doorsturen, new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero));

        var all = await _core.Get<ListDeliveries>().HandleAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), null, null, 10, CancellationToken.None);
        var onlyRejected = await _core.Get<ListDeliveries>().HandleAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), DeliveryStatus.Afgewezen, null, 10, CancellationToken.None);
        var underWay = await _core.Get<ListDeliveries>().HandleAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), DeliveryStatus.Doorsturen, null, 10, CancellationToken.None);

        Assert.Equal([inside, rejected], all.Aanleveringen.Select(d => d.Id));
        Assert.Equal([rejected], onlyRejected.Aanleveringen.Select(d => d.Id));
        Assert.Equal(("doorsturen", (DateTimeOffset?)null), (Assert.Single(underWay.Aanleveringen).Status, underWay.Aanleveringen[0].AfgerondOp));
    }

    [Fact]
    public async Task HandleAsync_PagesWithoutGapsOrRepeats_WhenFollowingTheContinuation()
    {
        var ids = Enumerable.Range(0, 5).Select(i => Put("10071", DeliveryStatus.Afgerond, new DateTimeOffset(2026, 12, 1, 8 + i, 0, 0, TimeSpan.Zero))).ToList();

        var seen = new List<string>();
        string? continuation = null;
        do
        {
            var page = await _core.Get<ListDeliveries>().HandleAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), null, continuation, 2, CancellationToken.None);
            seen.AddRange(page.Aanleveringen.Select(d => d.Id));
            continuation = page.Vervolg;
        }
        while (continuation is not null);

        Assert.Equal(ids, seen);
    }

    private string Put(string board, DeliveryStatus status, DateTimeOffset completedAt)
    {
        var id = $"{board}-{Guid.NewGuid():N}"[..30];
        _core.Deliveries.Put(new Delivery
        {
            Id = id,
            Bestuursnummer = Bestuursnummer.Parse(board),
            Path = $"{board}/leraren.csv",
            FileName = "leraren.csv",
            FileVersion = "v1",
            UploadedAt = completedAt.AddMinutes(-5),
            Status = status,
            ReceivedAt = completedAt.AddMinutes(-5),
            CompletedAt = status.IsFinal() ? completedAt : null,
            ChangedAt = completedAt,
        });
        return id;
    }
}
