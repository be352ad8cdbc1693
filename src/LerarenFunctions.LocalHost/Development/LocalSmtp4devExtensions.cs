using LerarenFunctions.Infrastructure.Email;

namespace LerarenFunctions.LocalHost.Development;

public static partial class LocalSmtp4devExtensions
{
    /// <summary>
    /// Starts smtp4dev with the host when <c>LocalSmtp4dev:Start</c> is on and nothing listens on its SMTP port yet, and
    /// makes it where e-mail goes: when <c>Email:Host</c> is not configured it becomes 127.0.0.1, with <c>Email:Port</c>
    /// the SMTP port and <c>Email:Security</c> None where those are not configured either; <c>Email:FromAddress</c>
    /// gets an example address where it is not configured. A configured <c>Email:Host</c> is left as it is: someone who
    /// set one means another server. The host waits until smtp4dev is ready, and reports it if it dies.
    /// </summary>
    public static WebApplicationBuilder AddLocalSmtp4dev(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LocalSmtp4devOptions.SectionName).Get<LocalSmtp4devOptions>() ?? new();
        if (!options.Start)
        {
            return builder;
        }

        options.Validate();
        var defaults = new Dictionary<string, string?>();
        if (IsUnset(builder.Configuration, nameof(EmailOptions.Host)))
        {
            defaults[Key(nameof(EmailOptions.Host))] = "127.0.0.1";
            AddUnset(builder.Configuration, defaults, nameof(EmailOptions.Port), $"{options.SmtpPort}");
            AddUnset(builder.Configuration, defaults, nameof(EmailOptions.Security), nameof(EmailSecurity.None));
        }

        AddUnset(builder.Configuration, defaults, nameof(EmailOptions.FromAddress), "lerarenregister@voorbeeld.example");
        if (defaults.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(defaults);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<LocalSmtp4devService>();
        return builder;
    }

    private static string Key(string name) => $"{EmailOptions.SectionName}:{name}";

    private static bool IsUnset(IConfiguration configuration, string name) => string.IsNullOrEmpty(configuration[Key(name)]);

    private static void AddUnset(IConfiguration configuration, Dictionary<string, string?> defaults, string name, string value)
    {
        if (IsUnset(configuration, name))
        {
            defaults[Key(name)] = value;
        }
    }

    private sealed partial class LocalSmtp4devService(LocalSmtp4devOptions options, IHostApplicationLifetime lifetime, ILogger<LocalSmtp4devService> logger)
        : IHostedService, IAsyncDisposable
    {
        private Smtp4devProcess? _smtp4dev;
        private Task _watch = Task.CompletedTask;
        private volatile bool _stopping;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var ports = options.Ports;
            var webPage = $"http://127.0.0.1:{ports.Web}";
            if (AzuritePorts.IsListening(ports.Smtp))
            {
                LogAlreadyRunning(logger, ports.Smtp);
                LogWebPage(logger, webPage);
                return;
            }

            try
            {
                _smtp4dev = await Smtp4devProcess.StartAsync(ports, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException(
                    $"smtp4dev (LocalSmtp4dev:Start) could not be started; set LocalSmtp4dev:Start to false to run without it, or free the ports {ports}. {ex.Message}",
                    ex);
            }

            LogStarted(logger, ports.Smtp);
            LogWebPage(logger, webPage);
            _watch = ReportExitAsync(_smtp4dev);
        }

        public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

        public async ValueTask DisposeAsync()
        {
            _stopping = true;
            if (_smtp4dev is not null)
            {
                await _smtp4dev.DisposeAsync();
                _smtp4dev = null;
            }

            await _watch;
        }

        /// <summary>E-mails sent after smtp4dev died fail and are retried; the log says why, once, instead of each failed send only.</summary>
        private async Task ReportExitAsync(Smtp4devProcess smtp4dev)
        {
            var exitCode = await smtp4dev.Exited;
            if (_stopping || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            try
            {
                // Ctrl+C in a terminal reaches smtp4dev too (the same process group), and it may stop before the host
                // has begun to: that is a stop, not a death.
                await Task.Delay(TimeSpan.FromSeconds(2), lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!_stopping)
            {
                // smtp4dev logs every message's sender and recipients in full.
                var output = SmtpEmailSender.MaskAddresses(smtp4dev.Output);
                LogDied(logger, exitCode, output.Length > 4000 ? output[^4000..] : output);
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Something listens on 127.0.0.1:{SmtpPort} already; using it as smtp4dev")]
        private static partial void LogAlreadyRunning(ILogger logger, int smtpPort);

        [LoggerMessage(Level = LogLevel.Information, Message = "Started smtp4dev, taking e-mail on 127.0.0.1:{SmtpPort}")]
        private static partial void LogStarted(ILogger logger, int smtpPort);

        [LoggerMessage(Level = LogLevel.Information, Message = "E-mails: {Url}")]
        private static partial void LogWebPage(ILogger logger, string url);

        [LoggerMessage(Level = LogLevel.Error, Message = "smtp4dev stopped with exit code {ExitCode} while the LocalHost runs: e-mails fail until the LocalHost is restarted. Its last output:\n{Output}")]
        private static partial void LogDied(ILogger logger, int exitCode, string output);
    }
}
