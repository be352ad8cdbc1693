using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>The batch's own transitions: answered, failed attempts, given up, replayed, rows removed.</summary>
public sealed class BatchTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Answer_CompletesAndDropsTheRows_WhenOpenOrDeadLettered()
    {
        var open = Open();

        var answered = open.Answer(Results(open, "geregistreerd"), Now)!;
        var late = open.GiveUp(DeadLetterReasons.AttemptsUsedUp, 10, "503", Now)!.Answer(Results(open, "geregistreerd"), Now)!;

        Assert.Equal((BatchState.Completed, 10, 0, (PackedRecords?)null), (answered.State, answered.Registered, answered.Failed, answered.Records));
        Assert.Equal((BatchState.Completed, 10, 0, (string?)null), (late.State, late.Registered, late.Failed, late.DeadLetterReason));
        Assert.Null(answered.Answer(Results(open, "geregistreerd"), Now));
    }

    [Fact]
    public void AttemptFailed_GoesOnForOneChainOnly_WhenTwoMessagesFailTheSameAttempt()
    {
        var first = Open().AttemptFailed(1, "503", Now + TimeSpan.FromSeconds(30), Now)!;

        Assert.Equal((1, Now + TimeSpan.FromSeconds(30)), (first.FailedAttempts, first.LastActivity));
        Assert.Null(first.AttemptFailed(1, "503", Now, Now));
        Assert.NotNull(first.AttemptFailed(2, "503", Now, Now));
    }

    [Fact]
    public void GiveUp_MarksEveryRowMisluktAndKeepsTheRows_WhenOpen()
    {
        var reference = SyntheticData.Bsns(seed: 71).First();
        var open = Open(regelId: reference);

        var dead = open.GiveUp(DeadLetterReasons.Refused(422), 1, "refused", Now)!;

        Assert.Equal((BatchState.DeadLettered, 10, "REGISTER_WEIGERT_422"), (dead.State, dead.Failed, dead.DeadLetterReason));
        Assert.NotNull(dead.Records);
        Assert.All(dead.Results!, r => Assert.Equal(("mislukt", "******" + reference[^3..]), (r.Resultaat, r.RegelId)));
        Assert.Null(dead.GiveUp(DeadLetterReasons.AttemptsUsedUp, 1, null, Now));
    }

    [Fact]
    public void Reopen_OpensWithFreshAttempts_UnlessTheRowsWereRemoved()
    {
        var dead = Open().AttemptFailed(3, "503", Now, Now)!.GiveUp(DeadLetterReasons.AttemptsUsedUp, 3, "503", Now)!;

        var reopened = dead.Reopen(Now)!;

        Assert.Equal((BatchState.Open, 0, 0), (reopened.State, reopened.FailedAttempts, reopened.Failed));
        Assert.Null(reopened.Results);
        Assert.Null(dead.RemoveRecords(Now)!.Reopen(Now));
        Assert.Null(Open().RemoveRecords(Now));
    }

    [Fact]
    public void Answered_EqualsAnswerOnTheOpenBatch_WhenBuiltFromAMessage()
    {
        var open = Open();
        var results = Results(open, "geregistreerd");

        var fromMessage = Batch.Answered(open.DeliveryId, open.Number, open.Bestuursnummer, results, 0, Now);

        Assert.Equal(open.Answer(results, Now)! with { Results = null }, fromMessage with { Results = null });
        Assert.Equal(results, fromMessage.Results);
    }

    private static Batch Open(string? regelId = null)
    {
        var records = SyntheticData.TeacherRecords(10, seed: 72);
        if (regelId is not null)
        {
            records = [.. records.Select(r => r with { Fields = new Dictionary<string, string>(r.Fields) { [TeacherFileColumns.RegelId] = regelId } })];
        }

        return Batch.Open("10053-0123456789abcdef01234567", 1, Bestuursnummer.Parse("10053"), PackedRecords.Pack(records), Now);
    }

    private static List<RegisterResultaat> Results(Batch batch, string outcome) =>
        [.. batch.Records!.Unpack().Select(r => new RegisterResultaat(r.Row, r.RowReference, outcome, "REG", null))];
}
