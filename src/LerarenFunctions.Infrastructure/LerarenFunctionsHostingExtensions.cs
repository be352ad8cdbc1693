using LerarenFunctions.Core;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Infrastructure.Email;
using LerarenFunctions.Infrastructure.Health;
using LerarenFunctions.Infrastructure.Register;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Blobs;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Infrastructure.Telemetry;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure;

/// <summary>The one composition of LerarenFunctions, used by the Functions worker and by the LocalHost alike.</summary>
public static class LerarenFunctionsHostingExtensions
{
    /// <summary>
    /// Registers Core's use cases and their Azure adapters. Every option is validated at start: a missing or bad
    /// setting stops the host with a message that names the setting.
    /// </summary>
    public static TBuilder AddLerarenFunctions<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<RegisterOptions>().BindConfiguration(RegisterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardingOptions>().BindConfiguration(ForwardingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TeacherFileOptions>().BindConfiguration(TeacherFileOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadLinkOptions>().BindConfiguration(UploadLinkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SupportOptions>().BindConfiguration(SupportOptions.SectionName);

        services.AddOperatorKey(builder.Environment);
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiRateLimit>();

        services.AddLerarenFunctionsCore();
        services.AddLerarenFunctionsStorage(configuration);
        services.AddHostedService<StorageBootstrapper>();
        // GET /api/health: storage, the register, the queues and the dead letters, each within a few seconds.
        services.AddLerarenFunctionsHealth();
        services.AddLerarenFunctionsEmail();
        // Traces (one per delivery), metrics and logs, exported where the settings say; see TelemetryExtensions.
        builder.AddLerarenFunctionsTelemetry();

        services.AddHttpClient<IRegisterClient, RegisterClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<RegisterOptions>>().Value;
                // Relative paths resolve below the base only when it ends in a slash.
                http.BaseAddress = options.BaseUrl is { } url && !url.AbsolutePath.EndsWith('/') ? new Uri(url + "/") : options.BaseUrl;
                // The resilience handler owns the timeouts; HttpClient's own would cut retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddStandardResilienceHandler()
            .Configure(resilience =>
            {
                // Read unvalidated here: RegisterOptions' own validation reports a bad value once, by name.
                var options = configuration.GetSection(RegisterOptions.SectionName).Get<RegisterOptions>() ?? new RegisterOptions();
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.Retry.MaxRetryAttempts = options.MaxRetries;
                resilience.Retry.Delay = options.RetryDelay;
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > TimeSpan.FromSeconds(30)
                    ? options.AttemptTimeout * 2
                    : TimeSpan.FromSeconds(30);
            });

        return builder;
    }

    /// <summary>
    /// The operator key, validated at start: required outside Development, where a documented default applies.
    /// </summary>
    private static void AddOperatorKey(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<OperatorOptions>()
            .BindConfiguration(OperatorOptions.SectionName)
            .PostConfigure(o =>
            {
                if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(o.Sleutel))
                {
                    o.Sleutel = OperatorOptions.DevelopmentKey;
                }
            })
            .Validate(
                o => environment.IsDevelopment() ? !string.IsNullOrWhiteSpace(o.Sleutel) : o.Sleutel is { Length: >= OperatorOptions.MinLength } && o.Sleutel != OperatorOptions.DevelopmentKey,
                $"The setting 'Beheer:Sleutel' (the operator key) must be set outside Development: at least {OperatorOptions.MinLength} random characters, not the Development default.")
            // App Service passes a Key Vault reference it cannot resolve (no secret yet, no access) on as its own text,
            // which is long enough to pass as a key and is no secret at all.
            .Validate(
                o => o.Sleutel is null || !o.Sleutel.StartsWith(OperatorOptions.UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase),
                "The setting 'Beheer:Sleutel' (the operator key) is a Key Vault reference that was not resolved: set the secret in the vault and give the app's identity access to it.")
            .ValidateOnStart();
        services.AddSingleton<OperatorKey>();
        services.AddSingleton<ApiKeys>();
        // The pages' sign-in: sessions in table storage, shared by every instance.
        services.AddSingleton<TablePageSessionStore>();
        services.AddSingleton<PageSessions>();
    }

    /// <summary>
    /// The storage adapters alone, for tools that work on the stored state (the CLI's dead-letter commands) without
    /// hosting triggers or calling the register. The account comes from <c>AzureWebJobsStorage</c> (a connection
    /// string) or from the identity-based <c>AzureWebJobsStorage__*</c> settings; see <see cref="StorageOptions"/>.
    /// </summary>
    public static IServiceCollection AddLerarenFunctionsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Configure(o => ReadStorageSettings(o, configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        // Before the Azure clients' core services: they add a NullLoggerFactory when no logging is registered yet.
        services.AddLogging();
        services.AddAzureClientsCore();
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton<StorageClientFactory>();
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageClientFactory>(), sp.GetRequiredService<StorageRequestCounter>()));
        services.AddSingleton<IDeliveryStore, TableDeliveryStore>();
        services.AddSingleton<IBatchStore, TableBatchStore>();
        services.AddSingleton<IContentClaims, TableContentClaims>();
        services.AddSingleton<IDeadLetterStore, TableDeadLetterStore>();
        services.AddSingleton<IBoardStore, TableBoardStore>();
        services.AddSingleton<IReminderStore, TableReminderStore>();
        services.AddSingleton<IOutboxStore, TableOutboxStore>();
        services.AddSingleton<IBoardKeyStore, TableBoardKeyStore>();
        services.AddSingleton<IEmailQueue, QueueEmailQueue>();
        services.AddSingleton<IDeliveryFiles, BlobDeliveryFiles>();
        services.AddSingleton<IDeliveryUploads, BlobDeliveryUploads>();
        services.AddSingleton<IUploadLinks, BlobUploadLinks>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<ITerugmeldingStore, BlobTerugmeldingStore>();
        services.AddSingleton<IForwardingQueue, QueueForwardingQueue>();
        return services;
    }

    /// <summary>
    /// Reads the storage settings under the names the triggers read: the connection string as the value of
    /// <c>AzureWebJobsStorage</c> (or <c>ConnectionStrings:AzureWebJobsStorage</c>), the identity-based settings as its
    /// children (<c>AzureWebJobsStorage__blobServiceUri</c> in the environment is <c>AzureWebJobsStorage:blobServiceUri</c>).
    /// </summary>
    private static void ReadStorageSettings(StorageOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageOptions.SectionName);
        options.ConnectionString = section.Value ?? configuration.GetConnectionString(StorageNames.Connection);
        options.BlobServiceUri = section[StorageOptions.BlobServiceUriKey];
        options.QueueServiceUri = section[StorageOptions.QueueServiceUriKey];
        options.TableServiceUri = section[StorageOptions.TableServiceUriKey];
        options.AccountName = section[StorageOptions.AccountNameKey];
        options.Credential = section[StorageOptions.CredentialKey];
        options.ClientId = section[StorageOptions.ClientIdKey];
    }
}
