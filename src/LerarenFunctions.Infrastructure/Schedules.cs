namespace LerarenFunctions.Infrastructure;

/// <summary>
/// The timer triggers' schedules (six-field NCRONTAB, with seconds), shared by both hosts; each has the name of its
/// function and its use case. A schedule written <c>%Section:Key%</c> is read from that setting when the host starts.
/// </summary>
public static class Schedules
{
    /// <summary>Every 15 seconds: one query of the index of unfinished deliveries, and a read per unfinished one.</summary>
    public const string CheckDeliveries = "*/15 * * * * *";

    /// <summary>
    /// Every 30 seconds: at most two listing pages of the uploads, and one lookup per new upload per process. A file
    /// the blob trigger missed is taken in within about a minute (a container of 100,000 uploads: five minutes).
    /// </summary>
    public const string PickUpMissedUploads = "*/30 * * * * *";

    /// <summary>Hourly: the dead letters, and from the completion index exactly the deliveries past their retention.</summary>
    public const string ApplyRetention = "0 17 * * * *";

    /// <summary>Every minute: the index of e-mails not yet sent; one whose queue message got lost is queued again.</summary>
    public const string CheckOutbox = "0 * * * * *";

    /// <summary>
    /// A setting, <c>Herinneringen:Schema</c> (default daily at 07:00 UTC, <c>0 0 7 * * *</c>): the trigger resolves it
    /// from the host's settings, so each host needs the setting itself. Daily is enough: every reminder rule counts in
    /// days, and a run reads each kind of row once.
    /// </summary>
    public const string SendReminders = "%Herinneringen:Schema%";
}
