using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Files;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>Intake rules: one run holds a delivery, a stopped run is taken over, every intake ends final or forwards.</summary>
public sealed class ReceiveDeliveryTests : IDisposable
{
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(10);

    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_StoresBatchesQueuesThemAndWritesBothReports_WhenFileIsValid()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 81));

        var delivery = _core.Deliveries[id];
        Assert.Equal((DeliveryStatus.Doorsturen, 3, 25), (delivery.Status, delivery.Counts.Batches, delivery.Counts.Accepted));
        Assert.Equal([1, 2, 3], _core.Queue.Waiting.Select(m => m.Batch).Order());
        Assert.All(_core.Queue.Waiting, m => Assert.NotNull(m.Version));
        Assert.Equal(id, _core.Reports[delivery.TerugmeldingPath]!.AanleveringId);
        Assert.Equal(id, _core.Reports[delivery.LatestTerugmeldingPath]!.AanleveringId);
    }

    [Fact]
    public async Task HandleAsync_QueuesTheLastBatchAfterAllOthers_WhenBatchesAreQueuedInParallel()
    {
        // Only the last batch looks whether its delivery is done; overtaking the others it would leave it open.
        for (var run = 0; run < 20; run++)
        {
            using var core = new CoreHarness();
            await core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 95, seed: 90 + run));

            Assert.Equal(10, core.Queue.Waiting[^1].Batch);
            Assert.Equal(Enumerable.Range(1, 10), core.Queue.Waiting.Select(m => m.Batch).Order());
        }
    }

    [Fact]
    public async Task HandleAsync_LeavesTheDeliveryAlone_WhenAnotherRunHoldsIt()
    {
        var (path, id) = _core.Drop("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 82));
        var file = (await _core.Files.GetInfoAsync(path, CancellationToken.None))!;
        await _core.Deliveries.TryAddAsync(Delivery.Receive(id, DeliveryPath.Parse(path), file, _core.Time.GetUtcNow()), CancellationToken.None);

        _core.Time.Advance(Stall - TimeSpan.FromSeconds(1));
        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Ontvangen, 1), (_core.Deliveries[id].Status, _core.Deliveries[id].IntakeAttempt));
        Assert.Empty(_core.Batches.Batches(id));
        Assert.Equal(0, _core.Queue.Count);
    }

    [Fact]
    public async Task HandleAsync_TakesOverAndRemovesWhatTheStoppedRunLeft_WhenNothingMovedForTheStallTime()
    {
        var (path, id) = _core.Drop("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 83));
        var file = (await _core.Files.GetInfoAsync(path, CancellationToken.None))!;
        var held = await _core.Deliveries.TryAddAsync(Delivery.Receive(id, DeliveryPath.Parse(path), file, _core.Time.GetUtcNow()), CancellationToken.None);
        // The stopped run stored a batch that differs from what a complete run stores.
        var stale = SyntheticData.TeacherRecords(3, seed: 84);
        await _core.Batches.TryAddAsync([Batch.Open(id, 1, held!.Value.Bestuursnummer, PackedRecords.Pack(stale), _core.Time.GetUtcNow())], CancellationToken.None);

        _core.Time.Advance(Stall);
        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Doorsturen, 2), (_core.Deliveries[id].Status, _core.Deliveries[id].IntakeAttempt));
        Assert.Equal(10, _core.Batches.Batches(id)[0].RowCount);
        Assert.Equal(3, _core.Batches.Batches(id).Count);
    }

    [Fact]
    public async Task HandleAsync_LetsGoSoTheNextRunTakesOverAtOnce_WhenARunFails()
    {
        var path = "10053/leraren.csv";
        var (_, id) = _core.Drop(path, SyntheticData.TeacherCsv("10053", rows: 25, seed: 85));
        _core.Reports.FailWrites = 1;

        await Assert.ThrowsAsync<IOException>(() => _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None));
        Assert.Equal(DeliveryStatus.Ontvangen, _core.Deliveries[id].Status);
        Assert.False(_core.Deliveries[id].IntakeInProgress(_core.Time.GetUtcNow(), Stall));
        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Doorsturen, 2), (_core.Deliveries[id].Status, _core.Deliveries[id].IntakeAttempt));
    }

    [Fact]
    public async Task ResumeAsync_EndsAfgewezenWithVerwerkingMislukt_WhenEveryRunFailed()
    {
        var csv = SyntheticData.TeacherCsv("10053", rows: 25, seed: 86);
        var (path, id) = _core.Drop("10053/leraren.csv", csv);
        var file = (await _core.Files.GetInfoAsync(path, CancellationToken.None))!;
        // The last run claimed the content and stopped before the validated status, which is what records the hash.
        var stored = await _core.Deliveries.TryAddAsync(
            Delivery.Receive(id, DeliveryPath.Parse(path), file, _core.Time.GetUtcNow()) with { IntakeAttempt = 5 }, CancellationToken.None);
        await _core.Claims.TryAddAsync(new ContentClaim(stored!.Value.Bestuursnummer, Sha256(csv), id, _core.Time.GetUtcNow()), CancellationToken.None);
        _core.Time.Advance(Stall);

        await _core.Get<ReceiveDelivery>().ResumeAsync((await _core.Deliveries.GetAsync(id, CancellationToken.None))!, CancellationToken.None);

        var delivery = _core.Deliveries[id];
        Assert.Equal(DeliveryStatus.Afgewezen, delivery.Status);
        Assert.Contains(MeldingCodes.VerwerkingMislukt, _core.Reports[delivery.TerugmeldingPath]!.Meldingen.Select(m => m.Code));
        Assert.Empty(_core.Claims.All);
        Assert.Empty(_core.Batches.Batches(id));
    }

    [Fact]
    public async Task ResumeAsync_ReleasesTheClaimOfARunThatFailed_WhenTheFileIsReplacedBeforeTheNextRun()
    {
        var path = "10053/leraren.csv";
        var (_, id) = _core.Drop(path, SyntheticData.TeacherCsv("10053", rows: 25, seed: 91));
        _core.Reports.FailWrites = 1;
        await Assert.ThrowsAsync<IOException>(() => _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None));
        Assert.Contains(_core.Claims.All, c => c.DeliveryId == id);
        _core.Files.Upload(path, Encoding.UTF8.GetBytes(SyntheticData.TeacherCsv("10053", rows: 5, seed: 92)));

        await _core.Get<ReceiveDelivery>().ResumeAsync((await _core.Deliveries.GetAsync(id, CancellationToken.None))!, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Afgewezen, _core.Deliveries[id].Status);
        Assert.DoesNotContain(_core.Claims.All, c => c.DeliveryId == id);
        Assert.Empty(_core.Batches.Batches(id));
    }

    [Fact]
    public async Task HandleAsync_EndsAfgewezenAndKeepsNoRowsOrClaim_WhenFileIsReplacedWhileItIsRead()
    {
        var path = "10053/leraren.csv";
        var (_, id) = _core.Drop(path, SyntheticData.TeacherCsv("10053", rows: 300, seed: 87));
        _core.Files.WhileReading = (AfterBytes: 8_000, Change: () => _core.Files.Upload(path, [1, 2, 3]));

        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);

        var delivery = _core.Deliveries[id];
        Assert.Equal(DeliveryStatus.Afgewezen, delivery.Status);
        Assert.Contains(MeldingCodes.BestandVervangen, _core.Reports[delivery.TerugmeldingPath]!.Meldingen.Select(m => m.Code));
        Assert.Null(_core.Reports[delivery.LatestTerugmeldingPath]);
        Assert.Empty(_core.Batches.Batches(id));
        Assert.Empty(_core.Claims.All);
        Assert.Equal(0, _core.Queue.Count);
    }

    [Fact]
    public async Task HandleAsync_ReadsTheFileOnce_WhenItIsOverTheSizeLimit()
    {
        using var core = new CoreHarness(new() { ["TeacherFile:MaxFileBytes"] = "1000" });

        var id = await core.DeliverAsync("10053/groot.csv", SyntheticData.TeacherCsv("10053", rows: 50, seed: 88));

        Assert.Equal(0, core.Files.HashPasses);
        Assert.Equal(DeliveryStatus.Afgewezen, core.Deliveries[id].Status);
        Assert.Contains(MeldingCodes.BestandTeGroot, core.Reports[core.Deliveries[id].TerugmeldingPath]!.Meldingen.Select(m => m.Code));
    }

    [Fact]
    public async Task HandleAsync_ReadsACsvFileOnceAndClaimsItsHash_WhenItIsValid()
    {
        var csv = SyntheticData.TeacherCsv("10053", rows: 25, seed: 98);

        var id = await _core.DeliverAsync("10053/een-keer.csv", csv);

        Assert.Equal(0, _core.Files.HashPasses);
        var claim = Assert.Single(_core.Claims.All);
        Assert.Equal((id, Sha256(csv)), (claim.DeliveryId, claim.ContentHash));
        Assert.Equal(claim.ContentHash, _core.Deliveries[id].ContentHash);
    }

    [Fact]
    public async Task HandleAsync_HashesAnExcelFileInAPassOfItsOwn_WhenItsReaderSeeks()
    {
        var xlsx = XlsxBuilder.FromRows(Enumerable.Range(1, 5).Select(n => (IReadOnlyDictionary<string, string>)TeacherFiles.Row(n))).Build();
        var file = _core.Files.Upload("10053/leraren.xlsx", xlsx);

        await _core.Get<ReceiveDelivery>().HandleAsync(file.Path, CancellationToken.None);

        Assert.Equal(1, _core.Files.HashPasses);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(xlsx)), Assert.Single(_core.Claims.All).ContentHash);
        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[DeliveryPath.Parse(file.Path).DeliveryId(file.Version)].Status);
    }

    [Fact]
    public async Task HandleAsync_ClaimsNothing_WhenTheFileIsRejected()
    {
        await _core.DeliverAsync("10053/leeg.csv", SyntheticData.Header + "\r\n");

        Assert.Empty(_core.Claims.All);
    }

    [Fact]
    public async Task HandleAsync_IsDubbel_WhenTheSameContentForwardsAlready()
    {
        var csv = SyntheticData.TeacherCsv("10053", rows: 15, seed: 89);
        var first = await _core.DeliverAsync("10053/eerste.csv", csv);

        var again = await _core.DeliverAsync("10053/tweede.csv", csv);

        Assert.Equal(DeliveryStatus.Dubbel, _core.Deliveries[again].Status);
        Assert.Contains(first, _core.Deliveries[again].Reason, StringComparison.Ordinal);
        Assert.Contains(MeldingCodes.BestandDubbel, _core.Reports[_core.Deliveries[again].TerugmeldingPath]!.Meldingen.Select(m => m.Code));
        Assert.Empty(_core.Batches.Batches(again));
    }

    [Fact]
    public async Task HandleAsync_TakesTheClaimOver_WhenTheDeliveryHoldingItStoppedBeforeItWasValidated()
    {
        var csv = SyntheticData.TeacherCsv("10053", rows: 15, seed: 90);
        var (stuckPath, stuck) = _core.Drop("10053/vast.csv", csv);
        var file = (await _core.Files.GetInfoAsync(stuckPath, CancellationToken.None))!;
        var held = await _core.Deliveries.TryAddAsync(Delivery.Receive(stuck, DeliveryPath.Parse(stuckPath), file, _core.Time.GetUtcNow()), CancellationToken.None);
        var hash = await _core.Files.ComputeContentHashAsync(file, CancellationToken.None);
        await _core.Claims.TryAddAsync(new ContentClaim(held!.Value.Bestuursnummer, hash, stuck, _core.Time.GetUtcNow()), CancellationToken.None);
        _core.Time.Advance(Stall);

        var again = await _core.DeliverAsync("10053/opnieuw.csv", csv);

        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[again].Status);
        Assert.Equal(again, Assert.Single(_core.Claims.All).DeliveryId);
    }

    [Theory]
    [InlineData("10053 /leraren.csv", MeldingCodes.BestuursnummerOngeldig, "10053 /leraren.csv.terugmelding.json")]
    [InlineData("leraren.csv", MeldingCodes.BestuursnummerOngeldig, "onbekend/leraren.csv.terugmelding.json")]
    [InlineData("10053/../leraren.csv", MeldingCodes.BestandsnaamOngeldig, "10053/ongeldige-bestandsnaam/10053_.._leraren.csv.terugmelding.json")]
    [InlineData("10053//leraren.csv", MeldingCodes.BestandsnaamOngeldig, "10053/ongeldige-bestandsnaam/10053__leraren.csv.terugmelding.json")]
    [InlineData("10053/./proef/leraren.csv", MeldingCodes.BestandsnaamOngeldig, "10053/ongeldige-bestandsnaam/10053_._proef_leraren.csv.terugmelding.json")]
    public async Task HandleAsync_WritesOneRejectionAndNoDelivery_WhenThePathIsNoDelivery(string path, string code, string report)
    {
        _core.Drop("10053/ander.csv", "x");

        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);
        var first = await _core.Reports.GetInfoAsync(report, CancellationToken.None);
        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);

        Assert.Equal(code, Assert.Single(_core.Reports[report]!.Meldingen).Code);
        Assert.Equal(first, await _core.Reports.GetInfoAsync(report, CancellationToken.None));
        Assert.Empty(_core.Deliveries.All);
    }

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
