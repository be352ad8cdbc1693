using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Tests.Fakes;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Lifecycle;

/// <summary>Dead letters: given up once, replayed once, closed when answered after all, and never a loop without end.</summary>
public sealed class DeadLetterTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task ReplayAsync_ReopensDeliveryAndBatchAndAppliesItOnce_WhenABatchWasGivenUp()
    {
        var (id, message) = await DeadLetteredAsync();

        Assert.Equal(ReplayOutcome.Queued, await Replay(id));
        Assert.Equal(DeliveryStatus.Doorsturen, _core.Deliveries[id].Status);
        Assert.Empty(await _core.DeadLetters.ListAsync(CancellationToken.None));
        await _core.ForwardVisibleAsync();
        await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Afgerond, 5, 0), (_core.Deliveries[id].Status, _core.Deliveries[id].Counts.Registered, _core.Deliveries[id].Counts.Failed));
        Assert.Single(_core.Register.Applied);
        Assert.Equal(ReplayOutcome.NotDeadLettered, await Replay(id));
    }

    [Fact]
    public async Task ReplayAsync_AnswersConflictAfterBoundedTriesAndKeepsTheLetter_WhenTheDeliveryKeepsChanging()
    {
        var (id, _) = await DeadLetteredAsync();
        _core.Deliveries.Conflicts.Always = true;

        var replay = Replay(id);

        Assert.Equal(ReplayOutcome.Conflict, await replay.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(Conflicts.MaxRetries + 1, _core.Deliveries.Conflicts.Refused);
        Assert.Single(await _core.DeadLetters.ListAsync(CancellationToken.None));
        _core.Deliveries.Conflicts.Always = false;
        Assert.Equal(ReplayOutcome.Queued, await Replay(id));
    }

    [Fact]
    public async Task ReplayAllAsync_ReplaysTheOthersAndNamesTheOne_WhenOneKeepsConflicting()
    {
        var (stuck, _) = await DeadLetteredAsync(seed: 122);
        _core.Time.Advance(TimeSpan.FromMinutes(1));
        var (free, _) = await DeadLetteredAsync(seed: 123);
        // Every try of the oldest letter's delivery write fails; the next letter's goes through.
        _core.Deliveries.Conflicts.Next = Conflicts.MaxRetries + 1;

        var replays = await _core.Get<ReplayDeadLetter>().ReplayAllAsync(CancellationToken.None);

        Assert.Equal([(stuck, ReplayOutcome.Conflict), (free, ReplayOutcome.Queued)], replays.Select(r => (r.Letter.DeliveryId, r.Outcome)));
        Assert.Equal(stuck, Assert.Single(await _core.DeadLetters.ListAsync(CancellationToken.None)).DeliveryId);
    }

    [Fact]
    public async Task ReplayAsync_SaysTheRowsAreGone_WhenTheRetentionRemovedThem()
    {
        var (id, _) = await DeadLetteredAsync();
        await _core.Batches.UpdateAsync(id, 1, b => b.RemoveRecords(_core.Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(ReplayOutcome.RowsRemoved, await Replay(id));
        Assert.Equal(ReplayOutcome.Unknown, await _core.Get<ReplayDeadLetter>().HandleAsync(id, 9, CancellationToken.None));
        Assert.Equal(ReplayOutcome.RowsRemoved, Assert.Single(await _core.Get<ReplayDeadLetter>().ReplayAllAsync(CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task HandleAsync_DeadLettersAnOpenBatchOnce_WhenItsMessageReachesThePoisonQueueTwice()
    {
        var (id, message) = await DeadLetteredAsync();

        await _core.Get<DeadLetterBatch>().HandleAsync(message, CancellationToken.None);

        var letter = Assert.Single(await _core.DeadLetters.ListAsync(CancellationToken.None));
        Assert.Equal((id, 1, DeadLetterReasons.AttemptsUsedUp), (letter.DeliveryId, letter.Batch, letter.Reason));
        Assert.Equal(0, _core.Register.Calls);
    }

    [Fact]
    public async Task GiveUpAsync_LeavesTheDeadLetterAsItIs_WhenAStrayMessageIsRefusedForABatchGivenUpLongAgo()
    {
        var (id, message) = await DeadLetteredAsync();
        _core.Time.Advance(TimeSpan.FromDays(40));
        await _core.Get<ApplyRetention>().HandleAsync(CancellationToken.None);
        var removed = Assert.Single(await _core.DeadLetters.ListAsync(CancellationToken.None));
        Assert.False(removed.CanReplay);
        _core.Time.Advance(TimeSpan.FromDays(1));

        // A copy of the batch's message carries its rows, so it reaches the register, which refuses it now.
        _core.Register.Answer = _ => throw new RegisterRefusedException(409, "al verwerkt");
        await _core.Get<ForwardBatch>().HandleAsync(message, 1, CancellationToken.None);

        Assert.Equal(removed, Assert.Single(await _core.DeadLetters.ListAsync(CancellationToken.None)));
        Assert.Equal(ReplayOutcome.RowsRemoved, await Replay(id));
    }

    [Fact]
    public async Task ListAsync_ClosesADeadLetterWhoseBatchWasAnswered_WhenTheRunThatAnsweredItStopped()
    {
        var (id, _) = await DeadLetteredAsync();
        var batch = (await _core.Batches.GetAsync(id, 1, CancellationToken.None))!;
        await _core.Batches.TryReplaceAsync(batch.Value.Answer([.. batch.Value.Results!.Select(r => r with { Resultaat = "geregistreerd" })], _core.Time.GetUtcNow())!, batch.Version, CancellationToken.None);

        Assert.Empty(await _core.Get<ListDeadLetters>().HandleAsync(CancellationToken.None));
        Assert.Empty(await _core.DeadLetters.ListAsync(CancellationToken.None));
    }

    private Task<ReplayOutcome> Replay(string id) => _core.Get<ReplayDeadLetter>().HandleAsync(id, 1, CancellationToken.None);

    /// <summary>A delivery of one batch whose message went to the poison queue: afgerond, every row mislukt.</summary>
    private async Task<(string DeliveryId, string Message)> DeadLetteredAsync(int seed = 121)
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: seed));
        var message = Assert.Single(_core.Queue.TakeVisible());
        await _core.Get<DeadLetterBatch>().HandleAsync(message, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Afgerond, 5), (_core.Deliveries[id].Status, _core.Deliveries[id].Counts.Failed));
        return (id, message);
    }
}
