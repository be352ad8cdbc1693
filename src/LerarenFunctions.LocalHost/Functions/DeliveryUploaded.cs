using Azure.Storage.Blobs;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>DeliveryUploaded</c>.</summary>
public sealed class DeliveryUploaded(ReceiveDelivery receiveDelivery)
{
    [FunctionName(nameof(DeliveryUploaded))]
    public Task Run(
        [BlobTrigger(StorageNames.UploadsTriggerPath, Connection = StorageNames.Connection)] BlobClient blob,
        CancellationToken cancellationToken) =>
        receiveDelivery.HandleAsync(blob.Name, cancellationToken);
}
