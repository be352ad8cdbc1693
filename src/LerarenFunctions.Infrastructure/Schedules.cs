namespace LerarenFunctions.Infrastructure;

/// <summary>The timer triggers' schedules (six-field NCRONTAB, with seconds), shared by both hosts.</summary>
public static class Schedules
{
    /// <summary>Every 15 seconds: one cheap table query; the stall threshold decides whether anything happens.</summary>
    public const string ResumeStalledForwarding = "*/15 * * * * *";

    /// <summary>
    /// Every 30 seconds: one container listing per 5,000 uploads, and one lookup per new upload per process. A file
    /// the blob trigger missed is taken in within about a minute.
    /// </summary>
    public const string PickUpMissedUploads = "*/30 * * * * *";
}
