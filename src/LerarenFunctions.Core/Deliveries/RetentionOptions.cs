using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// How long what the system keeps about deliveries is kept. Uploads and terugmeldingen are removed by storage lifecycle
/// rules (<c>infra/</c>); this is what the <c>ApplyRetention</c> timer removes from the tables.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// How long a delivery's row, its batches (the register's answers per row), its dead letters and its content claim
    /// are kept after the delivery was completed. About thirteen months: a board can look back on last year's delivery,
    /// and the same content delivered within that time is still recognised as <c>dubbel</c>. At least 31 days, longer than
    /// the longest <see cref="IntakeOptions.MissedUploadLookback"/> (and the uploads' 30 days): an upload the upload check
    /// can still see never outlives its delivery's row, or it would be taken in and forwarded a second time.
    /// </summary>
    [Range(typeof(TimeSpan), "31.00:00:00", "3650.00:00:00")]
    public TimeSpan Deliveries { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// How long the rows (with BSNs) of a dead-lettered batch are kept for a replay. After that they are removed, the
    /// dead letter says so, and the batch can no longer be replayed: the board delivers those teachers again.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan DeadLetterRows { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a sent e-mail's row (recipient, subject, when; the body goes when it is sent) is kept after it was sent,
    /// and a failed one's (<c>mislukt</c>, its body too) after it was given up: long enough for an operator to answer
    /// "did they get it?" or to act on a failure, no longer.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Emails { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long an entry of a board's history (who changed what, with the contact persons' names and addresses then) is
    /// kept after the change; the board's current state stays on its own row. Two school years: an operator can still
    /// answer "who was our contact person last year?". At least a month, so a mistake found late can still be traced; at
    /// most ten years.
    /// </summary>
    [Range(typeof(TimeSpan), "31.00:00:00", "3650.00:00:00")]
    public TimeSpan BoardHistory { get; set; } = TimeSpan.FromDays(730);

    /// <summary>
    /// How long an <c>Idempotency-Key</c> of an upload over HTTP is honoured after its first request: a retry within
    /// that time gets the first answer; after it the key is free again and its row is removed. A week covers any
    /// sensible retry (a client that was down over a weekend), and the row holds no personal data in the meantime.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan IdempotencyKeys { get; set; } = TimeSpan.FromDays(7);
}
