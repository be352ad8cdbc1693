using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>The delivery's own transitions: which apply in which state, and what they change.</summary>
public sealed class DeliveryTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(10);

    [Fact]
    public void Receive_IsOntvangenAndHeldByItsRun_WhenAFileArrives()
    {
        var delivery = Received();

        Assert.Equal((DeliveryStatus.Ontvangen, 1), (delivery.Status, delivery.IntakeAttempt));
        Assert.True(delivery.IntakeInProgress(Now + TimeSpan.FromMinutes(9), Stall));
        Assert.False(delivery.IntakeInProgress(Now + Stall, Stall));
        Assert.Equal("10053/aanleveringen/10053-0123456789abcdef01234567/terugmelding.json", delivery.TerugmeldingPath);
        Assert.Equal("10053/leraren.csv.terugmelding.json", delivery.LatestTerugmeldingPath);
    }

    [Fact]
    public void IntakeFailed_LetsTheNextRunTakeOverAtOnce_WhenARunFails()
    {
        var released = Received().IntakeFailed()!;

        Assert.False(released.IntakeInProgress(Now, Stall));
        Assert.Equal(2, released.TakeOverIntake(Now)!.IntakeAttempt);
    }

    [Fact]
    public void IntakeTransitions_ReturnNull_WhenTheDeliveryIsNoLongerOntvangen()
    {
        var validated = Received().Validated(Report(TerugmeldingStatus.Goedgekeurd, rows: 20), batches: 2, Now)!;

        Assert.Equal((DeliveryStatus.Gevalideerd, 2, (DateTimeOffset?)null), (validated.Status, validated.Counts.Batches, validated.CompletedAt));
        Assert.Null(validated.TakeOverIntake(Now));
        Assert.Null(validated.IntakeProgressed(Now));
        Assert.Null(validated.IntakeFailed());
        Assert.Null(validated.Validated(Report(TerugmeldingStatus.Goedgekeurd, rows: 20), 2, Now));
        Assert.Null(validated.Duplicate("10053-ffffffffffffffffffffffff", Now));
    }

    [Fact]
    public void Validated_IsAfgewezenWithTheFileReasonAndNoClaim_WhenTheFileIsRejected()
    {
        var rejected = (Received() with { ContentHash = "hash" }).Validated(
            new Terugmelding { Bestand = "leraren.csv", Bestuursnummer = "10053", Status = TerugmeldingStatus.Afgewezen, Meldingen = [FileMeldingen.Leeg()] }, batches: 3, Now)!;

        Assert.Equal((DeliveryStatus.Afgewezen, 0, (string?)null), (rejected.Status, rejected.Counts.Batches, rejected.ContentHash));
        Assert.Equal(FileMeldingen.Leeg().Tekst, rejected.Reason);
        Assert.Equal(Now, rejected.CompletedAt);
    }

    [Fact]
    public void Validated_IsProef_WhenTheFileIsATrial()
    {
        var trial = Received(fileName: "proef/leraren.csv").Validated(Report(TerugmeldingStatus.Goedgekeurd, rows: 5), batches: 0, Now)!;

        Assert.Equal(DeliveryStatus.Proef, trial.Status);
        Assert.True(trial.Status.IsFinal());
    }

    [Fact]
    public void HoldsContent_OnlyWhileItForwardsOrIsBeingTakenIn_Always()
    {
        var received = Received();
        var validated = (received with { ContentHash = "hash" }).Validated(Report(TerugmeldingStatus.Goedgekeurd, rows: 20), 2, Now)!;

        Assert.True(received.HoldsContent(Now, Stall));
        Assert.False(received.HoldsContent(Now + Stall, Stall));
        Assert.True(validated.HoldsContent(Now + TimeSpan.FromDays(300), Stall));
        Assert.False(received.Abandoned("weg", Now)!.HoldsContent(Now, Stall));
        Assert.False(received.Duplicate("10053-ffffffffffffffffffffffff", Now)!.HoldsContent(Now, Stall));
    }

    [Fact]
    public void GiveUpContent_EndsTheHoldOfADeliveryThatForwarded_WhenItHoldsIt()
    {
        var closed = Forwarding().Close(new BatchTally(0, 2, 0, 0, 20), Now)!;

        var givenUp = closed.GiveUpContent()!;

        Assert.Equal((DeliveryStatus.Afgerond, (string?)null, closed.Counts), (givenUp.Status, givenUp.ContentHash, givenUp.Counts));
        Assert.False(givenUp.HoldsContent(Now, Stall));
        Assert.Null(givenUp.GiveUpContent());
    }

    [Fact]
    public void Close_WaitsForOpenBatchesAndThenSumsThem_WhenForwarding()
    {
        var forwarding = Forwarding();

        Assert.Null(forwarding.Close(new BatchTally(Open: 1, Completed: 1, 10, 0, 0), Now));
        var closed = forwarding.Close(new BatchTally(Open: 0, Completed: 2, Registered: 15, RejectedByRegister: 3, Failed: 2), Now)!;

        Assert.Equal(DeliveryStatus.Afgerond, closed.Status);
        Assert.Equal((2, 18, 15, 3, 2), (closed.Counts.BatchesCompleted, closed.Counts.Forwarded, closed.Counts.Registered, closed.Counts.RejectedByRegister, closed.Counts.Failed));
        Assert.Equal(20, closed.Counts.Accepted);
    }

    [Fact]
    public void Close_ChangesNothingOrClosesAgain_WhenAlreadyClosed()
    {
        var tally = new BatchTally(Open: 0, Completed: 2, Registered: 10, RejectedByRegister: 0, Failed: 10);
        var closed = Forwarding().Close(tally, Now)!;

        Assert.Null(closed.Close(tally, Now));
        var late = closed.Close(tally with { Registered = 20, Failed = 0 }, Now + TimeSpan.FromHours(1))!;
        Assert.Equal((DeliveryStatus.Afgerond, 20, 0), (late.Status, late.Counts.Registered, late.Counts.Failed));
    }

    [Fact]
    public void Reopen_MakesAClosedDeliveryForwardAgain_WhenABatchIsReplayed()
    {
        var closed = Forwarding().Close(new BatchTally(0, 2, 10, 0, 10), Now)!;

        var reopened = closed.Reopen(Now)!;

        Assert.Equal((DeliveryStatus.Doorsturen, (DateTimeOffset?)null), (reopened.Status, reopened.CompletedAt));
        Assert.Null(reopened.Reopen(Now));
        Assert.Null(Received().Reopen(Now));
    }

    [Fact]
    public void HasExpired_OnlyForAFinalDeliveryPastItsRetention_Always()
    {
        var keep = TimeSpan.FromDays(400);
        var closed = Forwarding().Close(new BatchTally(0, 2, 20, 0, 0), Now)!;

        Assert.False(closed.HasExpired(Now + keep - TimeSpan.FromSeconds(1), keep));
        Assert.True(closed.HasExpired(Now + keep, keep));
        Assert.False(Forwarding().HasExpired(Now + (keep * 2), keep));
    }

    private static Delivery Received(string fileName = "leraren.csv")
    {
        var path = DeliveryPath.Parse($"10053/{fileName}");
        return Delivery.Receive("10053-0123456789abcdef01234567", path, new DeliveryFileInfo(path.Value, "\"0x1\"", 100, Now), Now);
    }

    private static Delivery Forwarding() =>
        (Received() with { ContentHash = "hash" }).Validated(Report(TerugmeldingStatus.Goedgekeurd, rows: 20), batches: 2, Now)!.StartForwarding(Now)!;

    private static Terugmelding Report(string status, int rows) => new()
    {
        Bestand = "leraren.csv",
        Bestuursnummer = "10053",
        Status = status,
        AantalRegels = rows,
        AantalGoedgekeurd = status == TerugmeldingStatus.Afgewezen ? 0 : rows,
    };
}
