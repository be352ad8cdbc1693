using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>Every delivery has its own terugmelding; the one by name is the newest upload's.</summary>
public sealed class TerugmeldingTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task CloseDelivery_LeavesTheNewerReportByName_WhenAnOlderDeliveryOfTheNameFinishesLater()
    {
        var older = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 15, seed: 141));
        var olderMessages = _core.Queue.TakeVisible();
        var newer = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 4, seed: 142));
        await _core.ForwardVisibleAsync();

        foreach (var message in olderMessages)
        {
            await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);
        }

        var byName = _core.Reports[_core.Deliveries[newer].LatestTerugmeldingPath]!;
        Assert.Equal((newer, 4), (byName.AanleveringId, byName.RegisterResultaten!.Count));
        Assert.Equal(15, _core.Reports[_core.Deliveries[older].TerugmeldingPath]!.RegisterResultaten!.Count);
    }

    [Fact]
    public async Task GetTerugmelding_ServesTheDeliverysOwnReport_AsJsonOrCsv()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 3, seed: 143));
        await _core.ForwardVisibleAsync();

        var json = (await _core.Get<GetTerugmelding>().HandleAsync(id, asCsv: false, CancellationToken.None))!;
        var csv = (await _core.Get<GetTerugmelding>().HandleAsync(id, asCsv: true, CancellationToken.None))!;

        Assert.StartsWith("application/json", json.ContentType, StringComparison.Ordinal);
        Assert.Contains($"\"aanleveringId\": \"{id}\"", System.Text.Encoding.UTF8.GetString(json.Content.Span), StringComparison.Ordinal);
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        Assert.Contains("regel;regelId;resultaat;registratieId;reden", System.Text.Encoding.UTF8.GetString(csv.Content.Span), StringComparison.Ordinal);
        Assert.Null(await _core.Get<GetTerugmelding>().HandleAsync("10053-000000000000000000000000", asCsv: false, CancellationToken.None));
        Assert.True(GetTerugmelding.AcceptsCsv("text/csv;q=0.9, application/json;q=0.5"));
        Assert.False(GetTerugmelding.AcceptsCsv("application/json"));
    }

    [Fact]
    public async Task GetDeliveryStatus_AnswersOntvangenWithoutReport_WhenTheUploadIsNotTakenInYet()
    {
        var (_, id) = _core.Drop("10053/net-binnen.csv", SyntheticData.TeacherCsv("10053", rows: 3, seed: 144));

        var status = (await _core.Get<GetDeliveryStatus>().HandleAsync(id, CancellationToken.None))!;

        Assert.Equal(("ontvangen", "net-binnen.csv", (string?)null), (status.Status, status.Bestand, status.Terugmelding));
        Assert.Null(await _core.Get<GetDeliveryStatus>().HandleAsync("10053-ffffffffffffffffffffffff", CancellationToken.None));
        Assert.Null(await _core.Get<GetDeliveryStatus>().HandleAsync("../../geen-id", CancellationToken.None));
    }
}
