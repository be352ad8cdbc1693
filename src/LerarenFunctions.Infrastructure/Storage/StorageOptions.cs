using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>
/// The storage account. Read from the <see cref="StorageNames.Connection"/> setting that the triggers use too,
/// so the SDK clients and the triggers can never point at different accounts.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = StorageNames.Connection;

    /// <summary>A storage connection string, or <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"The setting '{StorageNames.Connection}' is missing: set it to a storage connection string (UseDevelopmentStorage=true for Azurite).",
                [nameof(ConnectionString)]);
        }
        else if (!ConnectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                 && !ConnectionString.Contains("AccountName=", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"The setting '{StorageNames.Connection}' is not a storage connection string: it needs AccountName=... (or UseDevelopmentStorage=true).",
                [nameof(ConnectionString)]);
        }
    }
}
