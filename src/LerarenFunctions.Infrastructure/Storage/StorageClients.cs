using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>
/// The SDK clients for the one storage account, configured once and built by <see cref="StorageClientFactory"/> from a
/// connection string or the managed identity. With a <see cref="StorageRequestCounter"/> every request they send is
/// counted; tools and tests that build their own clients may leave it out.
/// </summary>
public sealed class StorageClients
{
    private readonly StorageClientFactory _factory;
    private readonly StorageRequestCounter? _counter;

    public StorageClients(StorageClientFactory factory, StorageRequestCounter? counter = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        _counter = counter;
    }

    /// <summary>For tools and tests that have only the options (a connection string to Azurite, say).</summary>
    public StorageClients(IOptions<StorageOptions> options, StorageRequestCounter? counter = null)
        : this(new StorageClientFactory(options), counter)
    {
    }

    public BlobServiceClient Blobs => field ??= _factory.CreateBlobServiceClient(Counted(new BlobClientOptions(), StorageService.Blob));

    /// <summary>Base64 on both sides: the queue trigger decodes base64, the SDK sends plain text unless told.</summary>
    public QueueServiceClient Queues => field ??= _factory.CreateQueueServiceClient(Counted(
        new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 },
        StorageService.Queue));

    public TableServiceClient Tables => field ??= _factory.CreateTableServiceClient(Counted(new TableClientOptions(), StorageService.Table));

    /// <summary>Creates every container, queue and table that is missing. Idempotent.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var container in StorageNames.Containers)
        {
            await Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await Queues.GetQueueClient(queue + StorageNames.PoisonSuffix).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var table in StorageNames.Tables)
        {
            await Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
    }

    private T Counted<T>(T clientOptions, StorageService service)
        where T : ClientOptions
    {
        _counter?.AddTo(clientOptions, service);
        return clientOptions;
    }
}
