using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LerarenFunctions.Tests.Unit;

/// <summary>The use case behind <c>POST /api/besturen/{bestuursnummer}/uploadlinks</c>, on in-memory ports.</summary>
public sealed class CreateUploadLinkTests
{
    private static readonly Bestuursnummer Board = Bestuursnummer.Parse("10063");

    private readonly InMemoryBoardStore _boards = new();
    private readonly FakeUploadLinks _links = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 30, 500, TimeSpan.Zero));

    [Fact]
    public async Task HandleAsync_ReturnsNullAndAsksNoLink_WhenTheBoardIsUnknown()
    {
        var link = await UseCase().HandleAsync(new UploadLinkRequest(Board, false, UploadFormat.Csv), CancellationToken.None);

        Assert.Null(link);
        Assert.Empty(_links.Asked);
    }

    [Fact]
    public async Task HandleAsync_AsksALinkForANewNameUntilTheValidityToTheSecond_WhenTheBoardIsKnown()
    {
        await AddBoardAsync();

        var link = await UseCase(TimeSpan.FromMinutes(15)).HandleAsync(new UploadLinkRequest(Board, true, UploadFormat.Xlsx), CancellationToken.None);

        Assert.NotNull(link);
        var expected = new DateTimeOffset(2026, 3, 2, 9, 30, 30, TimeSpan.Zero);
        Assert.Equal((link.Pad, expected), Assert.Single(_links.Asked));
        Assert.Equal(expected, link.VerlooptOp);
        Assert.Matches("^10063/proef/api-2026-03-02-091530-[a-z]{10}\\.xlsx$", link.Pad);
        Assert.Equal($"https://opslag.example/aanleveringen/{link.Pad}?sig=test", link.Url);
    }

    [Fact]
    public async Task HandleAsync_NamesEachLinksFileAnew_WhenAskedTwiceInOneSecond()
    {
        await AddBoardAsync();
        var useCase = UseCase();

        var first = await useCase.HandleAsync(new UploadLinkRequest(Board, false, UploadFormat.Csv), CancellationToken.None);
        var second = await useCase.HandleAsync(new UploadLinkRequest(Board, false, UploadFormat.Csv), CancellationToken.None);

        Assert.NotEqual(first!.Pad, second!.Pad);
        Assert.DoesNotMatch("[0-9]{8}", first.Pad);
    }

    private CreateUploadLink UseCase(TimeSpan? validity = null) => new(
        _boards,
        _links,
        Options.Create(new UploadLinkOptions { Geldigheid = validity ?? TimeSpan.FromMinutes(15) }),
        _time,
        NullLogger<CreateUploadLink>.Instance);

    private async Task AddBoardAsync()
    {
        var now = _time.GetUtcNow();
        var board = new Board
        {
            Bestuursnummer = Board,
            Naam = "Stichting Uploadlink",
            Sectors = [Sector.Vo],
            Status = BoardStatus.Actief,
            ImportedAt = now,
            ChangedAt = now,
        };
        await _boards.TryAddAsync(board, new BoardChange(Board, now, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
    }
}
