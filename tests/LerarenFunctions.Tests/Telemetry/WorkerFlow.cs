using System.Globalization;
using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.RegisterSimulator;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;

namespace LerarenFunctions.Tests.Telemetry;

/// <summary>
/// The whole flow in one process, where everything it emits can be captured: the worker's composition with its own
/// Azurite, the register simulator (faults on request), an SMTP server, a capturing logger and OpenTelemetry's
/// in-memory exporters. The test plays the triggers; every HTTP answer it gets is kept.
/// </summary>
public sealed class WorkerFlow : IAsyncDisposable
{
    private readonly List<(string Source, string Text)> _answers = [];

    private WorkerFlow(AzuriteFixture azurite, SimulatorServer register, SmtpSink smtp, IHost host, TelemetryCapture telemetry, LogCapture logs)
    {
        Azurite = azurite;
        Register = register;
        Smtp = smtp;
        Host = host;
        Telemetry = telemetry;
        Logs = logs;
    }

    public AzuriteFixture Azurite { get; }

    public SimulatorServer Register { get; }

    public SmtpSink Smtp { get; }

    public IHost Host { get; }

    public TelemetryCapture Telemetry { get; }

    public LogCapture Logs { get; }

    /// <summary>Every HTTP answer the flow got from a function: where, status, headers and body.</summary>
    public IReadOnlyList<(string Source, string Text)> Answers
    {
        get
        {
            lock (_answers)
            {
                return [.. _answers];
            }
        }
    }

    public RegisterFaults Faults => Register.State.Faults;

    public static async Task<WorkerFlow> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var register = await SimulatorServer.StartAsync();
        var smtp = await SmtpSink.StartAsync();
        var telemetry = new TelemetryCapture();
        var logs = new LogCapture();
        var all = new Dictionary<string, string?>
        {
            ["Email:Host"] = SmtpSink.Host,
            ["Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Forwarding:BatchSize"] = "3",
            ["Forwarding:RetryBaseDelay"] = "00:00:00.050",
            ["Forwarding:RetryMaxDelay"] = "00:00:00.200",
            ["Register:RetryDelay"] = "00:00:00.010",
            ["Register:MaxRetries"] = "1",
            ["Outbox:RetryBaseDelay"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await WorkerHost.StartAsync(azurite.ConnectionString, register.BaseUrl, all, telemetry.AddTo, logs);
        return new WorkerFlow(azurite, register, smtp, host, telemetry, logs);
    }

    public T Function<T>()
        where T : notnull => Host.Function<T>();

    /// <summary>Drops a file into the uploads container and plays the blob trigger; returns the delivery id.</summary>
    public async Task<string> DeliverAsync(string path, string content)
    {
        var blob = Azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient(path);
        var uploaded = await blob.UploadAsync(BinaryData.FromString(content), overwrite: true);
        await Function<ReceiveDeliveryFunction>().Run(blob, path, CancellationToken.None);
        return DeliveryPath.Parse(path).DeliveryId(uploaded.Value.ETag.ToString());
    }

    /// <summary>Plays the forwarding queue (with its periodic check) until it is empty, waiting out back-offs.</summary>
    public async Task ForwardAllAsync(TimeSpan? timeout = null)
    {
        var queue = Azurite.Clients.Queues.GetQueueClient(StorageNames.ForwardingQueue);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            await Host.DrainForwardingQueueAsync(Azurite.Clients);
            var properties = await queue.GetPropertiesAsync();
            if (properties.Value.ApproximateMessagesCount == 0 || DateTime.UtcNow > deadline)
            {
                return;
            }

            // Messages waiting on their back-off become visible soon.
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Plays the e-mail queue until it is empty: every e-mail goes to the SMTP server.</summary>
    public async Task SendAllEmailsAsync()
    {
        var queue = Azurite.Clients.Queues.GetQueueClient(StorageNames.EmailQueue);
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await Function<SendEmailFunction>().Run(message.MessageText, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>Runs an HTTP function's answer as the host would and keeps it; returns status and body.</summary>
    public async Task<(int Status, string Body)> AnswerAsync(string source, Task<IResult> call)
    {
        var result = await call;
        var context = new DefaultHttpContext { RequestServices = Host.Services };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = string.Join("; ", context.Response.Headers.Select(h => $"{h.Key}: {h.Value}"));
        lock (_answers)
        {
            _answers.Add((source, $"{context.Response.StatusCode} {headers} {body}"));
        }

        return (context.Response.StatusCode, body);
    }

    /// <summary>Collects what the periodic readers hold (metrics) and what is batched (logs).</summary>
    public void Flush()
    {
        Host.Services.GetService<MeterProvider>()?.ForceFlush();
        Host.Services.GetService<LoggerProvider>()?.ForceFlush();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Smtp.DisposeAsync();
        await Register.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
