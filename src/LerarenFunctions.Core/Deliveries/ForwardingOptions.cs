using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>How valid rows are grouped on their way to the register.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Forwarding";

    /// <summary>Records per register call and per queue message. At most 100: a batch is stored in one table transaction.</summary>
    [Range(1, ForwardingLimits.MaxBatchSize)]
    public int BatchSize { get; set; } = ForwardingLimits.MaxBatchSize;

    /// <summary>
    /// How long a delivery in <c>doorsturen</c> may go without any batch finishing before its open batches are
    /// queued again. Longer than the ten minutes after which a dead host's messages come back by themselves.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(15);
}
