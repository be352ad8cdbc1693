using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>How uploads that the blob trigger missed are found and taken in after all.</summary>
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
