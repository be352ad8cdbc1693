using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Telemetry;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Tests.Telemetry;

/// <summary>
/// Where telemetry goes is read from the platform's settings and checked when the host starts. The hosts are built,
/// never started with a connection string: nothing is exported and no token is asked for.
/// </summary>
public sealed class TelemetrySettingsTests
{
    /// <summary>A connection string of the right shape for an Application Insights that does not exist.</summary>
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://ingestie.voorbeeld.invalid/";

    [Theory]
    [InlineData(TelemetryExporterSettings.ConnectionStringSetting, "geen-verbindingsreeks", TelemetryExporterSettings.ConnectionStringSetting)]
    [InlineData(TelemetryExporterSettings.AuthenticationStringSetting, "Authorization=Key", TelemetryExporterSettings.AuthenticationStringSetting)]
    [InlineData(TelemetryExporterSettings.AuthenticationStringSetting, "Authorization=AAD;ClientId=geen-guid", TelemetryExporterSettings.AuthenticationStringSetting)]
    [InlineData(TelemetryExporterSettings.OtlpEndpointSetting, "localhost:4317", TelemetryExporterSettings.OtlpEndpointSetting)]
    public async Task StartAsync_StopsWithTheSettingsName_WhenATelemetrySettingIsBad(string key, string value, string expected)
    {
        using var host = Build(new()
        {
            [TelemetryExporterSettings.ConnectionStringSetting] = key == TelemetryExporterSettings.AuthenticationStringSetting ? ConnectionString : null,
            [key] = value,
        });

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555")]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    public void AzureMonitorExporter_SignsInWithTheManagedIdentity_WhenTheAuthenticationStringSaysAad(string authentication)
    {
        using var host = Build(new()
        {
            [TelemetryExporterSettings.ConnectionStringSetting] = ConnectionString,
            [TelemetryExporterSettings.AuthenticationStringSetting] = authentication,
        });

        var exporter = host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        var settings = host.Services.GetRequiredService<IOptions<TelemetryExporterSettings>>().Value;

        Assert.Equal(ConnectionString, exporter.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);
        Assert.Equal(authentication.Contains("ClientId", StringComparison.Ordinal) ? "11111111-2222-3333-4444-555555555555" : null, settings.ManagedIdentityClientId);
        Assert.Equal(1.0F, exporter.SamplingRatio);
    }

    [Fact]
    public void AzureMonitorExporter_UsesTheConnectionStringsKey_WhenNoAuthenticationStringIsSet()
    {
        using var host = Build(new() { [TelemetryExporterSettings.ConnectionStringSetting] = ConnectionString });

        Assert.Null(host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName).Credential);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.Connection] = "UseDevelopmentStorage=true",
            ["Register:BaseUrl"] = "http://127.0.0.1:1/",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLerarenFunctions();
        return builder.Build();
    }
}
