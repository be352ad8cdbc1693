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
    /// Attempts per batch before it is dead-lettered (reason <c>POGINGEN_OP</c>). Each attempt already includes the
    /// HTTP client's own quick retries; between attempts the batch waits on the queue, backing off exponentially.
    /// </summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait before the second attempt; it doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts. With the defaults a batch rides out about an hour and a half of outage.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "06:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a delivery in <c>doorsturen</c> may go without any batch finishing before its open batches are
    /// queued again. Longer than the ten minutes after which a dead host's messages come back by themselves.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(15);
}
