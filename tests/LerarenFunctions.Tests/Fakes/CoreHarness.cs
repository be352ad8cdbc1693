using System.Text;
using LerarenFunctions.Core;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Reminders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>
/// Core's use cases on in-memory fakes of its ports and a fake clock: the lifecycle rules, tested in milliseconds.
/// The fakes keep the adapters' conditions (the stores' contract tests run both against the same rules).
/// </summary>
public sealed class CoreHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public CoreHarness(Dictionary<string, string?>? settings = null)
    {
        Queue = new InMemoryForwardingQueue(Time);
        Files = new InMemoryDeliveryFiles(Time);
        EmailQueue = new InMemoryEmailQueue(Time);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Small batches: a few dozen rows make several batches.
                ["Forwarding:BatchSize"] = "10",
                ["Forwarding:RetryBaseDelay"] = "00:00:30",
                ["Forwarding:RetryMaxDelay"] = "00:15:00",
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddOptions<ForwardingOptions>().Bind(configuration.GetSection(ForwardingOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptions<TeacherFileOptions>().Bind(configuration.GetSection(TeacherFileOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateDataAnnotations();
        services.AddLerarenFunctionsCore();
        services.AddSingleton<IDeliveryStore>(Deliveries);
        services.AddSingleton<IBatchStore>(Batches);
        services.AddSingleton<IContentClaims>(Claims);
        services.AddSingleton<IDeadLetterStore>(DeadLetters);
        services.AddSingleton<IDeliveryFiles>(Files);
        services.AddSingleton<IDeliveryUploads>(Files);
        services.AddSingleton<IIdempotencyStore>(Requests);
        services.AddSingleton<ITerugmeldingStore>(Reports);
        services.AddSingleton<IForwardingQueue>(Queue);
        services.AddSingleton<IRegisterClient>(Register);
        services.AddSingleton<IBoardStore>(Boards);
        services.AddSingleton<IOutboxStore>(Outbox);
        services.AddSingleton<IEmailQueue>(EmailQueue);
        services.AddSingleton<IEmailSender>(Mail);
        services.AddSingleton<IReminderStore>(Reminders);
        services.AddSingleton<IUploadLinks>(UploadLinks);
        services.AddSingleton<IBoardKeyStore>(BoardKeys);
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptions<BoardOptions>().Bind(configuration.GetSection(BoardOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptions<SupportOptions>().Bind(configuration.GetSection(SupportOptions.SectionName));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A Monday morning in the Netherlands; moved on by the tests.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    public InMemoryDeliveryStore Deliveries { get; } = new();

    public InMemoryBatchStore Batches { get; } = new();

    public InMemoryContentClaims Claims { get; } = new();

    public InMemoryBoardStore Boards { get; } = new();

    public InMemoryOutboxStore Outbox { get; } = new();

    public InMemoryReminderStore Reminders { get; } = new();

    public FakeUploadLinks UploadLinks { get; } = new();

    public InMemoryBoardKeyStore BoardKeys { get; } = new();

    public InMemoryEmailQueue EmailQueue { get; }

    public FakeEmailSender Mail { get; } = new();

    public InMemoryDeadLetterStore DeadLetters { get; } = new();

    public InMemoryDeliveryFiles Files { get; }

    public InMemoryIdempotencyStore Requests { get; } = new();

    public InMemoryTerugmeldingStore Reports { get; } = new();

    public InMemoryForwardingQueue Queue { get; }

    public FakeRegisterClient Register { get; } = new();

    public Support.LogCapture Logs { get; } = new();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Uploads a file as a board would; returns its path and the id its delivery gets.</summary>
    public (string Path, string DeliveryId) Drop(string path, string content)
    {
        var file = Files.Upload(path, Encoding.UTF8.GetBytes(content));
        return (path, DeliveryPath.Parse(path).DeliveryId(file.Version));
    }

    /// <summary>Uploads and takes the file in, as the blob trigger would.</summary>
    public async Task<string> DeliverAsync(string path, string content)
    {
        var (_, deliveryId) = Drop(path, content);
        await Get<ReceiveDelivery>().HandleAsync(path, CancellationToken.None);
        return deliveryId;
    }

    /// <summary>Plays the queue trigger for every message that is visible now, again for those it queues at once.</summary>
    public async Task<int> ForwardVisibleAsync()
    {
        var handled = 0;
        while (Queue.TakeVisible() is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await Get<ForwardBatch>().HandleAsync(message, dequeueCount: 1, CancellationToken.None);
                handled++;
            }
        }

        return handled;
    }

    /// <summary>Plays the e-mail queue trigger for every message visible now, again for those it queues at once.</summary>
    public async Task<int> SendVisibleEmailsAsync()
    {
        var handled = 0;
        while (EmailQueue.TakeVisible() is { Count: > 0 } ids)
        {
            foreach (var id in ids)
            {
                await Get<SendEmail>().HandleAsync(id, CancellationToken.None);
                handled++;
            }
        }

        return handled;
    }

    public void Dispose() => _services.Dispose();
}
