using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>An upload over HTTP: stored once per idempotency key, never past the size limit, only for a known board.</summary>
public sealed class AcceptDeliveryTests : IDisposable
{
    private static readonly Bestuursnummer Board = Bestuursnummer.Parse("10080");

    private readonly CoreHarness _core = new(new() { ["TeacherFile:MaxFileBytes"] = "4096" });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_AnswersInProgressAndStoresNothing_WhenAnEarlierRequestHoldsTheKeyWithoutItsFile()
    {
        await AddBoardAsync();
        var body = Csv(seed: 1);
        await HoldKeyAsync("sleutel-1", body, _core.Time.GetUtcNow());

        var result = await AcceptAsync(body, "sleutel-1");

        Assert.Equal(AcceptOutcome.InProgress, result.Outcome);
        Assert.Empty((await _core.Files.ListUploadsAsync(null, CancellationToken.None)).Files);
    }

    [Fact]
    public async Task HandleAsync_TakesTheKeyOverAndStoresOnce_WhenTheEarlierRequestDiedBeforeItsFile()
    {
        await AddBoardAsync();
        var body = Csv(seed: 2);
        await HoldKeyAsync("sleutel-2", body, _core.Time.GetUtcNow());
        _core.Time.Advance(AcceptDelivery.TakeOverAfter + TimeSpan.FromSeconds(1));

        var taken = await AcceptAsync(body, "sleutel-2");
        var retried = await AcceptAsync(body, "sleutel-2");

        Assert.Equal((AcceptOutcome.Accepted, AcceptOutcome.Repeated), (taken.Outcome, retried.Outcome));
        Assert.Equal(taken.DeliveryId, retried.DeliveryId);
        Assert.Single((await _core.Files.ListUploadsAsync(null, CancellationToken.None)).Files);
    }

    [Fact]
    public async Task HandleAsync_AnswersKeyReused_WhenTheSameKeyComesWithAnotherProef()
    {
        await AddBoardAsync();
        var body = Csv(seed: 3);
        await AcceptAsync(body, "sleutel-3");

        var trial = await _core.Get<AcceptDelivery>().HandleAsync(
            new DeliveryUpload(Board, IsTrial: true, UploadFormat.Csv, "sleutel-3"), new MemoryStream(body), CancellationToken.None);

        Assert.Equal(AcceptOutcome.KeyReused, trial.Outcome);
    }

    [Fact]
    public async Task HandleAsync_TakesTheKeyAsNew_WhenItsFirstRequestIsOlderThanItsRetention()
    {
        await AddBoardAsync();
        var first = await AcceptAsync(Csv(seed: 4), "sleutel-4");
        _core.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var stillHonoured = await AcceptAsync(Csv(seed: 5), "sleutel-4");
        _core.Time.Advance(TimeSpan.FromSeconds(1));

        var afterRetention = await AcceptAsync(Csv(seed: 5), "sleutel-4");
        var retried = await AcceptAsync(Csv(seed: 5), "sleutel-4");

        Assert.Equal(AcceptOutcome.KeyReused, stillHonoured.Outcome);
        Assert.Equal((AcceptOutcome.Accepted, AcceptOutcome.Repeated), (afterRetention.Outcome, retried.Outcome));
        Assert.NotEqual(first.DeliveryId, afterRetention.DeliveryId);
        Assert.Equal(afterRetention.DeliveryId, retried.DeliveryId);
        Assert.Equal(2, (await _core.Files.ListUploadsAsync(null, CancellationToken.None)).Files.Count);
    }

    [Theory]
    [InlineData(4096, AcceptOutcome.Accepted)]
    [InlineData(4097, AcceptOutcome.TooLarge)]
    public async Task HandleAsync_StoresUpToTheLimitAndNothingPastIt_WhenTheBodyIsAtOrOverMaxFileBytes(int length, AcceptOutcome outcome)
    {
        await AddBoardAsync();

        var result = await AcceptAsync(new byte[length], key: null);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(outcome == AcceptOutcome.Accepted ? 1 : 0, (await _core.Files.ListUploadsAsync(null, CancellationToken.None)).Files.Count);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("met\nregeleinde", false)]
    [InlineData("met\u007fdelete", false)]
    public void IsValidKey_TakesOnlyPrintableKeys_WhenChecked(string key, bool valid)
    {
        Assert.Equal(valid, AcceptDelivery.IsValidKey(key));
        Assert.False(AcceptDelivery.IsValidKey(new string('k', AcceptDelivery.MaxKeyLength + 1)));
    }

    private static byte[] Csv(int seed) => Encoding.UTF8.GetBytes(SyntheticData.TeacherCsv(Board.Value, rows: 2, seed: seed));

    private Task<AcceptResult> AcceptAsync(byte[] body, string? key) =>
        _core.Get<AcceptDelivery>().HandleAsync(new DeliveryUpload(Board, false, UploadFormat.Csv, key), new MemoryStream(body), CancellationToken.None);

    /// <summary>A key taken by a request that has not stored its file (yet).</summary>
    private async Task HoldKeyAsync(string key, byte[] body, DateTimeOffset at)
    {
        var keyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var bodyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        await _core.Requests.TryAddAsync(new IdempotentRequest(Board, keyHash, bodyHash, false, $"{Board.Value}/api-eerder.csv", null, at), CancellationToken.None);
    }

    private async Task AddBoardAsync()
    {
        var board = new Board { Bestuursnummer = Board, Naam = "Stichting Levering", Status = BoardStatus.Actief, ImportedAt = default, ChangedAt = default };
        await _core.Boards.TryAddAsync(board, new BoardChange(Board, default, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
    }
}
