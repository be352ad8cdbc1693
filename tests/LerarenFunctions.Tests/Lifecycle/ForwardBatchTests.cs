using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>Forwarding rules: answers written on condition, one chain of attempts, late successes reconciled.</summary>
public sealed class ForwardBatchTests : IDisposable
{
    private readonly CoreHarness _core = new(new() { ["Forwarding:MaxAttempts"] = "3" });

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_RegistersEveryBatchOnceAndCloses_WhenEachMessageIsHandledTwice()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 25, seed: 91));
        var messages = _core.Queue.TakeVisible();

        foreach (var message in messages.Concat(messages))
        {
            await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);
        }

        var delivery = _core.Deliveries[id];
        Assert.Equal((DeliveryStatus.Afgerond, 25, 0), (delivery.Status, delivery.Counts.Registered, delivery.Counts.Failed));
        Assert.Equal(3, _core.Register.Applied.Count);
        Assert.Equal(25, _core.Reports[delivery.TerugmeldingPath]!.RegisterResultaten!.Count);
        Assert.Equal(25, _core.Reports[delivery.LatestTerugmeldingPath]!.RegisterResultaten!.Count);
    }

    [Fact]
    public async Task HandleAsync_ReadsTheBatchAndStillCompletesIt_WhenItChangedSinceItsMessageWasQueued()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 92));
        var message = Assert.Single(_core.Queue.TakeVisible());
        // The periodic check touched the batch after this message was queued: the message's version is out of date.
        await _core.Batches.UpdateAsync(id, 1, b => b.Requeued(_core.Time.GetUtcNow()), CancellationToken.None);

        await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);

        Assert.Equal(BatchState.Completed, _core.Batches.Batches(id)[0].State);
        Assert.Equal(DeliveryStatus.Afgerond, _core.Deliveries[id].Status);
    }

    [Theory]
    [InlineData("10053 ")]
    [InlineData(" 10053")]
    public async Task HandleAsync_TrustsOnlyTheStoredBatch_WhenTheBestuursnummerInTheMessageIsNotExact(string bestuursnummer)
    {
        await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 98));
        var message = Assert.Single(_core.Queue.TakeVisible());
        await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);
        var claim = ForwardBatchMessages.TryParse(message)!;

        // As a folder or a route would, a message does not trim a bestuursnummer: its rows are not taken from it, and
        // the stored batch, answered already, is not sent again.
        await _core.Get<ForwardBatch>().HandleAsync(ForwardBatchMessages.Serialize(claim with { Bestuursnummer = bestuursnummer }), 1, CancellationToken.None);

        Assert.Equal(1, _core.Register.Calls);
    }

    [Fact]
    public async Task HandleAsync_CompletesTheBatchAndReconcilesEverything_WhenItIsAnsweredAfterItWasDeadLettered()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 93));
        var message = Assert.Single(_core.Queue.TakeVisible());
        await _core.Get<DeadLetterBatch>().HandleAsync(message, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Afgerond, 5), (_core.Deliveries[id].Status, _core.Deliveries[id].Counts.Failed));

        await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);

        var delivery = _core.Deliveries[id];
        Assert.Equal((DeliveryStatus.Afgerond, 5, 0), (delivery.Status, delivery.Counts.Registered, delivery.Counts.Failed));
        Assert.Empty(await _core.DeadLetters.ListAsync(CancellationToken.None));
        Assert.All(_core.Reports[delivery.TerugmeldingPath]!.RegisterResultaten!, r => Assert.Equal("geregistreerd", r.Resultaat));
    }

    [Fact]
    public async Task HandleAsync_SchedulesTheNextAttemptWithBackOff_WhenTheRegisterIsUnavailable()
    {
        _core.Register.Answer = _ => throw new RegisterUnavailableException("503", null);
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 94));

        await _core.ForwardVisibleAsync();

        var batch = _core.Batches.Batches(id)[0];
        Assert.Equal((BatchState.Open, 1L), (batch.State, batch.FailedAttempts));
        Assert.True(batch.NextAttemptAt >= _core.Time.GetUtcNow() + TimeSpan.FromSeconds(30));
        var next = Assert.Single(_core.Queue.Waiting);
        Assert.Equal((1L, 0), (next.FailedAttempts, _core.Queue.VisibleFor(id)));
    }

    [Fact]
    public async Task HandleAsync_StopsTheSecondChain_WhenTwoMessagesOfOneBatchFail()
    {
        _core.Register.Answer = _ => throw new RegisterUnavailableException("503", null);
        await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 95));
        var message = Assert.Single(_core.Queue.TakeVisible());

        await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);
        await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);

        Assert.Single(_core.Queue.Waiting);
    }

    [Theory]
    [InlineData(false, DeadLetterReasons.AttemptsUsedUp)]
    [InlineData(true, DeadLetterReasons.InvalidAnswer)]
    public async Task HandleAsync_DeadLettersAfterTheLastAttempt_WhenTheRegisterKeepsFailing(bool invalidAnswer, string reason)
    {
        _core.Register.Answer = _ => throw (invalidAnswer ? new RegisterAnswerInvalidException("zonder resultaten") : new RegisterUnavailableException("503", null));
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 96));

        for (var attempt = 0; attempt < 3; attempt++)
        {
            _core.Time.Advance(TimeSpan.FromHours(1));
            await _core.ForwardVisibleAsync();
        }

        Assert.Equal(3, _core.Register.Calls);
        var letter = Assert.Single(await _core.DeadLetters.ListAsync(CancellationToken.None));
        Assert.Equal((reason, 3L), (letter.Reason, letter.Attempts));
        Assert.Equal((DeliveryStatus.Afgerond, 5), (_core.Deliveries[id].Status, _core.Deliveries[id].Counts.Failed));
        Assert.Equal(0, _core.Queue.Count);
    }

    [Fact]
    public async Task HandleAsync_DeadLettersAtOnceWithAMaskedReason_WhenTheRegisterRefuses()
    {
        var bsn = SyntheticData.Bsns(seed: 97).First();
        _core.Register.Answer = _ => throw new RegisterRefusedException(422, $"Het register weigert: BSN {bsn} onbekend");
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 97));

        await _core.ForwardVisibleAsync();

        var letter = Assert.Single(await _core.DeadLetters.ListAsync(CancellationToken.None));
        Assert.Equal(("REGISTER_WEIGERT_422", 1), (letter.Reason, _core.Register.Calls));
        Assert.Equal(DeliveryStatus.Afgerond, _core.Deliveries[id].Status);
        Assert.DoesNotContain(bsn, letter.LastError, StringComparison.Ordinal);
    }
}
