using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace LerarenFunctions.Infrastructure.Telemetry;

/// <summary>
/// Where traces, metrics and logs go, from the settings the platform and OpenTelemetry define (not an options section
/// of ours): in Azure <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, with <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
/// for the managed identity, as the Functions host reads them; locally an OTLP endpoint
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, read by the exporter with the other <c>OTEL_*</c> settings). Validated at start.
/// </summary>
public sealed class TelemetryExporterSettings : IValidatableObject
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Application Insights connection string; exporting to Azure Monitor when set.</summary>
    public string? ApplicationInsightsConnectionString { get; private set; }

    /// <summary><c>Authorization=AAD</c>, with <c>ClientId={id}</c> for a user-assigned identity; null for the key in the connection string.</summary>
    public string? ApplicationInsightsAuthentication { get; private set; }

    /// <summary>An OTLP endpoint; exporting there (all three signals) when set.</summary>
    public string? OtlpEndpoint { get; private set; }

    /// <summary>Whether telemetry to Application Insights is signed in with Microsoft Entra ID (the managed identity).</summary>
    public bool UsesEntraId => ParseAuthentication(ApplicationInsightsAuthentication) is { Valid: true, Aad: true };

    /// <summary>The client id of the user-assigned identity that signs telemetry; null for the system-assigned one.</summary>
    public string? ManagedIdentityClientId => ParseAuthentication(ApplicationInsightsAuthentication).ClientId;

    /// <summary>
    /// <c>key=value</c> pairs with an <c>InstrumentationKey</c>. The exporter reads a connection string as soon as it is
    /// built, before the host validates anything: a bad one is not handed to it, so validation names the setting.
    /// </summary>
    public bool HasValidConnectionString =>
        ApplicationInsightsConnectionString is { } text
        && text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } parts
        && parts.All(p => p.IndexOf('=', StringComparison.Ordinal) > 0)
        && parts.Any(p => p.StartsWith("InstrumentationKey=", StringComparison.OrdinalIgnoreCase) && p.Length > "InstrumentationKey=".Length);

    /// <summary>An absolute http(s) URL.</summary>
    public bool HasValidOtlpEndpoint =>
        OtlpEndpoint is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>Reads the settings under the names the platform and the OpenTelemetry exporters use.</summary>
    public static TelemetryExporterSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new TelemetryExporterSettings
        {
            ApplicationInsightsConnectionString = NullIfBlank(configuration[ConnectionStringSetting]),
            ApplicationInsightsAuthentication = NullIfBlank(configuration[AuthenticationStringSetting]),
            OtlpEndpoint = NullIfBlank(configuration[OtlpEndpointSetting]),
        };
    }

    /// <summary>Takes the values of <paramref name="other"/> (the options pattern configures an instance it made).</summary>
    internal void CopyFrom(TelemetryExporterSettings other)
    {
        ApplicationInsightsConnectionString = other.ApplicationInsightsConnectionString;
        ApplicationInsightsAuthentication = other.ApplicationInsightsAuthentication;
        OtlpEndpoint = other.OtlpEndpoint;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApplicationInsightsConnectionString is not null && !HasValidConnectionString)
        {
            yield return new ValidationResult(
                $"The setting '{ConnectionStringSetting}' must be an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...).",
                [nameof(ApplicationInsightsConnectionString)]);
        }

        if (ApplicationInsightsAuthentication is not null && !ParseAuthentication(ApplicationInsightsAuthentication).Valid)
        {
            yield return new ValidationResult(
                $"The setting '{AuthenticationStringSetting}' must be 'Authorization=AAD', with 'ClientId={{client id}}' for a user-assigned identity.",
                [nameof(ApplicationInsightsAuthentication)]);
        }

        if (ApplicationInsightsAuthentication is not null && ApplicationInsightsConnectionString is null)
        {
            yield return new ValidationResult(
                $"The setting '{AuthenticationStringSetting}' is set without '{ConnectionStringSetting}'.",
                [nameof(ApplicationInsightsAuthentication)]);
        }

        if (OtlpEndpoint is { } otlp && !HasValidOtlpEndpoint)
        {
            yield return new ValidationResult(
                $"The setting '{OtlpEndpointSetting}' must be an absolute http(s) URL; it is '{otlp}'.",
                [nameof(OtlpEndpoint)]);
        }
    }

    /// <summary>Parses <c>Authorization=AAD;ClientId=...</c>, the form Azure Functions documents; keys in any case and order.</summary>
    private static (bool Valid, bool Aad, string? ClientId) ParseAuthentication(string? text)
    {
        if (text is null)
        {
            return (true, false, null);
        }

        var (aad, clientId) = (false, (string?)null);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            switch (pair)
            {
                case [var key, var value] when key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && value.Equals("AAD", StringComparison.OrdinalIgnoreCase):
                    aad = true;
                    break;
                case [var key, var value] when key.Equals("ClientId", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(value, out _):
                    clientId = value;
                    break;
                default:
                    return (false, false, null);
            }
        }

        return (aad, aad, clientId);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
