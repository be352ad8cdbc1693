using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>How a delivered file is taken in: when a stopped intake is taken over, and how uploads the blob trigger missed are found.</summary>
public sealed class IntakeOptions : IValidatableObject
{
    public const string SectionName = "Intake";

    /// <summary>
    /// How old an upload must be before the check takes it in itself: long enough for the blob trigger to start on
    /// it first, so the two seldom do the same work (doing it twice is harmless, only wasted).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MissedUploadGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far back the check looks. Covers a host that was down this long; older uploads are left alone, so a
    /// check never rereads a month of uploads.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MissedUploadLookback { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How long an intake may show no sign of life before another run takes it over. A running intake shows life at
    /// least every 2,000 valid rows it stores; the longest quiet stretch is reading a large Excel file (about a minute
    /// for 500,000 rows), so the default leaves a wide margin.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs that may take the intake of one delivery on. When the last one fails too, the delivery ends as
    /// <c>afgewezen</c> with <c>VERWERKING_MISLUKT</c> instead of being retried without end.
    /// </summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MissedUploadLookback <= MissedUploadGrace)
        {
            yield return new ValidationResult(
                "The setting 'Intake:MissedUploadLookback' must be longer than 'Intake:MissedUploadGrace'.",
                [nameof(MissedUploadLookback)]);
        }
    }
}
