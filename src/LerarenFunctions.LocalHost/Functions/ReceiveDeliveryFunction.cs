using Azure.Storage.Blobs;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>ReceiveDelivery</c>.</summary>
public sealed class ReceiveDeliveryFunction(ReceiveDelivery receiveDelivery)
{
    [FunctionName(nameof(ReceiveDelivery))]
    public Task Run(
        [BlobTrigger(StorageNames.UploadsTriggerPath, Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        receiveDelivery.HandleAsync(name, cancellationToken);
}
