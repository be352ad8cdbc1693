namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The dead letters that wait for an operator, oldest first. A dead letter whose batch was answered after all (by a run
/// that stopped before it closed the letter), or is gone, is closed here rather than shown. One whose batch is open
/// stays: a run that was giving the batch up, or replaying it, stopped half-way, and a replay queues the open batch.
/// </summary>
public sealed class ListDeadLetters(IDeadLetterStore deadLetters, IBatchStore batches)
{
    public async Task<IReadOnlyList<DeadLetter>> HandleAsync(CancellationToken cancellationToken) =>
        (await HandleAsync(int.MaxValue, cancellationToken)).Letters;

    /// <summary>
    /// The oldest <paramref name="max"/> that wait, each checked against its batch (a read each), and how many dead
    /// letters there are in all: for a page that must stay cheap after an outage left thousands, the ones past
    /// <paramref name="max"/> are counted as they are stored, not checked.
    /// </summary>
    public async Task<DeadLetterList> HandleAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var all = await deadLetters.ListAsync(cancellationToken);
        var waiting = new List<DeadLetter>();
        var closed = 0;
        foreach (var letter in all)
        {
            if (waiting.Count == max)
            {
                break;
            }

            var batch = await batches.GetAsync(letter.DeliveryId, letter.Batch, cancellationToken);
            if (batch?.Value.State is BatchState.Completed || batch is null)
            {
                await deadLetters.DeleteAsync(letter.DeliveryId, letter.Batch, cancellationToken);
                closed++;
                continue;
            }

            waiting.Add(letter);
        }

        return new DeadLetterList(waiting, all.Count - closed);
    }
}

/// <summary>The oldest dead letters that wait, and how many there are in all (at least <see cref="Letters"/>' count).</summary>
public sealed record DeadLetterList(IReadOnlyList<DeadLetter> Letters, int Total);
