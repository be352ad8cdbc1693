using LerarenFunctions.Infrastructure.Storage;

namespace LerarenFunctions.LocalHost.Development;

public static partial class LocalAzuriteExtensions
{
    /// <summary>
    /// Starts Azurite with the host when <c>LocalAzurite:Start</c> is on, the storage setting is
    /// <c>UseDevelopmentStorage=true</c> and nothing listens on Azurite's ports yet. Call it first: hosted
    /// services start in order, and everything after it needs storage.
    /// </summary>
    public static WebApplicationBuilder AddLocalAzurite(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LocalAzuriteOptions.SectionName).Get<LocalAzuriteOptions>() ?? new();
        var usesDevelopmentStorage = builder.Configuration[StorageNames.Connection]?.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase) == true;
        if (options.Start && usesDevelopmentStorage)
        {
            builder.Services.AddSingleton(options);
            builder.Services.AddHostedService<LocalAzuriteService>();
        }

        return builder;
    }

    private sealed partial class LocalAzuriteService(LocalAzuriteOptions options, ILogger<LocalAzuriteService> logger) : IHostedService, IAsyncDisposable
    {
        private AzuriteProcess? _azurite;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (AzuritePorts.Default.AnyListening())
            {
                LogAlreadyRunning(logger);
                return;
            }

            var location = Path.Combine(RepositoryRoot.Find(), options.Location);
            _azurite = await AzuriteProcess.StartAsync(AzuritePorts.Default, location, cancellationToken);
            LogStarted(logger, location);
        }

        public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

        public async ValueTask DisposeAsync()
        {
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
                _azurite = null;
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is running already on 127.0.0.1:10000-10002; using it")]
        private static partial void LogAlreadyRunning(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite on 127.0.0.1:10000-10002 with its data in {Location}")]
        private static partial void LogStarted(ILogger logger, string location);
    }
}
