using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Fakes;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>The rules of board keys: issued once and stored as a hash, one board each, revocable, their use recorded cheaply.</summary>
public sealed partial class BoardKeyTests : IAsyncLifetime
{
    private static readonly Bestuursnummer Board = Bestuursnummer.Parse("10090");
    private static readonly Bestuursnummer Other = Bestuursnummer.Parse("10091");
    private static readonly Bestuursnummer Opgeheven = Bestuursnummer.Parse("10092");

    private readonly CoreHarness _core = new();

    public async Task InitializeAsync()
    {
        await AddAsync(Board, BoardStatus.Actief);
        await AddAsync(Other, BoardStatus.Actief);
        await AddAsync(Opgeheven, BoardStatus.Opgeheven);
    }

    public Task DisposeAsync()
    {
        _core.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task IssueBoardKey_ReturnsTheKeyAndStoresOnlyItsHash_WhenTheBoardIsActive()
    {
        var issued = await IssueAsync(Board);

        Assert.Matches(KeyForm(), issued.Sleutel);
        Assert.StartsWith($"10090.{issued.SleutelId}.", issued.Sleutel, StringComparison.Ordinal);
        Assert.Equal(_core.Time.GetUtcNow(), issued.AangemaaktOp);
        var stored = Assert.Single(_core.BoardKeys.All);
        Assert.Equal((issued.SleutelId, Board, issued.AangemaaktOp), (stored.Id, stored.Bestuursnummer, stored.CreatedAt));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Sleutel))), stored.Hash);
        Assert.DoesNotContain(issued.Sleutel.Split('.')[2], stored.ToString(), StringComparison.Ordinal);
        Assert.Equal((null, null), (stored.LastUsedAt, stored.RevokedAt));
    }

    [Fact]
    public async Task IssueBoardKey_MakesAnotherKeyEachTime_WhenIssuedTwice()
    {
        var first = await IssueAsync(Board);
        var second = await IssueAsync(Board);

        Assert.NotEqual(first.SleutelId, second.SleutelId);
        Assert.NotEqual(first.Sleutel.Split('.')[2], second.Sleutel.Split('.')[2]);
        Assert.Equal(2, _core.BoardKeys.All.Count);
    }

    [Fact]
    public async Task IssueBoardKey_DrawsAnotherId_WhenTheFirstIsTaken()
    {
        _core.BoardKeys.Conflicts.Next = 1;

        var issued = await IssueAsync(Board);

        Assert.Equal(1, _core.BoardKeys.Conflicts.Refused);
        Assert.Equal(issued.SleutelId, Assert.Single(_core.BoardKeys.All).Id);
    }

    [Fact]
    public async Task IssueBoardKey_ReturnsUnknownBoardAndStoresNothing_WhenTheBoardIsUnknown()
    {
        var result = await _core.Get<IssueBoardKey>().HandleAsync(Bestuursnummer.Parse("10099"), CancellationToken.None);

        Assert.Equal((IssueBoardKeyOutcome.UnknownBoard, null), (result.Outcome, result.Key));
        Assert.Empty(_core.BoardKeys.All);
    }

    [Fact]
    public async Task IssueBoardKey_ReturnsBoardOpgehevenAndStoresNothing_WhenTheBoardIsOpgeheven()
    {
        var result = await _core.Get<IssueBoardKey>().HandleAsync(Opgeheven, CancellationToken.None);

        Assert.Equal((IssueBoardKeyOutcome.BoardOpgeheven, null), (result.Outcome, result.Key));
        Assert.Empty(_core.BoardKeys.All);
    }

    [Fact]
    public async Task IdentifyBoardKey_ReturnsTheBoardAndRecordsTheUse_WhenTheKeyIsIssued()
    {
        var issued = await IssueAsync(Board);
        _core.Time.Advance(TimeSpan.FromHours(1));

        var identified = await IdentifyAsync(issued.Sleutel);

        Assert.Equal(new IdentifiedBoardKey(Board, issued.SleutelId), identified);
        Assert.Equal(_core.Time.GetUtcNow(), Assert.Single(_core.BoardKeys.All).LastUsedAt);
    }

    [Fact]
    public async Task IdentifyBoardKey_RecordsTheUseAtMostOncePerFiveMinutes_WhenTheKeyIsUsedOften()
    {
        var issued = await IssueAsync(Board);
        var firstUse = _core.Time.GetUtcNow();
        var writes = _core.BoardKeys.Writes;

        for (var minute = 0; minute < 5; minute++)
        {
            Assert.NotNull(await IdentifyAsync(issued.Sleutel));
            _core.Time.Advance(TimeSpan.FromSeconds(59));
        }

        Assert.Equal(writes + 1, _core.BoardKeys.Writes);
        Assert.Equal(firstUse, Assert.Single(_core.BoardKeys.All).LastUsedAt);

        _core.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await IdentifyAsync(issued.Sleutel));
        Assert.Equal((writes + 2, _core.Time.GetUtcNow()), (_core.BoardKeys.Writes, Assert.Single(_core.BoardKeys.All).LastUsedAt));
    }

    [Fact]
    public async Task IdentifyBoardKey_StillReturnsTheBoard_WhenRecordingTheUseConflicts()
    {
        var issued = await IssueAsync(Board);
        _core.BoardKeys.Conflicts.Always = true;

        var identified = await IdentifyAsync(issued.Sleutel);

        Assert.Equal(Board, identified?.Bestuursnummer);
        Assert.Null(Assert.Single(_core.BoardKeys.All).LastUsedAt);
    }

    [Fact]
    public async Task IdentifyBoardKey_ReturnsNull_WhenTheSecretIsWrong()
    {
        var issued = await IssueAsync(Board);
        var secret = issued.Sleutel.Split('.')[2];
        var wrong = $"10090.{issued.SleutelId}.{(secret[0] == 'A' ? 'B' : 'A')}{secret[1..]}";

        Assert.Null(await IdentifyAsync(wrong));
        Assert.Null(Assert.Single(_core.BoardKeys.All).LastUsedAt);
    }

    [Fact]
    public async Task IdentifyBoardKey_ReturnsNull_WhenTheKeyNamesAnotherBoard()
    {
        var issued = await IssueAsync(Board);

        Assert.Null(await IdentifyAsync("10091" + issued.Sleutel[5..]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-beheersleutel-0123456789abcdef0123456789")]
    [InlineData("10090.abcdefghij")]
    [InlineData("10090.abcdefghij.te-kort")]
    [InlineData("10090.ABCDEFGHIJ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("1009.abcdefghij.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task IdentifyBoardKey_ReturnsNull_WhenTheTextIsNoIssuedKey(string? text)
    {
        await IssueAsync(Board);

        Assert.Null(await IdentifyAsync(text));
    }

    [Fact]
    public async Task IdentifyBoardKey_ReturnsNull_WhenTheKeyIsRevoked()
    {
        var issued = await IssueAsync(Board);

        Assert.Equal(RevokeBoardKeyOutcome.Revoked, await RevokeAsync(Board, issued.SleutelId));

        Assert.Null(await IdentifyAsync(issued.Sleutel));
    }

    [Fact]
    public async Task RevokeBoardKey_RevokesOnceAndKeepsTheFirstDate_WhenRevokedTwice()
    {
        var issued = await IssueAsync(Board);
        var revokedAt = _core.Time.GetUtcNow();

        var first = await RevokeAsync(Board, issued.SleutelId);
        _core.Time.Advance(TimeSpan.FromDays(1));
        var second = await RevokeAsync(Board, issued.SleutelId);

        Assert.Equal((RevokeBoardKeyOutcome.Revoked, RevokeBoardKeyOutcome.AlreadyRevoked), (first, second));
        Assert.Equal(revokedAt, Assert.Single(_core.BoardKeys.All).RevokedAt);
    }

    [Fact]
    public async Task RevokeBoardKey_ReadsAgainAndKeepsTheUse_WhenAUseWasRecordedInBetween()
    {
        var issued = await IssueAsync(Board);
        var stale = (await _core.BoardKeys.GetAsync(Board, issued.SleutelId, CancellationToken.None))!;
        _core.Time.Advance(TimeSpan.FromMinutes(10));
        await _core.BoardKeys.TryReplaceAsync(stale, stale.Value.Used(_core.Time.GetUtcNow())!, CancellationToken.None);
        _core.BoardKeys.Conflicts.Next = 1;

        var outcome = await RevokeAsync(Board, issued.SleutelId);

        Assert.Equal(RevokeBoardKeyOutcome.Revoked, outcome);
        var key = Assert.Single(_core.BoardKeys.All);
        Assert.Equal((_core.Time.GetUtcNow(), _core.Time.GetUtcNow()), (key.LastUsedAt, key.RevokedAt));
    }

    [Theory]
    [InlineData("10090", "onbekend12")]
    [InlineData("10091", null)]
    [InlineData("10090", "../../x")]
    public async Task RevokeBoardKey_ReturnsNotFound_WhenTheBoardHasNoSuchKey(string board, string? id)
    {
        var issued = await IssueAsync(Board);

        var outcome = await RevokeAsync(Bestuursnummer.Parse(board), id ?? issued.SleutelId);

        Assert.Equal(RevokeBoardKeyOutcome.NotFound, outcome);
        Assert.Null(Assert.Single(_core.BoardKeys.All).RevokedAt);
    }

    [Fact]
    public async Task ListBoardKeys_ShowsIdsAndDatesOldestFirstAndNoKey_WhenTheBoardHasKeys()
    {
        var first = await IssueAsync(Board);
        _core.Time.Advance(TimeSpan.FromDays(1));
        var second = await IssueAsync(Board);
        await IssueAsync(Other);
        await IdentifyAsync(first.Sleutel);
        await RevokeAsync(Board, second.SleutelId);

        var listed = await _core.Get<ListBoardKeys>().HandleAsync(Board, CancellationToken.None);

        var now = _core.Time.GetUtcNow();
        Assert.Equal(
            [new BoardKeyView(first.SleutelId, first.AangemaaktOp, now, null), new BoardKeyView(second.SleutelId, second.AangemaaktOp, null, now)],
            listed);
    }

    [Fact]
    public async Task ListBoardKeys_ReturnsNullForAnUnknownBoardAndEmptyForOneWithoutKeys_WhenNoKeyWasIssued()
    {
        Assert.Null(await _core.Get<ListBoardKeys>().HandleAsync(Bestuursnummer.Parse("10099"), CancellationToken.None));
        Assert.Empty((await _core.Get<ListBoardKeys>().HandleAsync(Board, CancellationToken.None))!);
    }

    [GeneratedRegex("^[0-9]{5}\\.[a-z2-7]{10}\\.[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyForm();

    private async Task<IssuedBoardKey> IssueAsync(Bestuursnummer board)
    {
        var result = await _core.Get<IssueBoardKey>().HandleAsync(board, CancellationToken.None);
        Assert.Equal(IssueBoardKeyOutcome.Issued, result.Outcome);
        return result.Key!;
    }

    private Task<IdentifiedBoardKey?> IdentifyAsync(string? text) => _core.Get<IdentifyBoardKey>().HandleAsync(text, CancellationToken.None);

    private Task<RevokeBoardKeyOutcome> RevokeAsync(Bestuursnummer board, string id) => _core.Get<RevokeBoardKey>().HandleAsync(board, id, CancellationToken.None);

    private async Task AddAsync(Bestuursnummer number, BoardStatus status)
    {
        var now = _core.Time.GetUtcNow();
        var board = new Board { Bestuursnummer = number, Naam = $"Stichting Sleutel {number}", Sectors = [Sector.Po], Status = status, ImportedAt = now, ChangedAt = now };
        await _core.Boards.TryAddAsync(board, new BoardChange(number, now, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
    }
}
