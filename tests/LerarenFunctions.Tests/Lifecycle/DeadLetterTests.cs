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
    public async Task ReplayAsync_StopsAfterBoundedTries_WhenTheDeliveryKeepsChanging()
    {
        var (id, _) = await DeadLetteredAsync();
        _core.Deliveries.Conflicts.Always = true;

        var replay = Replay(id);

        await Assert.ThrowsAsync<WriteConflictException>(() => replay.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(Conflicts.MaxRetries + 1, _core.Deliveries.Conflicts.Refused);
        Assert.Single(await _core.DeadLetters.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReplayAsync_SaysTheRowsAreGone_WhenTheRetentionRemovedThem()
    {
        var (id, _) = await DeadLetteredAsync();
        await _core.Batches.UpdateAsync(id, 1, b => b.RemoveRecords(_core.Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(ReplayOutcome.RowsRemoved, await Replay(id));
        Assert.Equal(ReplayOutcome.Unknown, await _core.Get<ReplayDeadLetter>().HandleAsync(id, 9, CancellationToken.None));
        Assert.Equal(0, await _core.Get<ReplayDeadLetter>().ReplayAllAsync(CancellationToken.None));
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
    private async Task<(string DeliveryId, string Message)> DeadLetteredAsync()
    {
        var id = await _core.DeliverAsync("10053/leraren.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 121));
        var message = Assert.Single(_core.Queue.TakeVisible());
        await _core.Get<DeadLetterBatch>().HandleAsync(message, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Afgerond, 5), (_core.Deliveries[id].Status, _core.Deliveries[id].Counts.Failed));
        return (id, message);
    }
}
