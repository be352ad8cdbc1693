using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// The worker's own function classes on the worker's composition, against Azurite and a register, for tests that play
/// the triggers themselves instead of waiting for them.
/// </summary>
public static class WorkerHost
{
    public static async Task<IHost> StartAsync(
        string storage,
        Uri register,
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<IServiceCollection>? services = null,
        LogCapture? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.Connection] = storage,
            ["Register:BaseUrl"] = register.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLerarenFunctions();
        // Every function class of the worker, as the Functions runtime finds them: a new one needs no line here.
        foreach (var type in FunctionTypes)
        {
            builder.Services.AddTransient(type);
        }

        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The worker's function classes: every class with a <see cref="FunctionAttribute"/> method.</summary>
    public static IReadOnlyList<Type> FunctionTypes { get; } =
    [
        .. typeof(ReceiveDeliveryFunction).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes(typeof(FunctionAttribute), inherit: false).Length > 0)),
    ];

    public static T Function<T>(this IHost host)
        where T : notnull => host.Services.GetRequiredService<T>();

    public static async Task<DeliveryStatusView> StatusAsync(this IHost host, string deliveryId) =>
        await host.Function<GetDeliveryStatus>().HandleAsync(deliveryId, CancellationToken.None)
        ?? throw new InvalidOperationException($"Delivery {deliveryId} is unknown.");

    /// <summary>
    /// Plays the queue trigger: hands every waiting message to the worker's queue function, then runs the forwarding
    /// check once, as its timer would, for a delivery whose last-numbered batch was not the last to finish.
    /// With <paramref name="deleteMessages"/> false the messages stay and come back, to be handled a second time.
    /// </summary>
    public static async Task DrainForwardingQueueAsync(this IHost host, StorageClients storage, bool deleteMessages = true)
    {
        var queue = storage.Queues.GetQueueClient(StorageNames.ForwardingQueue);
        var function = host.Function<ForwardBatchFunction>();
        while ((await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromSeconds(deleteMessages ? 30 : 1))).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await function.Run(message.MessageText, message.DequeueCount, CancellationToken.None);
                if (deleteMessages)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            if (!deleteMessages)
            {
                // Left on the queue on purpose: they come back and are handled a second time.
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                return;
            }
        }

        await host.Function<CheckDeliveriesFunction>().Run(new TimerInfo(), CancellationToken.None);
    }
}
