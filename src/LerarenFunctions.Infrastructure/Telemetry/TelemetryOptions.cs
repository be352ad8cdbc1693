namespace LerarenFunctions.Infrastructure.Telemetry;

/// <summary>
/// Telemetry settings of our own. The exporters to Application Insights and OTLP follow the platform's settings
/// (<see cref="TelemetryExporterSettings"/>); the console is a choice for a developer without a trace viewer.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Writes spans and metrics to standard output (<c>Telemetry:Console</c>, off by default): busy, and never in Azure,
    /// where the host reads the worker's output as logs.
    /// </summary>
    public bool Console { get; set; }
}
