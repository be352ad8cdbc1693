using Azure.Monitor.OpenTelemetry.Exporter;
using LerarenFunctions.Core.Telemetry;
using LerarenFunctions.Infrastructure.Register;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LerarenFunctions.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: the spans of the use cases (one trace per delivery) and their register calls, the
/// meter <see cref="LerarenTelemetry.SourceName"/> with the queue depths, and the logs with their scopes. Exported to
/// Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (signed in with the managed identity
/// when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says <c>Authorization=AAD</c>), to an OTLP endpoint when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (<see cref="TelemetryExporterSettings"/>), and to the console with
/// <c>Telemetry:Console</c>; else nowhere.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The service name on every span, metric and log record (<c>service.name</c>).</summary>
    public const string ServiceName = "lerarenfunctions";

    public static TBuilder AddLerarenFunctionsTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.AddOptions<TelemetryExporterSettings>()
            .Configure(o => o.CopyFrom(TelemetryExporterSettings.Read(configuration)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<QueueDepths>();

        // Read here, unvalidated, to choose the exporters; the settings' own validation reports a bad value by name.
        var settings = TelemetryExporterSettings.Read(configuration);
        var console = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.Console ?? false;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(LerarenTelemetry.SourceName)
                // Only the register calls of our own spans: a storage request's URL can hold a file name, and the
                // health probe and the triggers' polling would bury the deliveries.
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = IsRegisterCall)
                .AddProcessor(new DeliveryTagProcessor()))
            .WithMetrics(metrics => metrics
                .AddMeter(LerarenTelemetry.SourceName)
                // The queue-depth gauge exists once its reader does: the provider creates it with itself.
                .AddInstrumentation(provider => provider.GetRequiredService<QueueDepths>()))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                // Scopes carry the delivery id and bestuursnummer of every log line of a use case.
                logging.IncludeScopes = true;
                logging.IncludeFormattedMessage = true;
            });

        if (settings.HasValidConnectionString && settings.ApplicationInsightsConnectionString is { } connectionString)
        {
            telemetry.UseAzureMonitorExporter(azure =>
            {
                azure.ConnectionString = connectionString;
                // Every delivery's trace whole: a few thousand deliveries a year are no volume worth sampling.
                azure.SamplingRatio = 1.0F;
                azure.TracesPerSecond = null;
            });
            if (settings.UsesEntraId)
            {
                // The managed identity only (never a developer credential chain), built as the storage clients' is.
                services.AddOptions<AzureMonitorExporterOptions>().Configure<AzureComponentFactory>((azure, factory) =>
                    azure.Credential = factory.CreateTokenCredential(ManagedIdentitySection(settings.ManagedIdentityClientId)));
            }
        }

        if (settings.HasValidOtlpEndpoint)
        {
            // Endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* settings.
            telemetry.UseOtlpExporter();
        }

        if (console)
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
        }

        return builder;
    }

    /// <summary>A batch's register call (marked by the register client); nothing else is traced over HTTP.</summary>
    private static bool IsRegisterCall(HttpRequestMessage request) =>
        request.Options.TryGetValue(RegisterClient.TracedCall, out var traced) && traced;

    private static IConfiguration ManagedIdentitySection(string? clientId)
    {
        var values = new Dictionary<string, string?> { [StorageOptions.CredentialKey] = StorageOptions.ManagedIdentity };
        if (clientId is not null)
        {
            values[StorageOptions.ClientIdKey] = clientId;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
