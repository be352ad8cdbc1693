using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Tests.Integration;

public class OptionsValidationTests
{
    private const string Storage = "UseDevelopmentStorage=true";

    [Theory]
    [InlineData(null, "http://127.0.0.1:1/", "AzureWebJobsStorage")]
    [InlineData("not a connection string", "http://127.0.0.1:1/", "AzureWebJobsStorage")]
    [InlineData(Storage, null, "Register:BaseUrl")]
    [InlineData(Storage, "ftp://register.example/", "Register:BaseUrl")]
    [InlineData(Storage, "register/", "Register:BaseUrl")]
    [InlineData(Storage, "http://register.example/", "https")]
    public async Task StartAsync_StopsWithMessageNamingSetting_WhenSettingMissingOrBad(string? storage, string? registerUrl, string setting)
    {
        using var host = BuildHost(new()
        {
            [StorageNames.Connection] = storage,
            ["Register:BaseUrl"] = registerUrl,
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains(setting, ValidationMessages(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Forwarding:BatchSize", "0", "BatchSize")]
    [InlineData("Forwarding:BatchSize", "101", "BatchSize")]
    [InlineData("Register:AttemptTimeout", "00:00:20", "Register:TotalTimeout")]
    [InlineData("Register:MaxRetries", "-1", "MaxRetries")]
    [InlineData("TeacherFile:MaxRows", "0", "MaxRows")]
    [InlineData("Intake:MissedUploadGrace", "-00:00:01", "MissedUploadGrace")]
    [InlineData("Intake:MissedUploadLookback", "00:00:10", "MissedUploadLookback")]
    [InlineData("Intake:MissedUploadLookback", "40.00:00:00", "MissedUploadLookback")]
    [InlineData("Intake:StallAfter", "00:00:00", "StallAfter")]
    [InlineData("Intake:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Retention:Deliveries", "00:10:00", "Deliveries")]
    [InlineData("Retention:Deliveries", "30.00:00:00", "Deliveries")]
    [InlineData("Retention:DeadLetterRows", "400.00:00:00", "DeadLetterRows")]
    [InlineData("Retention:BoardHistory", "30.00:00:00", "BoardHistory")]
    [InlineData("Retention:BoardHistory", "3651.00:00:00", "BoardHistory")]
    [InlineData("Herinneringen:Schema", "elke ochtend", "Herinneringen:Schema")]
    [InlineData("Herinneringen:Schema", "0 7 * * *", "Herinneringen:Schema")]
    [InlineData("Herinneringen:GeenLevering:DagenVoor", "30,30", "Herinneringen:GeenLevering")]
    [InlineData("Herinneringen:Statuut:Aan", "true", "Herinneringen:Statuut")]
    [InlineData("Besturen:Deadlines:xx", "2027-08-01", "Besturen:Deadlines:xx")]
    public async Task StartAsync_StopsWithMessageNamingSetting_WhenValueOutOfRange(string key, string value, string expected)
    {
        using var host = BuildHost(new()
        {
            [StorageNames.Connection] = Storage,
            ["Register:BaseUrl"] = "http://127.0.0.1:1/",
            ["Register:TotalTimeout"] = "00:00:15",
            [key] = value,
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains(expected, ValidationMessages(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("kort-en-dus-te-raden")]
    [InlineData(OperatorOptions.DevelopmentKey)]
    [InlineData("@Microsoft.KeyVault(VaultName=lrf-prod-kv;SecretName=beheer-sleutel)")]
    public async Task StartAsync_StopsWithMessageNamingOperatorKey_WhenKeyMissingOrWeakOutsideDevelopment(string? key)
    {
        var settings = TestKeys.HostDefaults.Where(d => d.Key != TestKeys.OperatorSetting).ToDictionary();
        settings[StorageNames.Connection] = Storage;
        settings["Register:BaseUrl"] = "http://127.0.0.1:1/";
        if (key is not null)
        {
            settings[TestKeys.OperatorSetting] = key;
        }

        using var host = BuildHost(settings, withOperatorKey: false);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("Beheer:Sleutel", ValidationMessages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void OperatorOptions_AreTheDocumentedDefault_WhenDevelopmentSetsNoKey()
    {
        var settings = TestKeys.HostDefaults.Where(d => d.Key != TestKeys.OperatorSetting).ToDictionary();
        settings[StorageNames.Connection] = Storage;
        settings["Register:BaseUrl"] = "http://127.0.0.1:1/";
        using var host = BuildHost(
            settings,
            withOperatorKey: false,
            environment: Environments.Development);

        Assert.Equal(OperatorOptions.DevelopmentKey, host.Services.GetRequiredService<IOptions<OperatorOptions>>().Value.Sleutel);
    }

    [Fact]
    public async Task LocalHost_ExitsWithClearMessage_WhenRegisterUrlIsBad()
    {
        await using var host = LocalHostProcess.Start(new Dictionary<string, string>
        {
            [StorageNames.Connection] = "UseDevelopmentStorage=true",
            ["Register__BaseUrl"] = "ftp://register.example/",
        });

        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(60)), "The LocalHost kept running with a bad setting.");
        Assert.NotEqual(0, host.ExitCode);
        Assert.Contains("Register:BaseUrl", host.Output, StringComparison.Ordinal);
    }

    /// <summary>The host reports one failed option as itself and several as an AggregateException of them.</summary>
    private static string ValidationMessages(Exception error)
    {
        var failures = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        Assert.All(failures, f => Assert.IsType<OptionsValidationException>(f));
        return string.Join(Environment.NewLine, failures.Select(f => f.Message));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, bool withOperatorKey = true, string environment = "Production")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
        builder.Logging.ClearProviders();
        if (withOperatorKey)
        {
            builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLerarenFunctions();
        return builder.Build();
    }
}
