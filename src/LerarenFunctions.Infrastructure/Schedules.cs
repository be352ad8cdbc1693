namespace LerarenFunctions.Infrastructure;

/// <summary>The timer triggers' schedules (six-field NCRONTAB, with seconds), shared by both hosts.</summary>
public static class Schedules
{
    /// <summary>Every 15 seconds: one cheap table query; the stall threshold decides whether anything happens.</summary>
    public const string ResumeStalledForwarding = "*/15 * * * * *";
}
