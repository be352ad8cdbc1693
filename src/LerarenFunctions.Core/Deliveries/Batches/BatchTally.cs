namespace LerarenFunctions.Core.Deliveries;

/// <summary>A delivery's forwarding counts summed from its batches, and how many batches are still open.</summary>
public sealed record BatchTally(int Open, int Completed, int Registered, int RejectedByRegister, int Failed)
{
    public static BatchTally Of(IEnumerable<Batch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        int open = 0, completed = 0, registered = 0, rejected = 0, failed = 0;
        foreach (var batch in batches)
        {
            if (batch.State == BatchState.Open)
            {
                open++;
                continue;
            }

            completed++;
            registered += batch.Registered;
            rejected += batch.RejectedByRegister;
            failed += batch.Failed;
        }

        return new BatchTally(open, completed, registered, rejected, failed);
    }

    /// <summary>The delivery's counts with the forwarding counts of this tally.</summary>
    public DeliveryCounts ApplyTo(DeliveryCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts with
        {
            BatchesCompleted = Completed,
            Forwarded = Registered + RejectedByRegister,
            Registered = Registered,
            RejectedByRegister = RejectedByRegister,
            Failed = Failed,
        };
    }
}
