using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>
/// A file in a folder that only looks like the trial folder: the board meant a trial, so it is rejected by name and
/// nothing of it reaches the register, whether the trigger or the upload check takes it in.
/// </summary>
public sealed class TrialFolderIntakeTests : IDisposable
{
    private readonly CoreHarness _core = new(new() { ["Intake:MissedUploadGrace"] = "00:00:00" });

    public void Dispose() => _core.Dispose();

    [Theory]
    [InlineData("10053/proef /leraren.csv", "10053/ongeldige-bestandsnaam/10053_proef _leraren.csv.terugmelding.json")]
    [InlineData("10053/Proef/leraren.csv", "10053/ongeldige-bestandsnaam/10053_Proef_leraren.csv.terugmelding.json")]
    public async Task HandleAsync_RejectsByNameAndForwardsNothing_WhenTheTrialFolderIsMisspelled(string path, string report)
    {
        _core.Files.Upload(path, Encoding.UTF8.GetBytes(SyntheticData.TeacherCsv("10053", rows: 12, seed: 171)));

        await _core.Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);
        await _core.Get<PickUpMissedUploads>().HandleAsync(CancellationToken.None);
        await _core.ForwardVisibleAsync();

        Assert.Equal(MeldingCodes.BestandsnaamOngeldig, Assert.Single(_core.Reports[report]!.Meldingen).Code);
        Assert.Empty(_core.Deliveries.All);
        Assert.Equal(0, _core.Queue.Count);
        Assert.Equal(0, _core.Register.Calls);
    }

    [Fact]
    public async Task HandleAsync_ValidatesAsTrialAndForwardsNothing_WhenTheTrialFolderIsExact()
    {
        var id = await _core.DeliverAsync("10053/proef/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 12, seed: 172));
        await _core.ForwardVisibleAsync();

        Assert.Equal((DeliveryStatus.Proef, 12), (_core.Deliveries[id].Status, _core.Deliveries[id].Counts.Accepted));
        Assert.Equal(0, _core.Register.Calls);
    }
}
