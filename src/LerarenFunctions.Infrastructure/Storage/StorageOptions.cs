using System.ComponentModel.DataAnnotations;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>
/// The storage account, read from the <see cref="StorageNames.Connection"/> settings that the triggers read too, so
/// the SDK clients and the triggers can never point at different accounts. Either a connection string
/// (<c>AzureWebJobsStorage</c>: Azurite or a key) or identity-based settings, with the names the Functions host and the
/// WebJobs extensions read (<c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>,
/// <c>__tableServiceUri</c> or <c>__accountName</c>; <c>__credential</c>, <c>__clientId</c>). Never both: the triggers
/// would take the connection string and quietly keep using a key the deployment meant to drop.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = StorageNames.Connection;

    /// <summary>The only credential type the app builds: a managed identity, never a developer credential chain.</summary>
    public const string ManagedIdentity = "managedidentity";

    /// <summary>The keys below <see cref="SectionName"/>, named as the Functions host and WebJobs extensions read them.</summary>
    public const string BlobServiceUriKey = "blobServiceUri";

    public const string QueueServiceUriKey = "queueServiceUri";

    public const string TableServiceUriKey = "tableServiceUri";

    public const string AccountNameKey = "accountName";

    public const string CredentialKey = "credential";

    public const string ClientIdKey = "clientId";

    private const string EndpointSuffix = "core.windows.net";

    /// <summary>A storage connection string, or <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service under identity-based settings, e.g. <c>https://{account}.blob.core.windows.net</c>.</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>The queue service under identity-based settings.</summary>
    public string? QueueServiceUri { get; set; }

    /// <summary>The table service under identity-based settings.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>Instead of the three URIs: the account's name, for an account in the public cloud without custom DNS.</summary>
    public string? AccountName { get; set; }

    /// <summary><c>managedidentity</c> or empty: either way the app's managed identity is used.</summary>
    public string? Credential { get; set; }

    /// <summary>The client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ClientId { get; set; }

    /// <summary>Whether the clients authenticate with the managed identity instead of a connection string.</summary>
    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString) && HasIdentitySettings;

    private bool HasIdentitySettings =>
        !string.IsNullOrWhiteSpace(AccountName) || ConfiguredUris().Any(u => !string.IsNullOrWhiteSpace(u.Value));

    /// <summary>The setting name as an app setting, e.g. <c>AzureWebJobsStorage__tableServiceUri</c>.</summary>
    public static string Setting(string key) => $"{StorageNames.Connection}__{key}";

    /// <summary>
    /// A service's endpoint under identity-based settings: the configured URI, or the public cloud's for
    /// <see cref="AccountName"/>.
    /// </summary>
    public Uri ServiceUri(StorageService service)
    {
        if (!string.IsNullOrWhiteSpace(AccountName))
        {
            return new Uri($"https://{AccountName.Trim()}.{SubDomain(service)}.{EndpointSuffix}");
        }

        var configured = ConfiguredUris().Single(u => u.Service == service).Value;
        return new Uri(configured?.Trim() ?? throw new InvalidOperationException($"The setting '{Setting(KeyOf(service))}' is missing."));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        if (hasConnectionString && HasIdentitySettings)
        {
            yield return Invalid(
                $"The setting '{StorageNames.Connection}' (a connection string) and identity-based settings ({string.Join(", ", SetIdentityKeys().Select(Setting))}) are both set: keep one. The triggers would use the connection string.",
                nameof(ConnectionString));
        }
        else if (hasConnectionString)
        {
            if (!ConnectionString!.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                && !ConnectionString.Contains("AccountName=", StringComparison.OrdinalIgnoreCase))
            {
                yield return Invalid(
                    $"The setting '{StorageNames.Connection}' is not a storage connection string: it needs AccountName=... (or UseDevelopmentStorage=true).",
                    nameof(ConnectionString));
            }
        }
        else if (!HasIdentitySettings)
        {
            yield return Invalid(
                $"The setting '{StorageNames.Connection}' is missing: set it to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or use identity-based settings: {Setting(BlobServiceUriKey)}, {Setting(QueueServiceUriKey)} and {Setting(TableServiceUriKey)} (or {Setting(AccountNameKey)}).",
                nameof(ConnectionString));
        }
        else
        {
            foreach (var result in ValidateIdentity())
            {
                yield return result;
            }
        }
    }

    private IEnumerable<ValidationResult> ValidateIdentity()
    {
        if (!string.IsNullOrWhiteSpace(AccountName))
        {
            if (ConfiguredUris().Any(u => !string.IsNullOrWhiteSpace(u.Value)))
            {
                // The host's clients take the account name over a URI; a second source of truth could only disagree.
                yield return Invalid(
                    $"The settings '{Setting(AccountNameKey)}' and '{Setting(BlobServiceUriKey)}'/'{Setting(QueueServiceUriKey)}'/'{Setting(TableServiceUriKey)}' are both set: set the account name or the three service URIs.",
                    nameof(AccountName));
            }
            else if (AccountName.Trim() is not { Length: >= 3 and <= 24 } name || !name.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)))
            {
                yield return Invalid(
                    $"The setting '{Setting(AccountNameKey)}' is not a storage account name (3 to 24 lower-case letters and digits).",
                    nameof(AccountName));
            }
        }
        else
        {
            foreach (var (service, value) in ConfiguredUris())
            {
                var setting = Setting(KeyOf(service));
                if (string.IsNullOrWhiteSpace(value))
                {
                    yield return Invalid(
                        $"The setting '{setting}' is missing: identity-based storage needs the blob, queue and table service URIs.",
                        service + "ServiceUri");
                }
                else if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                {
                    // A bearer token is only ever sent over TLS: the SDK refuses plain http with a token.
                    yield return Invalid($"The setting '{setting}' must be an absolute https URI; it is '{value}'.", service + "ServiceUri");
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(Credential) && !string.Equals(Credential.Trim(), ManagedIdentity, StringComparison.OrdinalIgnoreCase))
        {
            yield return Invalid(
                $"The setting '{Setting(CredentialKey)}' must be '{ManagedIdentity}' or left out: the app authenticates to storage with its managed identity only.",
                nameof(Credential));
        }

        if (!string.IsNullOrWhiteSpace(ClientId) && !Guid.TryParse(ClientId.Trim(), out _))
        {
            yield return Invalid(
                $"The setting '{Setting(ClientIdKey)}' must be the client id (a GUID) of a user-assigned managed identity, or left out for the system-assigned one.",
                nameof(ClientId));
        }
    }

    private (StorageService Service, string? Value)[] ConfiguredUris() =>
        [(StorageService.Blob, BlobServiceUri), (StorageService.Queue, QueueServiceUri), (StorageService.Table, TableServiceUri)];

    private IEnumerable<string> SetIdentityKeys() =>
        ConfiguredUris().Where(u => !string.IsNullOrWhiteSpace(u.Value)).Select(u => KeyOf(u.Service))
            .Concat(string.IsNullOrWhiteSpace(AccountName) ? [] : [AccountNameKey]);

    private static string KeyOf(StorageService service) => service switch
    {
        StorageService.Blob => BlobServiceUriKey,
        StorageService.Queue => QueueServiceUriKey,
        _ => TableServiceUriKey,
    };

    private static string SubDomain(StorageService service) => service switch
    {
        StorageService.Blob => "blob",
        StorageService.Queue => "queue",
        _ => "table",
    };

    private static ValidationResult Invalid(string message, string member) => new(message, [member]);
}
