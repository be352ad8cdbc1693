using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Core.Email;

/// <summary>How patiently the outbox sends.</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string SectionName = "Outbox";

    /// <summary>Attempts per message; after the last it is <c>mislukt</c>, a dead letter operators see.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an attempt holds a message. Longer than a send can take (the SMTP timeout), so two attempts never
    /// send at once; after it, a host that died mid-send is taken over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A waiting message whose queue message got lost is sent again by <c>CheckOutbox</c> after this.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan PickUpAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after <paramref name="attempts"/> failed attempts.</summary>
    public TimeSpan BackOff(int attempts) => Domain.BackOff.Exponential(RetryBaseDelay, RetryMaxDelay, attempts);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("The setting 'Outbox:RetryMaxDelay' must not be shorter than 'Outbox:RetryBaseDelay'.", [nameof(RetryMaxDelay)]);
        }
    }
}
