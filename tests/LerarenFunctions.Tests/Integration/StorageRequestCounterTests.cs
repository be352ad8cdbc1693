using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Tests.Integration;

/// <summary>The storage transaction count is a cost figure: it must match the requests sent, one for one.</summary>
[Collection(StorageCollection.Name)]
public sealed class StorageRequestCounterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Counter_CountsEachRequestPerServiceAndOperation_WhenClientsComeFromTheComposition()
    {
        await using var services = ComposeStorage(azurite.ConnectionString);
        var clients = services.GetRequiredService<StorageClients>();
        var counter = services.GetRequiredService<StorageRequestCounter>();
        var published = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = ListenTo(services.GetRequiredService<IMeterFactory>(), published);
        var name = $"teller{Guid.NewGuid():N}"[..20];

        var container = clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
        await container.GetBlobClient($"{name}/a.json").UploadAsync(BinaryData.FromString("{}"), overwrite: true);
        await container.GetBlobClient($"{name}/a.json").DownloadContentAsync();
        var queue = clients.Queues.GetQueueClient(name);
        await queue.CreateAsync();
        await queue.SendMessageAsync("1");
        var received = await queue.ReceiveMessageAsync();
        await queue.DeleteMessageAsync(received.Value.MessageId, received.Value.PopReceipt);
        await clients.Tables.CreateTableIfNotExistsAsync(name);
        var table = clients.Tables.GetTableClient(name);
        await table.AddEntityAsync(new TableEntity("p", "1"));
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "2"))]);
        await table.GetEntityAsync<TableEntity>("p", "1");
        await table.QueryAsync<TableEntity>(e => e.PartitionKey == "p").ToListAsync();
        await table.QueryAsync<TableEntity>(e => e.RowKey == "1").ToListAsync();

        var totals = counter.Snapshot();
        Assert.Equal((2, 4, 6), (totals.Blob, totals.Queue, totals.Table));
        Assert.Equal(12, totals.Total);
        Assert.Equal(
            new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["blob PUT terugmeldingen blob"] = 1,
                ["blob GET terugmeldingen blob"] = 1,
                [$"queue PUT {name} queue"] = 1,
                [$"queue POST {name} messages"] = 1,
                [$"queue GET {name} messages"] = 1,
                [$"queue DELETE {name} message"] = 1,
                ["table POST tables"] = 1,
                [$"table POST {name} entity"] = 1,
                ["table POST batch"] = 1,
                [$"table GET {name} entity"] = 1,
                [$"table GET {name} query"] = 1,
                [$"table GET {name} scan"] = 1,
            },
            totals.ByOperation);
        Assert.Equal(totals.ByOperation, published);
    }

    [Fact]
    public async Task Counter_CountsEveryAttempt_WhenTheClientRetries()
    {
        await using var services = ComposeStorage(azurite.ConnectionString);
        var counter = services.GetRequiredService<StorageRequestCounter>();
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        counter.AddTo(options, StorageService.Blob);
        // Nothing listens on that port: every attempt fails and is retried.
        var nowhere = new BlobServiceClient(new AzuritePorts(AzuritePorts.FreePort(), 1, 1).ConnectionString, options);

        await Assert.ThrowsAnyAsync<Exception>(() => nowhere.GetBlobContainerClient("nergens").ExistsAsync());

        Assert.Equal(3, counter.Snapshot().Blob);
    }

    private static ServiceProvider ComposeStorage(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageNames.Connection] = connectionString })
            .Build();
        return new ServiceCollection().AddLerarenFunctionsStorage(configuration).BuildServiceProvider();
    }

    /// <summary>Listens to the counter of this composition only: tests running at the same time have counters of their own.</summary>
    private static MeterListener ListenTo(IMeterFactory scope, Dictionary<string, long> published)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument is { Name: StorageRequestCounter.InstrumentName, Meter.Name: StorageRequestCounter.MeterName } && instrument.Meter.Scope == scope)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var t = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                t[tag.Key] = tag.Value;
            }

            var resource = (string?)t["resource"];
            var key = string.IsNullOrEmpty(resource) ? $"{t["service"]} {t["method"]} {t["kind"]}" : $"{t["service"]} {t["method"]} {resource} {t["kind"]}";
            lock (published)
            {
                published[key] = published.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();
        return listener;
    }
}
