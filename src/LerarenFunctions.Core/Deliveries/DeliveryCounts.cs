namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The counts of a delivery, per row of the file. The validation counts are set once; the forwarding counts are summed
/// from the batches while the delivery is forwarded (batches never contend for one row) and fixed when it is closed.
/// </summary>
public sealed record DeliveryCounts
{
    /// <summary>Data rows in the file (empty rows excluded).</summary>
    public int Rows { get; init; }

    public int Accepted { get; init; }

    public int Rejected { get; init; }

    /// <summary>How many register batches the accepted rows were split into.</summary>
    public int Batches { get; init; }

    /// <summary>Batches with a final answer: answered by the register, or given up (dead-lettered).</summary>
    public int BatchesCompleted { get; init; }

    /// <summary>Rows the register answered for (registered or rejected).</summary>
    public int Forwarded { get; init; }

    public int Registered { get; init; }

    public int RejectedByRegister { get; init; }

    /// <summary>Rows of dead-lettered batches: the register never answered for them.</summary>
    public int Failed { get; init; }
}
