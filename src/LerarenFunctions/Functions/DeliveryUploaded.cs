using Azure.Storage.Blobs;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>A board dropped a file in <c>aanleveringen/{bestuursnummer}/{bestandsnaam}</c>.</summary>
public sealed class DeliveryUploaded(ReceiveDelivery receiveDelivery)
{
    [Function(nameof(DeliveryUploaded))]
    public Task Run(
        [BlobTrigger(StorageNames.UploadsTriggerPath, Connection = StorageNames.Connection)] BlobClient blob,
        CancellationToken cancellationToken) =>
        receiveDelivery.HandleAsync(blob.Name, cancellationToken);
}
