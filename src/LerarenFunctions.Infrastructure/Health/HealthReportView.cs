using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LerarenFunctions.Infrastructure.Health;

/// <summary>
/// The health answer in the contract's words: <c>gezond</c>, <c>verminderd</c> (works, something needs a look) or
/// <c>ongezond</c>; for an operator also each check with its status, its fixed description and its numbers — never
/// an exception's text, a host name or a connection string.
/// </summary>
public sealed record HealthReportView(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("controles")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HealthCheckView>? Controles)
{
    public const string Healthy = "gezond";
    public const string Degraded = "verminderd";
    public const string Unhealthy = "ongezond";

    /// <summary>What anyone may know: one word.</summary>
    public static HealthReportView Anonymous(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new HealthReportView(Word(report.Status), null);
    }

    /// <summary>What an operator sees: every check, its numbers, and no internals.</summary>
    public static HealthReportView Detailed(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new HealthReportView(Word(report.Status), [.. report.Entries.Select(e => new HealthCheckView(
            e.Key,
            Word(e.Value.Status),
            e.Value.Description is { } description && HealthTexts.Known.Contains(description) ? description : HealthTexts.CheckFailed,
            (long)e.Value.Duration.TotalMilliseconds,
            e.Value.Data.Where(d => d.Value is int or long).ToDictionary(d => d.Key, d => Convert.ToInt64(d.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)))]);
    }

    public static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => Healthy,
        HealthStatus.Degraded => Degraded,
        _ => Unhealthy,
    };
}

/// <summary>One check in an operator's health answer.</summary>
public sealed record HealthCheckView(
    [property: JsonPropertyName("naam")] string Naam,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("beschrijving")] string Beschrijving,
    [property: JsonPropertyName("duurMs")] long DuurMs,
    [property: JsonPropertyName("gegevens")] IReadOnlyDictionary<string, long> Gegevens);
