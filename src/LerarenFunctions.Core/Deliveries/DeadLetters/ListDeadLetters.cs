namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The dead letters that wait for an operator, oldest first. A dead letter whose batch is not dead-lettered any more
/// (answered after all, by a run that stopped before it closed the letter) is closed here rather than shown.
/// </summary>
public sealed class ListDeadLetters(IDeadLetterStore deadLetters, IBatchStore batches)
{
    public async Task<IReadOnlyList<DeadLetter>> HandleAsync(CancellationToken cancellationToken)
    {
        var waiting = new List<DeadLetter>();
        foreach (var letter in await deadLetters.ListAsync(cancellationToken))
        {
            var batch = await batches.GetAsync(letter.DeliveryId, letter.Batch, cancellationToken);
            if (batch?.Value.State is BatchState.Completed || batch is null)
            {
                await deadLetters.DeleteAsync(letter.DeliveryId, letter.Batch, cancellationToken);
                continue;
            }

            waiting.Add(letter);
        }

        return waiting;
    }
}
