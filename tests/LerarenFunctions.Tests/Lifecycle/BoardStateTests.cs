using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Tests.Fakes;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>What a board sees of itself: its deliveries newest first, a page at a time, and where it stands.</summary>
public sealed class BoardStateTests : IDisposable
{
    private static readonly Bestuursnummer Board = Bestuursnummer.Parse("10061");

    private readonly CoreHarness _core = new(new() { ["Besturen:Deadlines:vo"] = "2027-08-01" });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task ListBoardDeliveries_PagesNewestFirstWithoutGapsOrRepeats_WhenFollowingTheContinuation()
    {
        var ids = Enumerable.Range(0, 7).Select(i => Deliver(Board, DeliveryStatus.Afgerond, TimeSpan.FromHours(i))).ToList();
        Deliver(Bestuursnummer.Parse("10062"), DeliveryStatus.Afgerond, TimeSpan.FromHours(3));

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = (await _core.Get<ListBoardDeliveries>().HandleAsync(Board, null, continuation, 3, CancellationToken.None))!;
            seen.AddRange(page.Leveringen.Select(d => d.Id));
            continuation = page.Vervolg;
            pages++;
        }
        while (continuation is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task ListBoardDeliveries_ListsOneStatusOrRefusesAToken_WhenAskedSo()
    {
        Deliver(Board, DeliveryStatus.Afgerond, TimeSpan.Zero);
        var rejected = Deliver(Board, DeliveryStatus.Afgewezen, TimeSpan.FromHours(1));

        var page = await _core.Get<ListBoardDeliveries>().HandleAsync(Board, DeliveryStatus.Afgewezen, null, 10, CancellationToken.None);
        var badToken = await _core.Get<ListBoardDeliveries>().HandleAsync(Board, null, "geen-token", 10, CancellationToken.None);

        Assert.Equal([rejected], page!.Leveringen.Select(d => d.Id));
        Assert.Null(page.Vervolg);
        Assert.Null(badToken);
    }

    [Fact]
    public async Task GetBoardState_TellsTheNewestDeliveryOpenErrorsDeadlineAndReminders_WhenTheBoardHasThem()
    {
        await AddBoardAsync();
        Deliver(Board, DeliveryStatus.Afgerond, TimeSpan.Zero);
        var newest = Deliver(Board, DeliveryStatus.Afgewezen, TimeSpan.FromHours(1));
        await _core.Reminders.TryAddAsync(new ReminderRecord(Board, ReminderRule.OpenErrors, newest, 1, new DateOnly(2026, 12, 1)), CancellationToken.None);

        var state = (await _core.Get<GetBoardState>().HandleAsync(Board, CancellationToken.None))!;

        Assert.Equal((false, newest, newest, new DateOnly(2027, 8, 1), 244), (state.ContactpersoonIngesteld, state.LaatsteLevering!.Id, state.OpenFouten, state.Deadline, state.DagenTotDeadline));
        var sent = Assert.Single(state.Herinneringen);
        Assert.Equal(("open-fouten", newest, 1), (sent.Regel, sent.Periode, sent.Aantal));
        Assert.Null(await _core.Get<GetBoardState>().HandleAsync(Bestuursnummer.Parse("10069"), CancellationToken.None));
    }

    [Fact]
    public async Task GetBoardState_HasNoOpenErrors_WhenANewerDeliveryIsUnderWay()
    {
        await AddBoardAsync();
        Deliver(Board, DeliveryStatus.Afgewezen, TimeSpan.Zero);
        var newest = Deliver(Board, DeliveryStatus.Doorsturen, TimeSpan.FromHours(1));

        var state = (await _core.Get<GetBoardState>().HandleAsync(Board, CancellationToken.None))!;

        Assert.Equal((newest, "doorsturen", (string?)null), (state.LaatsteLevering!.Id, state.LaatsteLevering.Status, state.OpenFouten));
    }

    private string Deliver(Bestuursnummer board, DeliveryStatus status, TimeSpan after)
    {
        var at = _core.Time.GetUtcNow() + after;
        var id = $"{board.Value}-{Guid.NewGuid():N}"[..30];
        _core.Deliveries.Put(new Delivery
        {
            Id = id,
            Bestuursnummer = board,
            Path = $"{board.Value}/leraren.csv",
            FileName = "leraren.csv",
            FileVersion = "v1",
            UploadedAt = at,
            Status = status,
            ReceivedAt = at,
            CompletedAt = status.IsFinal() ? at.AddMinutes(1) : null,
            ChangedAt = at,
            Counts = new DeliveryCounts { Rows = 10, Accepted = status == DeliveryStatus.Afgewezen ? 0 : 10, Rejected = status == DeliveryStatus.Afgewezen ? 10 : 0 },
        });
        return id;
    }

    private async Task AddBoardAsync()
    {
        var now = _core.Time.GetUtcNow();
        var board = new Board { Bestuursnummer = Board, Naam = "Stichting Stand", Sectors = [Sector.Vo], ImportedAt = now, ChangedAt = now };
        await _core.Boards.TryAddAsync(board, new BoardChange(Board, now, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
    }
}
