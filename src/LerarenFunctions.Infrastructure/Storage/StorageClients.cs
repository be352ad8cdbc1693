using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Infrastructure.Storage;

/// <summary>The SDK clients for the one storage account, configured once.</summary>
public sealed class StorageClients(IOptions<StorageOptions> options)
{
    private readonly string _connectionString = options.Value.ConnectionString!;

    public BlobServiceClient Blobs => field ??= new BlobServiceClient(_connectionString);

    /// <summary>Base64 on both sides: the queue trigger decodes base64, the SDK sends plain text unless told.</summary>
    public QueueServiceClient Queues => field ??= new QueueServiceClient(_connectionString, new QueueClientOptions
    {
        MessageEncoding = QueueMessageEncoding.Base64,
    });

    public TableServiceClient Tables => field ??= new TableServiceClient(_connectionString);

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
}
