using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Infrastructure.Register;

/// <summary>Where the register's HTTP API is and how patiently to call it.</summary>
public sealed class RegisterOptions : IValidatableObject
{
    public const string SectionName = "Register";

    /// <summary>The base URL of the register API, ending in a slash, e.g. <c>http://127.0.0.1:7071/register/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Time allowed for one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for a call including its retries. Must exceed <see cref="AttemptTimeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a failed attempt (transient errors, 429 and 503 honouring Retry-After). The queue retries on top.</summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry's delay; later retries back off exponentially, with jitter. A Retry-After header wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is null)
        {
            yield return new ValidationResult(
                "The setting 'Register:BaseUrl' is missing: set it to the register API's base URL, e.g. http://127.0.0.1:7071/register/.",
                [nameof(BaseUrl)]);
        }
        else if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult(
                $"The setting 'Register:BaseUrl' must be an absolute http(s) URL; it is '{BaseUrl}'.",
                [nameof(BaseUrl)]);
        }
        else if (BaseUrl.Scheme == "http" && !BaseUrl.IsLoopback)
        {
            // Batches hold BSNs: plain HTTP is only acceptable to a register on this machine (the simulator).
            yield return new ValidationResult(
                $"The setting 'Register:BaseUrl' must use https for a register that is not on this machine; it is '{BaseUrl}'.",
                [nameof(BaseUrl)]);
        }

        if (TotalTimeout <= AttemptTimeout)
        {
            yield return new ValidationResult(
                "The setting 'Register:TotalTimeout' must be longer than 'Register:AttemptTimeout'.",
                [nameof(TotalTimeout)]);
        }
    }
}
