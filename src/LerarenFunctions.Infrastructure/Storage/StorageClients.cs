using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>
/// The SDK clients for the one storage account, configured once. With a <see cref="StorageRequestCounter"/> every
/// request they send is counted; tools and tests that build their own clients may leave it out.
/// </summary>
public sealed class StorageClients(IOptions<StorageOptions> options, StorageRequestCounter? counter = null)
{
    private readonly string _connectionString = options.Value.ConnectionString!;

    public BlobServiceClient Blobs => field ??= new BlobServiceClient(_connectionString, Counted(new BlobClientOptions(), StorageService.Blob));

    /// <summary>Base64 on both sides: the queue trigger decodes base64, the SDK sends plain text unless told.</summary>
    public QueueServiceClient Queues => field ??= new QueueServiceClient(_connectionString, Counted(
        new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 },
        StorageService.Queue));

    public TableServiceClient Tables => field ??= new TableServiceClient(_connectionString, Counted(new TableClientOptions(), StorageService.Table));

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
        counter?.AddTo(clientOptions, service);
        return clientOptions;
    }
}
