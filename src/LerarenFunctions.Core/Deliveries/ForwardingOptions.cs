using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>How valid rows are grouped on their way to the register.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Forwarding";

    /// <summary>Records per register call and per queue message. At most 100: a batch is stored in one table transaction.</summary>
    [Range(1, ForwardingLimits.MaxBatchSize)]
    public int BatchSize { get; set; } = ForwardingLimits.MaxBatchSize;
}
