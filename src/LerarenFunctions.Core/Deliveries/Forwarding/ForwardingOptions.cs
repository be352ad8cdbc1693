using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>How valid rows go to the register: in batches, with how many attempts, and how patiently.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Forwarding";

    /// <summary>Records per register call, queue message and stored batch row. At most 100, the register's batch size.</summary>
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
    /// How long a delivery in <c>doorsturen</c> may go without any of its batches changing before its open batches are
    /// queued again; a batch that waits on its back-off is not queued before its next attempt is this long overdue.
    /// Longer than the ten minutes after which a dead host's messages come back by themselves.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(15);
}
