using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>A delivery for a board the registry does not know, or knows as opgeheven, is validated and says so.</summary>
public sealed class BoardCheckTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    [Theory]
    [InlineData(null, MeldingCodes.BestuurOnbekend)]
    [InlineData(BoardStatus.Opgeheven, MeldingCodes.BestuurOpgeheven)]
    public async Task ReceiveDelivery_ValidatesAndForwardsWithAWarningFirst_WhenTheBoardIsUnknownOrOpgeheven(BoardStatus? status, string code)
    {
        if (status is { } known)
        {
            await AddBoardAsync("10053", known);
        }

        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 141));

        var delivery = _core.Deliveries[id];
        var report = _core.Reports[delivery.TerugmeldingPath]!;
        Assert.Equal((DeliveryStatus.Doorsturen, TerugmeldingStatus.Goedgekeurd, 5), (delivery.Status, report.Status, report.AantalGoedgekeurd));
        var warning = report.Meldingen[0];
        Assert.Equal((code, Ernst.Waarschuwing, "10053", (int?)null), (warning.Code, warning.Ernst, warning.Waarde, warning.Regel));
        Assert.Single(report.Meldingen);
    }

    [Fact]
    public async Task ReceiveDelivery_SaysNothingAboutTheBoard_WhenTheBoardIsActive()
    {
        await AddBoardAsync("10053", BoardStatus.Actief);

        var id = await _core.DeliverAsync("10053/proef/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 142));

        Assert.Empty(_core.Reports[_core.Deliveries[id].TerugmeldingPath]!.Meldingen);
    }

    private async Task AddBoardAsync(string number, BoardStatus status)
    {
        var board = new Board { Bestuursnummer = Bestuursnummer.Parse(number), Naam = "Stichting Test", Status = status, ImportedAt = default, ChangedAt = default };
        await _core.Boards.TryAddAsync(board, new BoardChange(board.Bestuursnummer, default, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
    }
}
